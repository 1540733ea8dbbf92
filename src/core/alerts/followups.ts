/**
 * Follow-ups in the daily digest (SPEC §4): a deal whose Next Step Date is today or past, and a
 * deal whose Expected Close passed while it is still open — what PIPELINE_OVERDUE lists, but a
 * next step due today is already worth a line in the morning's email. Snoozed and closed deals
 * are left out.
 *
 * They share the stalls' memory (the alerted set) under their own keys, `dealKey TAB c|n`, with
 * the date as the remembered day: a deal key never holds a tab (see `dealKeys`), so the two
 * never collide, and a follow-up is told again only once its date changed.
 */
import { isSnoozed } from '../metrics/stalled';
import type { Day } from '../model/dates';
import { type Deal, isOpen } from '../model/deals';
import type { Alerted, StallInfo } from './state';

export const FOLLOW_UP_PROBLEMS = ['Next step due', 'Close date passed'] as const;
export type FollowUpProblem = (typeof FOLLOW_UP_PROBLEMS)[number];

/** A follow-up as the digest sees it; `since` is the date (Next Step Date or Expected Close). */
export interface FollowUpInfo extends StallInfo {
  readonly problem: FollowUpProblem;
}

export function isFollowUp(info: StallInfo): info is FollowUpInfo {
  return 'problem' in info;
}

const SUFFIX: Record<FollowUpProblem, string> = { 'Next step due': 'n', 'Close date passed': 'c' };

export function followUpKey(dealKey: string, problem: FollowUpProblem): string {
  return `${dealKey}\t${SUFFIX[problem]}`;
}

/** Is this key of the alerted set a follow-up's (not a stall's)? */
export function isFollowUpKey(key: string): boolean {
  return key.indexOf('\t') >= 0;
}

/** The date a follow-up of this deal is about now (null: none can be). */
function dateOf(deal: Deal, problem: FollowUpProblem): Day | null {
  return problem === 'Next step due' ? deal.nextStepDate : deal.expectedClose;
}

/**
 * Every follow-up due on `today`, in sheet order, next steps before close dates for one deal.
 * A next step dated today is due; an Expected Close of today has not passed yet.
 */
export function dueFollowUps(
  deals: readonly Deal[],
  keys: ReadonlyMap<Deal, string>,
  today: Day,
): FollowUpInfo[] {
  const out: FollowUpInfo[] = [];
  for (const deal of deals) {
    if (!isOpen(deal) || isSnoozed(deal, today)) continue;
    const key = keys.get(deal)!;
    if (deal.nextStepDate !== null && deal.nextStepDate <= today)
      out.push({
        key: followUpKey(key, 'Next step due'),
        deal,
        since: deal.nextStepDate,
        problem: 'Next step due',
      });
    if (deal.expectedClose !== null && deal.expectedClose < today)
      out.push({
        key: followUpKey(key, 'Close date passed'),
        deal,
        since: deal.expectedClose,
        problem: 'Close date passed',
      });
  }
  return out;
}

/** The follow-ups not told yet: not remembered with the same date. */
export function newFollowUps(due: readonly FollowUpInfo[], alerted: Alerted): FollowUpInfo[] {
  return due.filter((f) => alerted.get(f.key) !== f.since);
}

/** Splits the alerted set into the stalls' part and the follow-ups' part. */
export function splitAlerted(alerted: Alerted): { stalls: Alerted; followUps: Alerted } {
  const stalls: Alerted = new Map();
  const followUps: Alerted = new Map();
  for (const [key, day] of alerted) (isFollowUpKey(key) ? followUps : stalls).set(key, day);
  return { stalls, followUps };
}

/**
 * Keeps the remembered follow-ups whose deal still exists, is open, and still has that date:
 * a changed (or cleared) date forgets it, so the new date is told when it comes due. A snooze
 * does not forget it (the date did not change).
 */
export function pruneFollowUps(
  remembered: Alerted,
  deals: readonly Deal[],
  keys: ReadonlyMap<Deal, string>,
): [string, Day][] {
  const byKey = new Map<string, Deal>();
  for (const d of deals) byKey.set(keys.get(d)!, d);
  const kept: [string, Day][] = [];
  for (const [key, day] of remembered) {
    const tab = key.lastIndexOf('\t');
    const deal = byKey.get(key.slice(0, tab));
    const problem = FOLLOW_UP_PROBLEMS.find((p) => SUFFIX[p] === key.slice(tab + 1));
    if (!deal || !problem || !isOpen(deal) || dateOf(deal, problem) !== day) continue;
    kept.push([key, day]);
  }
  return kept;
}
