import { PipelineError } from '../errors';
import { type Deal, probabilityOf } from '../model/deals';
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

/**
 * PIPELINE_VALUE: total Amount of those deals (unreadable amounts are left out and listed by
 * PIPELINE_CHECK). No deals: 0. Deals but not one readable Amount: an error, not a silent 0.
 */
export function totalValue(pipeline: Pipeline, filter: StageOwnerFilter): number {
  return sumAmounts(pipeline, filter, () => 1);
}

/** PIPELINE_WEIGHTED: Σ Amount × probability, a deal's own Probability winning over its stage's. */
export function weightedValue(pipeline: Pipeline, filter: StageOwnerFilter): number {
  return sumAmounts(pipeline, filter, probabilityOf);
}

function sumAmounts(pipeline: Pipeline, filter: StageOwnerFilter, weight: (deal: Deal) => number): number {
  const deals = selectDeals(pipeline, filter.stage, filter.owner);
  let total = 0;
  let readable = 0;
  for (const deal of deals) {
    if (deal.amount === null) continue;
    total += deal.amount * weight(deal);
    readable++;
  }
  if (deals.length > 0 && readable === 0) {
    throw new PipelineError(
      `None of the ${deals.length} deal(s) has a readable Amount, so there is no value to add up; see PIPELINE_CHECK.`,
    );
  }
  return total;
}
