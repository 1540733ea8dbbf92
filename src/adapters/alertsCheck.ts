/**
 * One run of the stalled-deals check: read Deals, Stages and Team once, write the Stalled Since
 * column once (re-verified just before the write), then send the queued digests within the
 * mail quota and the time budget. Decisions are in src/core/alerts; this file does the I/O.
 *
 * Order matters for "never lost, never doubled": the alerted set and the queue are saved
 * (under the document lock) before the column is written, and each digest is removed from the
 * queue right after it is sent. Only one run sends at a time (a lease in document properties),
 * so the document lock is not held while emails go out.
 */

import { planCheck } from '../core/alerts/check';
import {
  type EmailContext,
  managerSummaryEmail,
  ownerDigestEmail,
  resolveItems,
} from '../core/alerts/digest';
import { placeFlags } from '../core/alerts/flags';
import type { RunSummary } from '../core/alerts/settings';
import { markFailed, markSent, type PendingDigest } from '../core/alerts/state';
import { PipelineError } from '../core/errors';
import { AlertsStore } from './alertsStore';
import { spreadsheetCalendar } from './calendar';
import { writeCells } from './cellWrite';
import { removeMyCheckTriggers } from './triggers';
import { findDealsSheet, readSheet, SHEET_NAMES } from './workbook';

/** Stop sending this long after the start (Apps Script kills a run at 6 minutes). */
export const DEFAULT_BUDGET_MS = 5 * 60 * 1000;
const LOCK_WAIT_MS = 30_000;
const SENDER_NAME = 'Sheets Pipeline';
const QUOTA_ERROR = /too many times|quota/i;

export interface CheckOptions {
  readonly via: 'trigger' | 'menu';
  /** Time budget in ms (default 5 minutes). */
  readonly budgetMs?: number;
}

function message(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}

/**
 * Runs the check. A trigger run by someone who is not the recorded owner of the alerts (or
 * after alerts were turned off) stops at once, deletes its own trigger and returns null.
 */
export function runStalledCheck(options: CheckOptions): RunSummary | null {
  const started = Date.now();
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const me = Session.getEffectiveUser().getEmail();
  const store = new AlertsStore(PropertiesService.getDocumentProperties());
  if (options.via === 'trigger') {
    const config = store.config();
    if (!config || config.owner.toLowerCase() !== me.toLowerCase()) {
      removeMyCheckTriggers();
      console.log(
        config
          ? `Stalled check: alerts now run as ${config.owner}; this trigger of ${me} was removed.`
          : 'Stalled check: alerts are off; this trigger was removed.',
      );
      return null;
    }
  }

  const summary = {
    at: new Date(started).toISOString(),
    by: me,
    via: options.via,
    deals: 0,
    stalled: 0,
    flagged: 0,
    cleared: 0,
    newlyStalled: 0,
    emailsSent: 0,
    emailsDeferred: 0,
    unaddressed: 0,
    finished: true,
    errors: [] as string[],
  };
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    summary.errors.push('Another check or edit held the spreadsheet for too long; try again later.');
    summary.finished = false;
    store.saveLastRun(summary);
    return summary;
  }

  let sending: {
    plan: ReturnType<typeof planCheck>;
    ctx: EmailContext;
    manager: string;
    lease: string;
  } | null = null;
  try {
    // What was read before the lock may be stale: another run or a takeover may have changed it.
    const config = store.refresh().config();
    if (options.via === 'trigger' && config?.owner.toLowerCase() !== me.toLowerCase()) return null;
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = findDealsSheet(ss);
    if (!sheet) throw new PipelineError('No Deals sheet: run Pipeline › Set up first.');
    const rows = readSheet(sheet) ?? [];
    const stages = readSheet(ss.getSheetByName(SHEET_NAMES.stages));
    const team = readSheet(ss.getSheetByName(SHEET_NAMES.team));
    const calendar = spreadsheetCalendar(ss.getSpreadsheetTimeZone());
    const today = calendar.dayOf(new Date(started)) ?? 0;
    const manager = config?.manager ?? '';
    const plan = planCheck({
      rows,
      sheet: sheet.getName(),
      stages,
      team,
      calendar,
      today,
      alerted: store.alerted(),
      pending: store.pending(),
      manager,
    });
    summary.deals = plan.table.deals.length;
    summary.stalled = plan.stalls.length;
    summary.newlyStalled = plan.fresh.length;
    summary.unaddressed = plan.unaddressed;
    // Remember before writing: a run that dies after this point never alerts these stalls twice.
    store.saveState({ alerted: plan.alerted, pending: plan.pending });

    if (plan.block === null) {
      summary.errors.push(
        `${sheet.getName()} has no Stalled Since column: run Pipeline › Set up to add it (deals were not flagged).`,
      );
    } else if (plan.flags.changes > 0) {
      const { first, width, layout } = plan.block;
      const last = sheet.getLastRow();
      const block = last >= 2 ? sheet.getRange(1, first + 1, last, width).getValues() : [];
      const placed = placeFlags(plan.flags.entries, block, layout, calendar);
      if (placed.kind === 'moved') {
        summary.errors.push(
          'The deals columns moved during the check; Stalled Since is written on the next run.',
        );
      } else {
        if (placed.changes > 0) {
          writeCells(
            sheet.getRange(2, first + layout.stalled + 1, placed.values.length, 1),
            placed.values.map((v) => [v]),
          ).setNumberFormat('yyyy-mm-dd');
        }
        summary.flagged = plan.flags.flagged;
        summary.cleared = plan.flags.cleared;
        if (placed.unplaced > 0)
          summary.errors.push(
            `${placed.unplaced} deal(s) changed rows or were deleted during the check and were not flagged.`,
          );
      }
    }

    // One sender at a time: another run already sending leaves the queue to it.
    const lease = store.refresh().lease();
    const id = `${me}@${started}`;
    if (lease && lease.until > Date.now() && lease.id !== id) {
      summary.errors.push('Another run is sending the alert emails; they go out from there.');
    } else if (plan.pending.length > 0) {
      store.saveLease({ id, until: started + budget + 60_000 });
      sending = {
        plan,
        manager,
        lease: id,
        ctx: { spreadsheetName: ss.getName(), url: ss.getUrl(), sheetId: sheet.getSheetId(), today },
      };
    }
  } catch (error) {
    summary.errors.push(message(error));
  } finally {
    lock.releaseLock();
  }

  if (sending) {
    const result = sendQueued(store, sending.plan, sending.ctx, sending.manager, started, budget);
    summary.emailsSent = result.sent;
    summary.finished = result.finished;
    summary.errors.push(...result.errors);
    withLock(() => {
      if (store.refresh().lease()?.id === sending?.lease) store.saveLease(null);
    });
  }
  summary.emailsDeferred = store.refresh().pending().length;
  store.saveLastRun(summary);
  return summary;
}

function withLock<T>(fn: () => T): T | undefined {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return undefined;
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

/** Sends the queued digests (as they were when the run read them) while quota and time allow. */
function sendQueued(
  store: AlertsStore,
  plan: ReturnType<typeof planCheck>,
  ctx: EmailContext,
  manager: string,
  started: number,
  budget: number,
): { sent: number; finished: boolean; errors: string[] } {
  const errors: string[] = [];
  let sent = 0;
  // Owners first: the manager's summary is the one that can wait a day.
  const queue = [...plan.pending].sort((a, b) => Number(a.manager) - Number(b.manager));
  const update = (change: (q: PendingDigest[]) => PendingDigest[]): boolean =>
    withLock(() => {
      store.saveState({ pending: change(store.refresh().pending()) });
      return true;
    }) === true;
  for (const digest of queue) {
    if (Date.now() - started >= budget) return { sent, finished: false, errors };
    const to = digest.manager ? manager : digest.to;
    const lines = resolveItems(digest, plan.current);
    if (to === '' || (lines.length === 0 && digest.more === 0)) {
      // No manager any more, or every deal moved on since: nothing to say.
      if (!update((q) => markSent(q, digest))) break;
      continue;
    }
    if (MailApp.getRemainingDailyQuota() < 1) break;
    const email = digest.manager
      ? managerSummaryEmail(lines, digest.more, plan.stalls, plan.team, ctx)
      : ownerDigestEmail(lines, digest.more, ctx);
    try {
      MailApp.sendEmail(to, email.subject, email.text, { htmlBody: email.html, name: SENDER_NAME });
    } catch (error) {
      const text = message(error);
      if (QUOTA_ERROR.test(text)) break;
      let dropped = false;
      update((q) => {
        const r = markFailed(q, digest);
        dropped = r.dropped;
        return r.queue;
      });
      errors.push(`Could not email ${to}: ${text}${dropped ? ' (given up after 3 tries)' : ''}`);
      continue;
    }
    sent++;
    if (!update((q) => markSent(q, digest))) {
      errors.push('Could not record the emails sent (the spreadsheet was busy); stopped sending.');
      break;
    }
  }
  return { sent, finished: true, errors };
}
