import type { Deal } from '../model/deals';
import type { Stage } from '../model/stages';
import type { Pipeline } from '../pipeline';

/** Deals passing an owner filter (blank: all). */
export function byOwner(pipeline: Pipeline, owner: string): Deal[] {
  if (owner.trim() === '') return pipeline.deals.slice();
  const matches = pipeline.team.ownerMatcher(owner);
  return pipeline.deals.filter((d) => matches(d.owner));
}

/** Open deals, or with a stage the deals now in that stage, for one owner filter. */
export function selectDeals(pipeline: Pipeline, stage: Stage | null, owner: string): Deal[] {
  const deals = byOwner(pipeline, owner);
  return stage ? deals.filter((d) => d.stage === stage) : deals.filter((d) => d.stage?.outcome === 'Open');
}

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
