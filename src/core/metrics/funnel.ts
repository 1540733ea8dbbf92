import { PipelineError } from '../errors';
import { buildColumns, type DealColumns, LOST, WON } from '../model/dealColumns';
import type { Deal } from '../model/deals';
import { HistoryIndex } from '../model/history';
import type { Stage } from '../model/stages';
import type { Pipeline, Table } from '../pipeline';
import { columnsOf } from './filters';
import { Reach } from './reached';

export const FUNNEL_HEADERS = [
  'Stage',
  'Open Deals',
  'Open Value',
  'Weighted Value',
  'Reached',
  'Conversion',
];

/** Open deals, value and weighted value of one stage: the funnel's first figures, and the board's column heads. */
export interface StageTotals {
  readonly count: number;
  readonly value: number;
  readonly weighted: number;
}

/**
 * Per stage of `stages`, the deals now in it, their total Amount and Σ Amount × probability (a
 * deal's own Probability winning over its stage's), each stage summed in deal order. The board
 * calls this, PIPELINE_FUNNEL `columnTotals` on its columns: one loop, so they never disagree.
 */
export function stageTotals(deals: readonly Deal[], stages: readonly Stage[]): StageTotals[] {
  return columnTotals(buildColumns(deals), stages);
}

/** `stageTotals` over the deals' columns: the same sums, in the same deal order. */
export function columnTotals(c: DealColumns, stages: readonly Stage[]): StageTotals[] {
  // Per entry of the columns' stage list: its place in `stages` (-1: not one of them).
  const slot = new Int32Array(c.stageList.length);
  for (let s = 0; s < slot.length; s++) slot[s] = stages.indexOf(c.stageList[s]!);
  const count = new Float64Array(stages.length);
  const value = new Float64Array(stages.length);
  const weighted = new Float64Array(stages.length);
  const probability = c.stageList.map((s) => s.probability);
  for (let i = 0; i < c.length; i++) {
    const s = c.stage[i]!;
    if (s < 0) continue;
    const k = slot[s]!;
    if (k < 0) continue;
    count[k]!++;
    const amount = c.amount[i]!;
    if (!Number.isNaN(amount)) {
      value[k]! += amount;
      const own = c.probability[i]!;
      weighted[k]! += amount * (!Number.isNaN(own) ? own : probability[s]!);
    }
  }
  return stages.map((_, k) => ({ count: count[k]!, value: value[k]!, weighted: weighted[k]! }));
}

/**
 * PIPELINE_FUNNEL: per open stage in order, the open deals in it, their value and weighted value,
 * how many deals reached it, and Conversion = Reached(next open stage, Won after the last) ÷ Reached.
 * Conversion is blank when no deal reached the stage.
 */
export function funnel(pipeline: Pipeline): Table {
  const reach = new Reach(pipeline);
  const open = pipeline.stages.open;
  const reached = open.map((s) => reach.count(s));
  const wonReached = reach.count(pipeline.stages.won);
  const totals = columnTotals(columnsOf(pipeline), open);
  const rows: Table = [FUNNEL_HEADERS.slice()];
  open.forEach((stage, i) => {
    const { count, value, weighted } = totals[i]!;
    const here = reached[i] ?? 0;
    const next = i + 1 < open.length ? (reached[i + 1] ?? 0) : wonReached;
    rows.push([stage.name, count, value, weighted, here, here === 0 ? '' : next / here]);
  });
  return rows;
}

/** PIPELINE_CONVERSION: of the deals that ever entered `from`, the share that later entered `to`. */
export function conversion(pipeline: Pipeline, from: Stage, to: Stage): number {
  const reach = new Reach(pipeline);
  let entered = 0;
  let converted = 0;
  for (let i = 0; i < reach.length; i++) {
    if (!reach.reached(i, from)) continue;
    entered++;
    if (reach.reached(i, to) && (to.index > from.index || to === from)) converted++;
  }
  if (entered === 0) throw new PipelineError(`No deals have entered ${from.name}.`);
  return converted / entered;
}

/**
 * PIPELINE_STAGE_DAYS: mean days of completed stays in a stage, from History rows leaving it
 * (their Days In Stage, or the days since the deal's previous History row entering it).
 */
export function stageDays(pipeline: Pipeline, stage: Stage): number {
  const stays: number[] = [];
  for (const entries of new HistoryIndex(pipeline.history).groups()) {
    let enteredOn: number | null = null;
    for (const entry of entries) {
      if (entry.from === stage) {
        if (entry.daysInStage !== null) stays.push(entry.daysInStage);
        else if (enteredOn !== null && entry.when !== null && entry.when >= enteredOn) {
          stays.push(entry.when - enteredOn);
        }
      }
      enteredOn = entry.to === stage ? entry.when : null;
    }
  }
  if (stays.length === 0) throw new PipelineError(`No completed stays in ${stage.name} in History.`);
  return stays.reduce((a, b) => a + b, 0) / stays.length;
}

/** PIPELINE_STAGE_PROBABILITY: won deals ÷ (won deals + lost deals that reached the stage). */
export function stageProbability(pipeline: Pipeline, stage: Stage): number {
  const reach = new Reach(pipeline);
  let won = 0;
  let lost = 0;
  const c = columnsOf(pipeline);
  for (let i = 0; i < c.length; i++) {
    if (!reach.reached(i, stage)) continue;
    const s = c.stage[i]!;
    if (s < 0) continue;
    if (c.outcome[s] === WON) won++;
    else if (c.outcome[s] === LOST) lost++;
  }
  if (won + lost === 0) throw new PipelineError(`No closed deals reached ${stage.name}.`);
  return won / (won + lost);
}
