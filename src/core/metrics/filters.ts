import { columnsFromDeals, type DealColumns } from '../model/dealColumns';
import type { Deal } from '../model/deals';
import type { Pipeline } from '../pipeline';

/** Deals passing an owner filter (blank: all). */
export function byOwner(pipeline: Pipeline, owner: string): Deal[] {
  if (owner.trim() === '') return pipeline.deals.slice();
  const matches = pipeline.team.ownerMatcher(owner);
  return pipeline.deals.filter((d) => matches(d.owner));
}

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** The pipeline's deals as columns: the parse's own, else built from its Deal objects. */
export function columnsOf(pipeline: Pipeline): DealColumns {
  return pipeline.columns ?? columnsFromDeals(pipeline.deals);
}

/**
 * Which deals pass an owner filter, as a 0/1 per deal; null for a blank filter (every deal).
 * The Team matcher runs once per distinct Owner text, not once per deal.
 */
export function ownerMask(pipeline: Pipeline, columns: DealColumns, owner: string): Uint8Array | null {
  if (owner.trim() === '') return null;
  const matches = pipeline.team.ownerMatcher(owner);
  const seen = new Map<string, number>();
  const mask = new Uint8Array(columns.length);
  const owners = columns.owner;
  for (let i = 0; i < mask.length; i++) {
    const text = owners(i);
    let hit = seen.get(text);
    if (hit === undefined) {
      hit = matches(text) ? 1 : 0;
      seen.set(text, hit);
    }
    mask[i] = hit;
  }
  return mask;
}
