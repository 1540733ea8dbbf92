import type { Day } from '../model/dates';
import { type Deal, isOpen } from '../model/deals';

/** When the stall clock started: the later of Stage Entered and Last Activity, else Created. */
export function clockStart(deal: Deal): Day | null {
  const { stageEntered, lastActivity } = deal;
  if (stageEntered !== null && lastActivity !== null) return Math.max(stageEntered, lastActivity);
  return stageEntered ?? lastActivity ?? deal.created;
}

/** Days in the current stage, from Stage Entered (Created when blank); null when unknown. */
export function daysInStage(deal: Deal, today: Day): number | null {
  const start = deal.stageEntered ?? deal.created;
  return start === null ? null : today - start;
}

export function isSnoozed(deal: Deal, today: Day): boolean {
  return deal.snoozedUntil !== null && today < deal.snoozedUntil;
}

/**
 * SPEC §2: an open deal whose clock has run longer than its stage's Stalled After days and that
 * is not snoozed. Exactly the limit is not stalled; one day over is.
 */
export function isStalled(deal: Deal, today: Day): boolean {
  if (!isOpen(deal)) return false;
  const limit = deal.stage?.stalledAfter;
  if (limit === null || limit === undefined) return false;
  const start = clockStart(deal);
  if (start === null) return false;
  if (isSnoozed(deal, today)) return false;
  return today - start > limit;
}

/** The day the deal became stalled (clock start + limit + 1), or null when it is not stalled. */
export function stalledSinceDay(deal: Deal, today: Day): Day | null {
  if (!isStalled(deal, today)) return null;
  const start = clockStart(deal)!;
  const became = start + (deal.stage!.stalledAfter ?? 0) + 1;
  const snooze = deal.snoozedUntil;
  return snooze !== null && snooze > became ? snooze : became;
}
