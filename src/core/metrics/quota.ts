import { PipelineError } from '../errors';
import { type Deal, isOpen, isWon } from '../model/deals';
import { inWindow, type Pipeline } from '../pipeline';
import type { OwnerWindow } from './closed';
import { byOwner } from './filters';

/** The quota given, else the owner's quota from Team, else the whole team's. */
export function resolveQuota(pipeline: Pipeline, quota: number | null, owner: string): number {
  if (quota !== null) {
    if (quota <= 0) throw new PipelineError(`Quota must be more than 0 (got ${quota}).`);
    return quota;
  }
  const team = pipeline.team;
  if (owner.trim() !== '') {
    const member = team.find(owner);
    if (member?.quota != null && member.quota > 0) return member.quota;
    throw new PipelineError(
      `No quota for ${owner.trim()}: give one, or add it to the Team sheet's Quota column.`,
    );
  }
  const total = team.members.reduce((s, m) => s + (m.quota ?? 0), 0);
  if (total <= 0) throw new PipelineError("No quota: give one, or fill the Team sheet's Quota column.");
  return total;
}

function wonAmount(pipeline: Pipeline, filter: OwnerWindow): number {
  // No window means all time (as for WINRATE/AVG_DEAL): a won deal counts even without a Closed date.
  return sumReadable(
    byOwner(pipeline, filter.owner).filter((d) => isWon(d) && inWindow(d.closed, filter.window)),
    `won deal(s)${period(filter)}`,
  );
}

function period(filter: OwnerWindow): string {
  return filter.window.start === null && filter.window.end === null ? '' : ' in this period';
}

/**
 * Σ Amount over deals, leaving out unreadable ones (listed by PIPELINE_CHECK). No deals: 0.
 * Deals but not one readable Amount: an error, not a silent 0 (as for VALUE).
 */
function sumReadable(deals: readonly Deal[], what: string): number {
  let total = 0;
  let readable = 0;
  for (const d of deals) {
    if (d.amount === null) continue;
    total += d.amount;
    readable++;
  }
  if (deals.length > 0 && readable === 0) {
    throw new PipelineError(`None of the ${deals.length} ${what} has a readable Amount; see PIPELINE_CHECK.`);
  }
  return total;
}

/** PIPELINE_ATTAINMENT: Amount won in the window ÷ quota. */
export function attainment(pipeline: Pipeline, quota: number | null, filter: OwnerWindow): number {
  const q = resolveQuota(pipeline, quota, filter.owner);
  return wonAmount(pipeline, filter) / q;
}

/** PIPELINE_COVERAGE: open Amount expected to close in the window ÷ (quota − Amount won in it). */
export function coverage(pipeline: Pipeline, quota: number | null, filter: OwnerWindow): number {
  const q = resolveQuota(pipeline, quota, filter.owner);
  const won = wonAmount(pipeline, filter);
  const gap = q - won;
  if (gap <= 0) {
    throw new PipelineError(`Quota already met: won ${won} of ${q}, so there is no gap to cover.`);
  }
  // No window: the whole open pipeline, with or without an Expected Close.
  const open = sumReadable(
    byOwner(pipeline, filter.owner).filter((d) => isOpen(d) && inWindow(d.expectedClose, filter.window)),
    `open deal(s) expected to close${period(filter)}`,
  );
  return open / gap;
}
