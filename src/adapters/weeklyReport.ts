/**
 * The weekly snapshot and report (SPEC §4), run by the daily check.
 *
 * Under the check's document lock (`weeklyStep`): on or after the report day, unless a snapshot
 * was taken since, one row per open deal is appended to `Snapshots` (one setValues) and the day
 * recorded in document properties, so reruns and other users' runs that day take none; the
 * sheet gets a warning-only protection (it is the audit trail). The report is then queued for
 * the week (recipients fixed) and its content computed from this run's reads.
 *
 * After the lock (`sendWeeklyReport`): each recipient is marked `sending` under the lock before
 * MailApp is called and `sent` after, so a week's report never goes twice to anyone, even when
 * two runs overlap or a run dies mid-send (a recipient left `sending` is reported, not resent);
 * a quota of 0 leaves the rest queued for the next run, so it is never lost.
 */
import { type Email, fitEmail } from '../core/alerts/digest';
import type { AlertConfig } from '../core/alerts/settings';
import { RETRY_DAYS } from '../core/alerts/state';
import { type Calendar, type Day, formatDay, readDate } from '../core/model/dates';
import type { DealTable } from '../core/model/deals';
import { parseSnapshots, SNAPSHOT_HEADERS, type SnapshotRow, snapshotDays } from '../core/model/snapshots';
import type { Pipeline } from '../core/pipeline';
import { reportWeek, snapshotDue } from '../core/report/schedule';
import {
  type Headline,
  headlineOf,
  parseHeadline,
  snapshotRows,
  type WeeklyReport,
  weeklyReport,
} from '../core/report/weekly';
import { type ReportLinks, weeklyReportEmail } from '../views/weeklyReportEmail';
import { writeCells } from './cellWrite';
import { withDocumentLock } from './context';
import { ensureOwnSheet } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Properties = GoogleAppsScript.Properties.Properties;

export const REPORT_KEYS = {
  /** The day of the last snapshot taken (a number). */
  snapshot: 'pipeline.report.snapshotDay',
  /** The week's report waiting to be sent: `ReportQueue` JSON. */
  queue: 'pipeline.report.queue',
  /** The last week whose report is done (sent, or nothing to send): `{week}`. */
  last: 'pipeline.report.last',
  /** The headline figures as of the last two snapshots: `[{day, headline}]`. */
  figures: 'pipeline.report.figures',
} as const;

/** Deals listed per section of the email before `fitEmail` trims to the body limit. */
export const REPORT_LISTED = 25;
const LOCK_WAIT_MS = 30_000;
const SENDER_NAME = 'Sheets Pipeline';
/** A `sending` mark older than a run can last was left by a run that died. */
const STUCK_MS = 7 * 60 * 1000;
const QUOTA_ERROR = /too many times|quota/i;
const PROTECTION_NOTE =
  'Snapshots is the pipeline audit trail written by the weekly snapshot: edit it only if you mean to rewrite history.';

export interface ReportQueue {
  /** The report day of the week it reports on. */
  readonly week: Day;
  readonly to: readonly string[];
  readonly sent: readonly string[];
  /** Marked (with the instant) before MailApp is called; moved to `sent` after. */
  readonly sending: readonly { readonly to: string; readonly at: number }[];
  /** The first day it was tried (given up RETRY_DAYS after, with a note). */
  readonly since: Day;
}

export interface WeeklyInput {
  readonly ss: Spreadsheet;
  readonly config: AlertConfig | null;
  readonly today: Day;
  readonly calendar: Calendar;
  readonly table: DealTable;
  /** The daily check's pipeline (core/loadPipeline): the report adds the snapshots to it. */
  readonly pipeline: Pipeline;
  readonly dealsSheet: Sheet;
}

export interface WeeklyStep {
  /** Rows appended to Snapshots by this run (0: none due or none open). */
  readonly snapshotRows: number;
  readonly snapshotTaken: boolean;
  /** The queued report and its content, to send after the lock. */
  readonly prepared: PreparedReport | null;
  readonly errors: string[];
}

export interface PreparedReport {
  readonly report: WeeklyReport;
  readonly links: ReportLinks;
  readonly week: Day;
}

function message(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}

function parseQueue(text: string | null): ReportQueue | null {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as Partial<ReportQueue>;
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
    if (typeof raw.week !== 'number') return null;
    return {
      week: raw.week,
      to: list(raw.to),
      sent: list(raw.sent),
      sending: Array.isArray(raw.sending)
        ? raw.sending
            .filter((x) => x && typeof x.to === 'string' && typeof x.at === 'number')
            .map((x) => ({ to: x.to, at: x.at }))
        : [],
      since: typeof raw.since === 'number' ? raw.since : raw.week,
    };
  } catch {
    return null;
  }
}

function lastReport(props: Properties): { week: Day } | null {
  const text = props.getProperty(REPORT_KEYS.last);
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as { week?: unknown };
    return typeof raw.week === 'number' ? { week: raw.week } : null;
  } catch {
    return null;
  }
}

function parseFigures(text: string | null): { day: Day; headline: Headline }[] {
  if (!text) return [];
  try {
    const raw = JSON.parse(text) as unknown;
    if (!Array.isArray(raw)) return [];
    const out: { day: Day; headline: Headline }[] = [];
    for (const f of raw) {
      if (!f || typeof f !== 'object') continue;
      const headline = parseHeadline(JSON.stringify(f.headline));
      if (typeof f.day === 'number' && headline) out.push({ day: f.day, headline });
    }
    return out;
  } catch {
    return [];
  }
}

/**
 * The add-on's Snapshots sheet (`ensureOwnSheet`: `Snapshots`, or `Pipeline Snapshots`… beside a
 * team's own), created with its header when there is none. Returns the sheet, its last row and
 * the Taken of that row (small reads; the table itself is not read).
 */
function snapshotsSheet(
  ss: Spreadsheet,
  calendar: Calendar,
): { sheet: Sheet; last: number; lastTaken: Day | null } {
  const { sheet, last } = ensureOwnSheet(ss, 'snapshots', SNAPSHOT_HEADERS);
  const taken = last >= 2 ? readDate(sheet.getRange(last, 1).getValue(), calendar) : null;
  return { sheet, last, lastTaken: taken && taken.kind === 'day' ? taken.day : null };
}

/** The number format of each dated or percent column of a snapshot row, by header. */
const SNAPSHOT_FORMATS: readonly (readonly [string, string])[] = [
  ['Taken', 'yyyy-mm-dd'],
  ['Probability', '0%'],
  ['Expected Close', 'yyyy-mm-dd'],
];

/** A warning-only protection on the sheet, unless it has a protection already (the team's, or ours). */
function protect(sheet: Sheet): void {
  if (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length > 0) return;
  sheet.protect().setDescription(PROTECTION_NOTE).setWarningOnly(true);
}

/**
 * Appends the snapshot of `today` (caller holds the document lock): one write of the block, its
 * date and percent formats by column. Returns the rows written and the sheet.
 */
export function appendSnapshot(
  ss: Spreadsheet,
  table: DealTable,
  today: Day,
  calendar: Calendar,
): { rows: number; sheet: Sheet } {
  const { sheet, last } = snapshotsSheet(ss, calendar);
  const rows = snapshotRows(table.deals, today, calendar);
  if (rows.length > 0) {
    const needed = last + rows.length - sheet.getMaxRows();
    if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
    writeCells(sheet.getRange(last + 1, 1, rows.length, SNAPSHOT_HEADERS.length), rows);
    const column = (header: string) => SNAPSHOT_HEADERS.indexOf(header) + 1;
    for (const [header, format] of SNAPSHOT_FORMATS)
      sheet.getRange(last + 1, column(header), rows.length, 1).setNumberFormat(format);
  }
  protect(sheet);
  return { rows: rows.length, sheet };
}

/** Who gets the week's report: the manager, and every owner with an address when chosen. */
function recipients(config: AlertConfig, input: WeeklyInput): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (address: string | null) => {
    if (!address) return;
    const key = address.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(address);
  };
  add(config.manager);
  if (config.reportToOwners) for (const d of input.table.deals) add(input.pipeline.team.emailOf(d.owner));
  return out;
}

/** The snapshot (when due) and the report's queue and content; the caller holds the document lock. */
export function weeklyStep(input: WeeklyInput): WeeklyStep {
  const errors: string[] = [];
  const config = input.config;
  if (!config) return { snapshotRows: 0, snapshotTaken: false, prepared: null, errors };
  const props = PropertiesService.getDocumentProperties();
  const recorded = Number(props.getProperty(REPORT_KEYS.snapshot));
  let lastTaken: Day | null =
    Number.isInteger(recorded) && props.getProperty(REPORT_KEYS.snapshot) ? recorded : null;
  let rows = 0;
  let taken = false;
  let sheet: Sheet | null = null;
  if (snapshotDue(input.today, config.reportDay, lastTaken)) {
    // The sheet's own last Taken too: a snapshot written by an older version, or restored.
    const found = snapshotsSheet(input.ss, input.calendar);
    if (found.lastTaken !== null && (lastTaken === null || found.lastTaken > lastTaken))
      lastTaken = found.lastTaken;
    if (snapshotDue(input.today, config.reportDay, lastTaken)) {
      const written = appendSnapshot(input.ss, input.table, input.today, input.calendar);
      rows = written.rows;
      sheet = written.sheet;
      taken = true;
      lastTaken = input.today;
    }
    props.setProperty(REPORT_KEYS.snapshot, String(lastTaken === null ? input.today : lastTaken));
  }

  // The headline as of each snapshot: next week's report shows the change since this one.
  let figures = parseFigures(props.getProperty(REPORT_KEYS.figures));
  const pipelineOf = (snapshots: Pipeline['snapshots']): Pipeline => withSnapshots(input.pipeline, snapshots);
  if (taken) {
    figures = [
      ...figures.filter((f) => f.day < input.today).slice(-1),
      { day: input.today, headline: headlineOf(pipelineOf([])).headline },
    ];
    props.setProperty(REPORT_KEYS.figures, JSON.stringify(figures));
  }

  // Queue this week's report once its snapshot exists and there is one before it to compare with.
  const week = reportWeek(input.today, config.reportDay);
  let queue = parseQueue(props.getProperty(REPORT_KEYS.queue));
  const last = lastReport(props);
  let snapshots: SnapshotRow[] | null = null;
  let snapSheet: Sheet | null = sheet;
  const readSnapshots = (): SnapshotRow[] => {
    if (snapshots === null) {
      snapSheet = snapSheet ?? snapshotsSheet(input.ss, input.calendar).sheet;
      snapshots = parseSnapshots(
        snapSheet.getDataRange().getValues(),
        input.pipeline.stages,
        input.calendar,
        snapSheet.getName(),
      );
    }
    return snapshots;
  };
  try {
    if (
      lastTaken !== null &&
      lastTaken >= week &&
      (last === null || last.week < week) &&
      (!queue || queue.week < week)
    ) {
      if (queue && queue.sent.length < queue.to.length) {
        errors.push(
          `The weekly report of ${formatDay(queue.week)} was not sent to everyone before the next one; the new week's report replaces it.`,
        );
      }
      const to = snapshotDays(readSnapshots()).length >= 2 ? recipients(config, input) : [];
      queue = to.length > 0 ? { week, to, sent: [], sending: [], since: input.today } : null;
      if (queue) props.setProperty(REPORT_KEYS.queue, JSON.stringify(queue));
      else {
        // The first snapshot (nothing to compare yet) or nobody to send to: this week is done.
        props.deleteProperty(REPORT_KEYS.queue);
        props.setProperty(REPORT_KEYS.last, JSON.stringify({ week }));
      }
    }
    if (!queue) return { snapshotRows: rows, snapshotTaken: taken, prepared: null, errors };
    let previous: { day: Day; headline: Headline } | null = null;
    for (const f of figures)
      if (f.day < queue.week && (previous === null || f.day > previous.day)) previous = f;
    const report = weeklyReport(pipelineOf(readSnapshots()), previous);
    const snapshotsGid = snapSheet ? (snapSheet as Sheet).getSheetId() : null;
    const links: ReportLinks = {
      spreadsheetName: input.ss.getName(),
      url: input.ss.getUrl(),
      dealsGid: input.dealsSheet.getSheetId(),
      snapshotsGid,
    };
    return {
      snapshotRows: rows,
      snapshotTaken: taken,
      prepared: { report, links, week: queue.week },
      errors,
    };
  } catch (error) {
    errors.push(`The weekly report could not be prepared: ${message(error)} (tried again on the next run).`);
    return { snapshotRows: rows, snapshotTaken: taken, prepared: null, errors };
  }
}

function withLock<T>(fn: () => T): T | undefined {
  return withDocumentLock<T | undefined>(LOCK_WAIT_MS, fn, () => undefined);
}

/** The email, trimmed to the body limit. */
export function reportEmail(prepared: PreparedReport): Email {
  return fitEmail((n) => weeklyReportEmail(prepared.report, prepared.links, n, prepared.week), REPORT_LISTED);
}

/**
 * Sends the queued report to each recipient not yet sent (see the file comment). Returns the
 * emails sent and notes for the run summary.
 */
export function sendWeeklyReport(
  prepared: PreparedReport,
  today: Day,
  deadline: number,
): { sent: number; errors: string[]; waiting: number } {
  const props = PropertiesService.getDocumentProperties();
  const errors: string[] = [];
  let sent = 0;
  const email = reportEmail(prepared);
  const read = (): ReportQueue | null => {
    const q = parseQueue(props.getProperty(REPORT_KEYS.queue));
    return q && q.week === prepared.week ? q : null;
  };
  const save = (q: ReportQueue) => props.setProperty(REPORT_KEYS.queue, JSON.stringify(q));
  const has = (list: readonly string[], a: string) => list.some((x) => x.toLowerCase() === a.toLowerCase());
  const start = read();
  if (!start) return { sent, errors, waiting: 0 };
  for (const to of start.to) {
    if (Date.now() >= deadline) break;
    if (MailApp.getRemainingDailyQuota() < 1) break;
    // Claim the address: never sent twice, whoever else is running.
    const claimed = withLock(() => {
      const q = read();
      if (!q || has(q.sent, to) || has(sendingTo(q), to)) return false;
      save({ ...q, sending: [...q.sending, { to, at: Date.now() }] });
      return true;
    });
    if (!claimed) continue;
    let failure = '';
    try {
      MailApp.sendEmail(to, email.subject, email.text, { htmlBody: email.html, name: SENDER_NAME });
    } catch (error) {
      failure = message(error);
    }
    withLock(() => {
      const q = read();
      if (!q) return;
      const sending = q.sending.filter((x) => x.to.toLowerCase() !== to.toLowerCase());
      save(failure === '' ? { ...q, sending, sent: [...q.sent, to] } : { ...q, sending });
    });
    if (failure === '') {
      sent++;
      continue;
    }
    if (QUOTA_ERROR.test(failure)) break;
    if (today - start.since >= RETRY_DAYS) {
      withLock(() => {
        const q = read();
        if (q) save({ ...q, sent: [...q.sent, to] });
      });
      errors.push(
        `Gave up emailing the weekly report of ${formatDay(prepared.week)} to ${to} after ${RETRY_DAYS} days of failures (${failure}).`,
      );
    } else
      errors.push(`Could not email the weekly report to ${to}: ${failure} (tried again on the next run).`);
  }
  // Done for the week once every recipient is sent (or was being sent by a run that died).
  let waiting = 0;
  withLock(() => {
    const q = read();
    if (!q) return;
    const left = q.to.filter((a) => !has(q.sent, a) && !has(sendingTo(q), a));
    waiting = left.length;
    if (left.length > 0) return;
    // Another run may be sending right now (a run lasts 6 minutes at most): wait for it.
    if (q.sending.some((x) => x.at > Date.now() - STUCK_MS)) return;
    const stuck = sendingTo(q);
    if (stuck.length > 0) {
      errors.push(
        `A run stopped while emailing the weekly report to ${stuck.join(', ')}; it was not sent again (it may not have arrived).`,
      );
    }
    props.setProperty(REPORT_KEYS.last, JSON.stringify({ week: q.week }));
    props.deleteProperty(REPORT_KEYS.queue);
  });
  return { sent, errors, waiting };
}

function sendingTo(q: ReportQueue): string[] {
  return q.sending.map((x) => x.to);
}

/**
 * The check's pipeline with the snapshots added. Its deals and Team are getters read on first use
 * (core/loadPipeline), so they are passed through as getters rather than copied by a spread.
 */
function withSnapshots(pipeline: Pipeline, snapshots: Pipeline['snapshots']): Pipeline {
  return Object.create(pipeline, { snapshots: { value: snapshots, enumerable: true } }) as Pipeline;
}
