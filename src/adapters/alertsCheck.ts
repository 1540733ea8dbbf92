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
import { type EmailContext, fitEmail, MAX_SUMMARY_ROWS, resolveItems } from '../core/alerts/digest';
import { flagDay, holdsFlag, placeFlags } from '../core/alerts/flags';
import type { RunSummary } from '../core/alerts/settings';
import {
  digestKey,
  markFailed,
  markSending,
  markSent,
  type PendingDigest,
  RETRY_DAYS,
} from '../core/alerts/state';
import type { Calendar } from '../core/model/dates';
import { cellText, normalizeKey } from '../core/model/text';
import { managerSummaryEmail, ownerDigestEmail } from '../views/digestEmails';
import { AlertsStore } from './alertsStore';
import { writeCells } from './cellWrite';
import { WorkbookContext } from './context';
import { refreshDashboardFormulas } from './dashboardSheet';
import { reconcileDeals } from './reconcile';
import { refreshReportSheet } from './reportSheet';
import { removeMyCheckTriggers } from './triggers';
import { type PreparedReport, sendWeeklyReport, weeklyStep } from './weeklyReport';
import { readOwnTable, readSheet } from './workbook';

/** Stop sending this long after the start (Apps Script kills a run at 6 minutes). */
export const DEFAULT_BUDGET_MS = 5 * 60 * 1000;
/** The check runs unattended: it waits longer for the lock than a user's action (10 s). */
const CHECK_LOCK_WAIT_MS = 30_000;
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

  const summary = startSummary(started, me, options.via);
  const wb = WorkbookContext.active();
  const locked = wb.withLock(
    CHECK_LOCK_WAIT_MS,
    () => checkUnderLock(wb, store, summary, options, me, started, budget),
    () => null,
  );
  if (!locked) {
    summary.errors.push('Another check or edit held the spreadsheet for too long; try again later.');
    summary.finished = false;
    store.saveLastRun(summary);
    return summary;
  }
  if (locked.kind === 'stopped') return null;
  const { runDay, report, sending } = locked;

  if (sending) {
    const result = sendQueued(wb, store, sending.plan, sending.email, sending.manager, started, budget);
    summary.emailsSent = result.sent;
    summary.finished = result.finished;
    summary.errors.push(...result.errors);
    withLock(wb, () => {
      if (store.refresh().lease()?.id === sending?.lease) store.saveLease(null);
    });
  }
  let reportWaiting = 0;
  if (report) {
    const result = sendWeeklyReport(report, runDay, started + budget);
    summary.emailsSent += result.sent;
    summary.errors.push(...result.errors);
    reportWaiting = result.waiting;
  }
  const left = store.refresh().pending();
  summary.emailsDeferred = left.filter((d) => d.to !== '' || d.manager).length + reportWaiting;
  const undelivered = store
    .undelivered(runDay - 30)
    .slice(-5)
    .map((n) => (n.length > 300 ? `${n.slice(0, 297)}...` : n));
  store.saveLastRun({ ...summary, undelivered });
  return summary;
}

/** What the locked part of a run leaves for the rest: what to send, or that the run stops. */
type UnderLock =
  | { readonly kind: 'stopped' }
  | {
      readonly kind: 'done';
      readonly runDay: number;
      readonly report: PreparedReport | null;
      readonly sending: Sending | null;
    };

interface Sending {
  readonly plan: ReturnType<typeof planCheck>;
  readonly email: EmailContext;
  readonly manager: string;
  readonly lease: string;
}

type Summary = ReturnType<typeof startSummary>;

function startSummary(started: number, me: string, via: CheckOptions['via']) {
  return {
    at: new Date(started).toISOString(),
    by: me,
    via,
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
    synced: 0,
    snapshotRows: 0,
  };
}

/**
 * The run's reads, decisions and writes, under the document lock (the context flushes before
 * releasing it): the deals and Team read once, the stages through the context, the plan saved
 * before Stalled Since is written, the missed moves reconciled, the Dashboard and the weekly step.
 */
function checkUnderLock(
  wb: WorkbookContext,
  store: AlertsStore,
  summary: Summary,
  options: CheckOptions,
  me: string,
  started: number,
  budget: number,
): UnderLock {
  let runDay = 0;
  let report: PreparedReport | null = null;
  let sending: Sending | null = null;
  try {
    // What was read before the lock may be stale: another run or a takeover may have changed it.
    const config = store.refresh().config();
    if (options.via === 'trigger' && config?.owner.toLowerCase() !== me.toLowerCase())
      return { kind: 'stopped' };
    const ss = wb.ss;
    const sheet = wb.dealsSheet();
    const rows = readSheet(sheet) ?? [];
    const stages = wb.stages();
    const team = readOwnTable(ss, 'team');
    const calendar = wb.calendar;
    const today = calendar.dayOf(new Date(started)) ?? 0;
    runDay = today;
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
    // Moves the edit trigger missed (dropped events, a busy lock, a timeout) get their History row.
    try {
      summary.synced = reconcileDeals(ss, plan.table.deals, stages).added;
    } catch (error) {
      summary.errors.push(`Could not compare Stage with History: ${message(error)}`);
    }
    // Remember before writing: a run that dies after this point never alerts these stalls twice.
    store.saveState({ alerted: plan.alerted, pending: plan.pending });

    if (plan.block === null) {
      summary.errors.push(
        `${sheet.getName()} has no Stalled Since column: run Pipeline › Set up to add it (deals were not flagged).`,
      );
    } else if (plan.flags.changes > 0) {
      const written = writeFlags(sheet, plan.block, plan.flags.entries, calendar);
      if (written.kind === 'moved') {
        summary.errors.push(
          'The deals columns moved during the check; Stalled Since is written on the next run.',
        );
      } else {
        summary.flagged = plan.flags.flagged;
        summary.cleared = plan.flags.cleared;
        if (written.unplaced > 0)
          summary.errors.push(
            `${written.unplaced} deal(s) changed rows or were deleted during the check and were not flagged.`,
          );
        if (written.problem) summary.errors.push(written.problem);
      }
    }

    // Figures that depend on today (stalled, overdue, forecast range) are evaluated anew each run,
    // and the dates the add-on writes as values (custom functions must not depend on TODAY())
    // move to today: the Dashboard's forecast windows, the Report's date.
    const builtSheets = [
      ['Dashboard', refreshDashboardFormulas],
      ['Report', refreshReportSheet],
    ] as const;
    for (const [name, refresh] of builtSheets) {
      try {
        if (refresh(ss, wb) === 'not-current')
          summary.errors.push(
            `The ${name} sheet is not the current layout of Pipeline › ${name}, so it was not refreshed: rebuild it with Pipeline › ${name}.`,
          );
      } catch (error) {
        summary.errors.push(`The ${name} could not be refreshed: ${message(error)}`);
      }
    }

    // The weekly snapshot (on the report day, once) and the report's queue and content (SPEC §4).
    try {
      const weekly = weeklyStep({
        ss,
        config,
        today,
        calendar,
        table: plan.table,
        pipeline: plan.pipeline,
        dealsSheet: sheet,
      });
      summary.snapshotRows = weekly.snapshotRows;
      summary.errors.push(...weekly.errors);
      report = weekly.prepared;
    } catch (error) {
      summary.errors.push(`The weekly snapshot could not be taken: ${message(error)}`);
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
        email: { spreadsheetName: ss.getName(), url: ss.getUrl(), sheetId: sheet.getSheetId(), today },
      };
    }
  } catch (error) {
    summary.errors.push(message(error));
  }
  return { kind: 'done', runDay, report, sending };
}

/** A short step under the workbook's lock (the queue, the lease); undefined when it stays busy. */
function withLock<T>(wb: WorkbookContext, fn: () => T): T | undefined {
  return wb.withLock<T | undefined>(CHECK_LOCK_WAIT_MS, fn, () => undefined);
}

type Block = NonNullable<ReturnType<typeof planCheck>['block']>;
type Cell = string | number | boolean | Date;
const FLAG_ATTEMPTS = 3;

/**
 * Writes the Stalled Since flags by deal, not as a column from an earlier read: reads the ID..
 * Stalled Since block, places each deal's flag on the row that holds its ID now (`placeFlags`),
 * writes only the cells that change (one setValues per run of rows), flushes, and reads the block
 * again. When a sort or an insert moved the rows or columns in between, what landed on the wrong
 * row or column is put back (a plan deal gets its own flag on the next try; a row inserted since
 * gets its blank back; a column that took the write its old values) and the write is tried again.
 */
function writeFlags(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  block: Block,
  entries: ReturnType<typeof planCheck>['flags']['entries'],
  calendar: Calendar,
): { kind: 'moved' } | { kind: 'ok'; unplaced: number; problem?: string } {
  const { first, width, layout } = block;
  const column = first + layout.stalled + 1;
  const read = (): unknown[][] => {
    const last = sheet.getLastRow();
    return last >= 2 ? sheet.getRange(1, first + 1, last, width).getValues() : [];
  };
  const key = (row: readonly unknown[] | undefined): string => {
    if (!row) return '';
    const id = layout.id >= 0 ? cellText(row[layout.id]) : '';
    return id !== '' ? `id:${id}` : `name:${layout.name >= 0 ? cellText(row[layout.name]) : ''}`;
  };
  // A team's own formulas under the Stalled Since name (e.g. a `Stalled` column they compute)
  // are theirs: never written over, whatever Set up found. One read of the column's formulas.
  const last = sheet.getLastRow();
  if (
    last >= 2 &&
    sheet
      .getRange(2, column, last - 1, 1)
      .getFormulas()
      .some((r) => (r[0] ?? '') !== '')
  ) {
    return {
      kind: 'ok',
      unplaced: 0,
      problem: `${sheet.getName()}'s Stalled Since column holds formulas of yours: the check did not write over them.`,
    };
  }
  let unplaced = 0;
  for (let attempt = 1; attempt <= FLAG_ATTEMPTS; attempt++) {
    const before = read();
    const placed = placeFlags(entries, before, layout, calendar);
    if (placed.kind === 'moved') return { kind: 'moved' };
    unplaced = placed.unplaced;
    const changed: { row: number; value: Cell }[] = [];
    placed.values.forEach((value, i) => {
      if (!sameCell(before[i + 1]?.[layout.stalled], value, calendar)) changed.push({ row: i + 2, value });
    });
    if (changed.length === 0) return { kind: 'ok', unplaced };
    for (const run of rowRuns(changed)) {
      writeCells(
        sheet.getRange(run.row, column, run.values.length, 1),
        run.values.map((v) => [v]),
      ).setNumberFormat('yyyy-mm-dd');
    }
    SpreadsheetApp.flush();
    const after = read();
    const headerSame = (after[0] ?? []).every((h, i) => normalizeKey(h) === normalizeKey(before[0]?.[i]));
    const putBack: { row: number; col: number; value: Cell }[] = [];
    if (headerSame) {
      const priorByKey = new Map<string, unknown>();
      for (const row of before.slice(1)) priorByKey.set(key(row), row[layout.stalled]);
      const planKeys = new Set(entries.map((e) => (e.id !== '' ? `id:${e.id}` : `name:${e.name}`)));
      let moved = false;
      for (const c of changed) {
        const now = after[c.row - 1];
        if (key(now) === key(before[c.row - 1])) continue;
        moved = true;
        // A deal of the plan gets its own flag on the next try; any other row its value back.
        if (!planKeys.has(key(now))) {
          const prior = key(now) === 'name:' ? '' : priorByKey.get(key(now));
          putBack.push({ row: c.row, col: column, value: restorableCell(prior) });
        }
      }
      if (!moved) return { kind: 'ok', unplaced };
    } else {
      // Columns moved: each written cell now sits in another column; give it that column's value.
      const oldKeys = (before[0] ?? []).map((h) => normalizeKey(h));
      const atColumn = normalizeKey(after[0]?.[layout.stalled]);
      const j = oldKeys.indexOf(atColumn);
      for (const c of changed) {
        const prior = j < 0 ? '' : before[c.row - 1]?.[j];
        putBack.push({ row: c.row, col: column, value: restorableCell(prior) });
      }
    }
    for (const p of putBack) writeCells(sheet.getRange(p.row, p.col), [[p.value]]);
    if (putBack.length > 0) SpreadsheetApp.flush();
    if (!headerSame) return { kind: 'moved' };
  }
  return {
    kind: 'ok',
    unplaced,
    problem: 'The deals sheet kept changing while Stalled Since was written; the next run checks it again.',
  };
}

/** Consecutive rows as blocks (one setValues each). */
function rowRuns(cells: readonly { row: number; value: Cell }[]): { row: number; values: Cell[] }[] {
  const runs: { row: number; values: Cell[] }[] = [];
  for (const c of cells) {
    const last = runs[runs.length - 1];
    if (last && last.row + last.values.length === c.row) last.values.push(c.value);
    else runs.push({ row: c.row, values: [c.value] });
  }
  return runs;
}

/** Does a Stalled Since cell already hold this value (blank, or a date on the same day)? */
function sameCell(current: unknown, value: Cell, calendar: Calendar): boolean {
  if (value === '') return current === '' || current === null || current === undefined;
  return holdsFlag(current, flagDay(value, calendar), calendar);
}

/** A value put back as it was read (text is kept text by `writeCells`). */
function restorableCell(value: unknown): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && 'getTime' in (value as object)) return value as Date;
  return String(value);
}

/**
 * Sends the queued digests (as they were when the run read them) while quota and time allow.
 * - A digest for an owner with no address yet waits (the manager's summary lists the deals).
 * - Each send is recorded before MailApp is called (`markSending`) and after it (`markSent`): a
 *   run that dies in between leaves the mark, and the next run sends that digest once more, at
 *   most; a second such death and it is not sent again but reported.
 * - A send MailApp refuses (it throws: nothing went out) stays queued and is tried on each later
 *   run; after `RETRY_DAYS` days it is given up, and reported to the manager and in Alert settings.
 * - Each email is kept under MailApp's body limit: deals beyond what fits are counted, with a link.
 */
function sendQueued(
  wb: WorkbookContext,
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
    withLock(wb, () => {
      store.saveState({ pending: change(store.refresh().pending()) });
      return true;
    }) === true;
  for (const digest of queue) {
    if (Date.now() - started >= budget) return { sent, finished: false, errors };
    const lines = resolveItems(digest, plan.current);
    if (lines.length === 0 && digest.more === 0) {
      // Every deal moved on since: nothing to say.
      if (!update((q) => markSent(q, digest))) break;
      continue;
    }
    const to = digest.manager ? manager : digest.to;
    if (to === '') {
      if (digest.manager && !update((q) => markSent(q, digest))) break; // no manager any more
      continue; // an owner with no address yet: kept until Team gives one
    }
    if ((digest.unconfirmed ?? 0) >= 2) {
      update((q) => markSent(q, digest));
      errors.push(
        `Twice a run stopped right after emailing ${to}, before recording it; it was not sent a third time.`,
      );
      continue;
    }
    if (MailApp.getRemainingDailyQuota() < 1) break;
    const count = lines.length;
    const email = digest.manager
      ? fitEmail(
          (n) =>
            managerSummaryEmail(
              lines.slice(0, n),
              digest.more + count - n,
              plan.stalls,
              plan.team,
              ctx,
              n >= count ? MAX_SUMMARY_ROWS : n,
              plan.followUps,
            ),
          count,
        )
      : fitEmail((n) => ownerDigestEmail(lines.slice(0, n), digest.more + count - n, ctx), count);
    if (!update((q) => markSending(q, digest))) {
      errors.push('Could not record the emails sent (the spreadsheet was busy); stopped sending.');
      break;
    }
    try {
      MailApp.sendEmail(to, email.subject, email.text, { htmlBody: email.html, name: SENDER_NAME });
    } catch (error) {
      const text = message(error);
      if (QUOTA_ERROR.test(text)) {
        update((q) => unmarkSending(q, digest));
        break;
      }
      let dropped: PendingDigest | null = null;
      update((q) => {
        const r = markFailed(q, digest, ctx.today, text);
        dropped = r.dropped;
        return r.queue;
      });
      if (dropped) errors.push(giveUp(wb, store, dropped, to, text, manager, ctx));
      else errors.push(`Could not email ${to}: ${text} (tried again on the next run).`);
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

function unmarkSending(queue: readonly PendingDigest[], d: PendingDigest): PendingDigest[] {
  const key = digestKey(d);
  return queue.map((x) =>
    digestKey(x) === key ? { ...x, unconfirmed: Math.max(0, (x.unconfirmed ?? 0) - 1) } : x,
  );
}

/**
 * A digest given up after failing for days: remembered for Alert settings (30 days) and told to
 * the manager (when there is one, and it is not the failing address). Returns the run's note.
 */
function giveUp(
  wb: WorkbookContext,
  store: AlertsStore,
  digest: PendingDigest,
  to: string,
  error: string,
  manager: string,
  ctx: EmailContext,
): string {
  const deals = digest.items.length + digest.more;
  const note =
    `Gave up emailing ${to} after ${RETRY_DAYS} days of failures (${error}): ` +
    `${deals} stalled deal(s) were not sent; see the Stalled Since column.`;
  withLock(wb, () => store.addUndelivered(note, ctx.today));
  if (manager !== '' && manager.toLowerCase() !== to.toLowerCase()) {
    try {
      MailApp.sendEmail(
        manager,
        `Stalled-deal alerts could not be delivered to ${to}`,
        `${note}\n\n${ctx.url}`,
        {
          name: SENDER_NAME,
        },
      );
    } catch (e) {
      return `${note} The manager could not be told either: ${message(e)}`;
    }
  }
  return note;
}
