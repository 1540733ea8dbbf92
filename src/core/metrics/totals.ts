import { probabilityOf } from '../model/deals';
import type { Stage } from '../model/stages';
import type { Pipeline } from '../pipeline';
import { selectDeals } from './filters';

export interface StageOwnerFilter {
  readonly stage: Stage | null;
  readonly owner: string;
}

/** PIPELINE_COUNT: open deals; with a stage, deals now in that stage. */
export function countDeals(pipeline: Pipeline, filter: StageOwnerFilter): number {
  return selectDeals(pipeline, filter.stage, filter.owner).length;
}

/** PIPELINE_VALUE: total Amount of those deals (unreadable amounts are left out). */
export function totalValue(pipeline: Pipeline, filter: StageOwnerFilter): number {
  let total = 0;
  for (const deal of selectDeals(pipeline, filter.stage, filter.owner)) total += deal.amount ?? 0;
  return total;
}

/** PIPELINE_WEIGHTED: Σ Amount × probability, a deal's own Probability winning over its stage's. */
export function weightedValue(pipeline: Pipeline, filter: StageOwnerFilter): number {
  let total = 0;
  for (const deal of selectDeals(pipeline, filter.stage, filter.owner)) {
    if (deal.amount !== null) total += deal.amount * probabilityOf(deal);
  }
  return total;
}
