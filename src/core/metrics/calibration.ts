import { isLost, isWon } from '../model/deals';
import type { Stage } from '../model/stages';
import type { Pipeline, Table } from '../pipeline';
import { Reach } from './reached';

export const CALIBRATION_HEADERS = ['Stage', 'Set Probability', 'Historical', 'Closed Deals', 'Difference'];

/** What History says of one open stage: the closed deals that reached it. */
export interface StageRecord {
  readonly stage: Stage;
  readonly won: number;
  readonly lost: number;
  /** won ÷ (won + lost) — PIPELINE_STAGE_PROBABILITY — or null when no closed deal reached the stage. */
  readonly historical: number | null;
}

/**
 * Per open stage in order, the won and lost deals that reached it (SPEC §2 "reached"), from one
 * pass over the deals: what PIPELINE_STAGE_PROBABILITY computes stage by stage.
 */
export function stageRecords(pipeline: Pipeline): StageRecord[] {
  const reach = new Reach(pipeline);
  const open = pipeline.stages.open;
  const won = new Array<number>(open.length).fill(0);
  const lost = new Array<number>(open.length).fill(0);
  pipeline.deals.forEach((deal, i) => {
    const w = isWon(deal);
    if (!w && !isLost(deal)) return;
    open.forEach((stage, s) => {
      if (!reach.reached(i, stage)) return;
      if (w) won[s]! += 1;
      else lost[s]! += 1;
    });
  });
  return open.map((stage, s) => {
    const closed = won[s]! + lost[s]!;
    return { stage, won: won[s]!, lost: lost[s]!, historical: closed === 0 ? null : won[s]! / closed };
  });
}

/**
 * PIPELINE_CALIBRATION: per open stage, the probability set in Stages, the historical one (blank
 * when no closed deal reached the stage), how many closed deals reached it, and Historical − Set
 * (blank with Historical).
 */
export function calibrationTable(pipeline: Pipeline): Table {
  return [
    CALIBRATION_HEADERS.slice(),
    ...stageRecords(pipeline).map((r) => [
      r.stage.name,
      r.stage.probability,
      r.historical ?? '',
      r.won + r.lost,
      r.historical === null ? '' : r.historical - r.stage.probability,
    ]),
  ];
}
