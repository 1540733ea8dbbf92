import { PipelineError } from '../errors';
import { OPEN } from '../model/dealColumns';
import type { Stage } from '../model/stages';
import type { Pipeline } from '../pipeline';
import { columnsOf, ownerMask } from './filters';

export interface StageOwnerFilter {
  readonly stage: Stage | null;
  readonly owner: string;
}

/** Open deals, or with a stage the deals now in it, of an owner filter: indexes into the columns. */
function selected(pipeline: Pipeline, filter: StageOwnerFilter): Int32Array {
  const c = columnsOf(pipeline);
  const mask = ownerMask(pipeline, c, filter.owner);
  // Which entries of the stage list count: the one stage asked for, else every open stage.
  const pick = new Uint8Array(c.stageList.length);
  for (let s = 0; s < pick.length; s++)
    pick[s] = filter.stage ? (c.stageList[s] === filter.stage ? 1 : 0) : c.outcome[s] === OPEN ? 1 : 0;
  const out = new Int32Array(c.length);
  let n = 0;
  const stage = c.stage;
  for (let i = 0; i < c.length; i++) {
    const s = stage[i]!;
    if (s >= 0 && pick[s] === 1 && (mask === null || mask[i] === 1)) out[n++] = i;
  }
  return out.subarray(0, n);
}

/** PIPELINE_COUNT: open deals; with a stage, deals now in that stage. */
export function countDeals(pipeline: Pipeline, filter: StageOwnerFilter): number {
  return selected(pipeline, filter).length;
}

/**
 * PIPELINE_VALUE: total Amount of those deals (unreadable amounts are left out and listed by
 * PIPELINE_CHECK). No deals: 0. Deals but not one readable Amount: an error, not a silent 0.
 */
export function totalValue(pipeline: Pipeline, filter: StageOwnerFilter): number {
  return sumAmounts(pipeline, filter, false);
}

/** PIPELINE_WEIGHTED: Σ Amount × probability, a deal's own Probability winning over its stage's. */
export function weightedValue(pipeline: Pipeline, filter: StageOwnerFilter): number {
  return sumAmounts(pipeline, filter, true);
}

function sumAmounts(pipeline: Pipeline, filter: StageOwnerFilter, weighted: boolean): number {
  const c = columnsOf(pipeline);
  const deals = selected(pipeline, filter);
  const stageProbability = c.stageList.map((s) => s.probability);
  let total = 0;
  let readable = 0;
  for (let k = 0; k < deals.length; k++) {
    const i = deals[k]!;
    const amount = c.amount[i]!;
    if (Number.isNaN(amount)) continue;
    if (weighted) {
      const own = c.probability[i]!;
      total += amount * (!Number.isNaN(own) ? own : stageProbability[c.stage[i]!]!);
    } else total += amount;
    readable++;
  }
  if (deals.length > 0 && readable === 0) {
    throw new PipelineError(
      `None of the ${deals.length} deal(s) has a readable Amount, so there is no value to add up; see PIPELINE_CHECK.`,
    );
  }
  return total;
}
