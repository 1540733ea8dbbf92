/**
 * Alert settings and run summaries as plain data: parsing what the document properties hold,
 * validating what a user types, and the text the settings dialog (alerts/, a client page) shows.
 */
import { isEmail } from '../model/team';
import { plural } from '../model/text';
import { DEFAULT_REPORT_DAY, WEEKDAYS } from '../report/schedule';

/** Who runs the daily check, when, and who gets the summary. Stored in document properties. */
export interface AlertConfig {
  /** The user whose daily trigger runs the check (their email). */
  readonly owner: string;
  /** Hour of day 0–23, in the spreadsheet's time zone. */
  readonly hour: number;
  /** Manager address for the summary ('' for none). */
  readonly manager: string;
  /** ISO instant alerts were turned on (or last changed). */
  readonly since: string;
  /** Weekday of the weekly snapshot and report, 0 (Sunday) … 6; Monday by default. */
  readonly reportDay: number;
  /** The weekly report also goes to every owner with an address. */
  readonly reportToOwners: boolean;
}

/** What one run did. */
export interface RunSummary {
  /** ISO instant the run started. */
  readonly at: string;
  readonly by: string;
  readonly via: 'trigger' | 'menu';
  readonly deals: number;
  readonly stalled: number;
  /** Stalled Since cells newly set / cleared by the run. */
  readonly flagged: number;
  readonly cleared: number;
  readonly newlyStalled: number;
  readonly emailsSent: number;
  /** Digests left waiting for the next run (quota or time). */
  readonly emailsDeferred: number;
  /** New stalls whose owner has no address. */
  readonly unaddressed: number;
  /** Stage moves the edit trigger missed, recorded in History by this run (Via = sync). */
  readonly synced?: number;
  /** Open deals appended to Snapshots by the weekly snapshot this run (0: none due). */
  readonly snapshotRows?: number;
  /** Digests given up after failing for days (kept 30 days): never dropped silently. */
  readonly undelivered?: readonly string[];
  /** False when the run stopped at its time budget (the next run continues). */
  readonly finished: boolean;
  readonly errors: readonly string[];
}

export const DEFAULT_HOUR = 8;

export function parseConfig(text: string | null): AlertConfig | null {
  const raw = parseJson(text);
  if (!raw || typeof raw.owner !== 'string' || raw.owner === '') return null;
  const hour = Number(raw.hour);
  return {
    owner: raw.owner,
    hour: Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : DEFAULT_HOUR,
    manager: typeof raw.manager === 'string' ? raw.manager : '',
    since: typeof raw.since === 'string' ? raw.since : '',
    reportDay:
      Number.isInteger(raw.reportDay) && (raw.reportDay as number) >= 0 && (raw.reportDay as number) <= 6
        ? (raw.reportDay as number)
        : DEFAULT_REPORT_DAY,
    reportToOwners: raw.reportToOwners === true,
  };
}

export function parseSummary(text: string | null): RunSummary | null {
  const raw = parseJson(text);
  if (!raw || typeof raw.at !== 'string') return null;
  const n = (k: string) => (typeof raw[k] === 'number' ? (raw[k] as number) : 0);
  return {
    at: raw.at,
    by: String(raw.by ?? ''),
    via: raw.via === 'trigger' ? 'trigger' : 'menu',
    deals: n('deals'),
    stalled: n('stalled'),
    flagged: n('flagged'),
    cleared: n('cleared'),
    newlyStalled: n('newlyStalled'),
    emailsSent: n('emailsSent'),
    emailsDeferred: n('emailsDeferred'),
    unaddressed: n('unaddressed'),
    synced: n('synced'),
    snapshotRows: n('snapshotRows'),
    undelivered: Array.isArray(raw.undelivered) ? raw.undelivered.map(String) : [],
    finished: raw.finished !== false,
    errors: Array.isArray(raw.errors) ? raw.errors.map(String) : [],
  };
}

function parseJson(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** An hour 0–23 as typed (`8`, `08`, `8:00`, `14h`). */
export function checkHour(input: unknown): Checked<number> {
  const text = String(input ?? '').trim();
  const m = /^(\d{1,2})(?::00|h)?$/i.exec(text);
  const hour = m ? Number(m[1]) : Number.NaN;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    return { ok: false, message: `The hour must be a whole number from 0 to 23 (got "${text}").` };
  return { ok: true, value: hour };
}

/** A manager address, or '' for none. */
export function checkManager(input: unknown): Checked<string> {
  const text = String(input ?? '').trim();
  if (text === '') return { ok: true, value: '' };
  if (!isEmail(text)) return { ok: false, message: `"${text}" is not an email address.` };
  return { ok: true, value: text };
}

/** A report weekday: `1`, `Monday`, `mon` (any case); blank is Monday. */
export function checkWeekday(input: unknown): Checked<number> {
  const text = String(input ?? '').trim();
  if (text === '') return { ok: true, value: DEFAULT_REPORT_DAY };
  if (/^[0-6]$/.test(text)) return { ok: true, value: Number(text) };
  const lower = text.toLowerCase();
  const i = WEEKDAYS.findIndex((w) => lower.length >= 3 && w.toLowerCase().startsWith(lower));
  if (i < 0)
    return { ok: false, message: `The report day must be a weekday, Sunday to Saturday (got "${text}").` };
  return { ok: true, value: i };
}

/** The "also to owners" checkbox: true, `true`, `on`. */
export function checkFlag(input: unknown): boolean {
  return input === true || input === 'true' || input === 'on';
}

export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** One line describing alerts now, for the user `me`. */
export function describeConfig(config: AlertConfig | null, me: string, timeZone: string): string {
  if (!config) return 'Alerts are off.';
  const who = config.owner.toLowerCase() === me.toLowerCase() ? 'you' : config.owner;
  const manager = config.manager ? ` The manager summary goes to ${config.manager}.` : '';
  const report =
    config.manager || config.reportToOwners
      ? ` The weekly report goes out on ${WEEKDAYS[config.reportDay]} to ${[config.manager, config.reportToOwners ? 'every owner' : ''].filter((x) => x !== '').join(' and ')}.`
      : ` The weekly snapshot is taken on ${WEEKDAYS[config.reportDay]}.`;
  return `Alerts are on: the daily check runs at about ${formatHour(config.hour)} (${timeZone}) as ${who}.${manager}${report}`;
}

/** What the last run did, in a sentence or two. `when` formats its ISO instant for the reader. */
export function describeSummary(summary: RunSummary | null, when: (iso: string) => string): string {
  if (!summary) return 'The check has not run yet.';
  const parts = [
    `Last run ${when(summary.at)} (${summary.via === 'trigger' ? 'daily check' : `run by ${summary.by}`}):`,
    `${summary.deals} deals checked, ${summary.stalled} stalled (${summary.newlyStalled} newly);`,
    `${summary.flagged} flagged, ${summary.cleared} cleared;`,
    `${plural(summary.emailsSent, 'email')} sent, ${summary.emailsDeferred} deferred to the next run.`,
  ];
  if (summary.unaddressed > 0)
    parts.push(
      `${plural(summary.unaddressed, 'stalled deal')} wait for their owner's email address: add it to the Team sheet and they are sent on the next run.`,
    );
  if ((summary.undelivered ?? []).length > 0)
    parts.push(`Not delivered: ${(summary.undelivered ?? []).join('; ')}`);
  if ((summary.synced ?? 0) > 0)
    parts.push(`${plural(summary.synced ?? 0, 'missed Stage edit')} recorded in History (Via sync).`);
  if ((summary.snapshotRows ?? 0) > 0)
    parts.push(`Weekly snapshot: ${plural(summary.snapshotRows ?? 0, 'open deal')} saved to Snapshots.`);
  if (!summary.finished) parts.push('It stopped at its time limit; the next run continues.');
  if (summary.errors.length > 0) parts.push(`Errors: ${summary.errors.join('; ')}`);
  else parts.push('No errors.');
  return parts.join(' ');
}

/** What the settings dialog shows. */
export interface SettingsView {
  readonly on: boolean;
  /** The current user runs them. */
  readonly mine: boolean;
  readonly owner: string;
  readonly hour: number;
  readonly manager: string;
  readonly reportDay: number;
  readonly reportToOwners: boolean;
  readonly status: string;
  readonly lastRun: string;
  readonly timeZone: string;
}

export function settingsView(
  config: AlertConfig | null,
  summary: RunSummary | null,
  me: string,
  timeZone: string,
  when: (iso: string) => string,
): SettingsView {
  return {
    on: config !== null,
    mine: config !== null && config.owner.toLowerCase() === me.toLowerCase(),
    owner: config?.owner ?? '',
    hour: config?.hour ?? DEFAULT_HOUR,
    manager: config?.manager ?? '',
    reportDay: config ? config.reportDay : DEFAULT_REPORT_DAY,
    reportToOwners: config ? config.reportToOwners : false,
    status: describeConfig(config, me, timeZone),
    lastRun: describeSummary(summary, when),
    timeZone,
  };
}
