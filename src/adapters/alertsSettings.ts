/**
 * Turning alerts on, changing them, taking them over and turning them off. The owner (the user
 * whose trigger runs the check) is recorded in document properties under the document lock, so
 * two people turning alerts on still leave one daily check: the second is told who runs them
 * and may take over, after which the old owner's trigger stops at its next run.
 */
import {
  type AlertConfig,
  checkFlag,
  checkHour,
  checkManager,
  checkWeekday,
  describeConfig,
  formatHour,
  type SettingsView,
  settingsView,
} from '../core/alerts/settings';
import { AlertsStore } from './alertsStore';
import { LOCK_WAIT_MS, withDocumentLock } from './context';
import { refreshReportSheet } from './reportSheet';
import { ensureDailyTrigger, removeMyCheckTriggers } from './triggers';

export interface SettingsForm {
  /** `on` (turn on or save), `takeover`, or `off`. */
  readonly action?: unknown;
  readonly hour?: unknown;
  readonly manager?: unknown;
  readonly reportDay?: unknown;
  readonly reportToOwners?: unknown;
}

/** What the settings dialog sends (alerts/main.ts); the server still reads it as a SettingsForm. */
export interface SettingsRequest {
  readonly action: 'on' | 'takeover' | 'off';
  /** The hour select's value, `0`…`23`. */
  readonly hour: string;
  readonly manager: string;
  /** The weekday select's value, `0` (Sunday)…`6`. */
  readonly reportDay: string;
  readonly reportToOwners: boolean;
}

export interface SettingsResult {
  readonly ok: boolean;
  readonly message: string;
  /** The one-line state after the change. */
  readonly status: string;
  /** Alerts are on after the change, and run as the current user. */
  readonly on: boolean;
  readonly mine: boolean;
}

function me(): string {
  return Session.getEffectiveUser().getEmail();
}

function timeZone(): string {
  return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
}

/** `2026-01-15 08:03` in the spreadsheet's time zone. */
export function formatWhen(iso: string, zone: string): string {
  const date = new Date(iso);
  return Number.isFinite(date.getTime()) ? Utilities.formatDate(date, zone, 'yyyy-MM-dd HH:mm') : iso;
}

export function currentSettings(): SettingsView {
  const store = new AlertsStore(PropertiesService.getDocumentProperties());
  const zone = timeZone();
  return settingsView(store.config(), store.lastRun(), me(), zone, (iso) => formatWhen(iso, zone));
}

export function applySettings(form: SettingsForm): SettingsResult {
  const user = me();
  const zone = timeZone();
  const store = new AlertsStore(PropertiesService.getDocumentProperties());
  const result = (ok: boolean, message: string, config: AlertConfig | null): SettingsResult => ({
    ok,
    message,
    status: describeConfig(config, user, zone),
    on: config !== null,
    mine: config !== null && config.owner.toLowerCase() === user.toLowerCase(),
  });
  const fail = (message: string): SettingsResult => result(false, message, store.config());
  if (!user)
    return fail('Sheets Pipeline cannot tell who you are: sign in to your Google account and try again.');
  const action = form.action ?? 'on';
  if (action !== 'on' && action !== 'takeover' && action !== 'off') {
    return fail('Unknown alerts action: choose on, takeover or off.');
  }
  let hour = 0;
  let manager = '';
  let reportDay = 1;
  if (action !== 'off') {
    const h = checkHour(form.hour);
    if (!h.ok) return fail(h.message);
    const m = checkManager(form.manager);
    if (!m.ok) return fail(m.message);
    const w = checkWeekday(form.reportDay);
    if (!w.ok) return fail(w.message);
    hour = h.value;
    manager = m.value;
    reportDay = w.value;
  }
  return withDocumentLock(
    LOCK_WAIT_MS,
    () => {
      const config = store.refresh().config();
      const mine = config !== null && config.owner.toLowerCase() === user.toLowerCase();
      if (action === 'off') {
        removeMyCheckTriggers();
        store.saveConfig(null);
        if (config) showReportDayOnReport();
        const other =
          config && !mine ? ` ${config.owner}'s daily trigger stops by itself at its next run.` : '';
        return result(true, `Alerts are off.${other}`, null);
      }
      if (config && !mine && action !== 'takeover') {
        return result(
          false,
          `Alerts already run as ${config.owner} at about ${formatHour(config.hour)}. Choose Take over to run them as you.`,
          config,
        );
      }
      ensureDailyTrigger(hour, zone, mine && config?.hour === hour);
      const next: AlertConfig = {
        owner: user,
        hour,
        manager,
        since: new Date().toISOString(),
        reportDay,
        reportToOwners: checkFlag(form.reportToOwners),
      };
      store.saveConfig(next);
      if (config?.reportDay !== reportDay) showReportDayOnReport();
      const verb = config === null ? 'Alerts are on' : mine ? 'Saved' : `You took over from ${config.owner}`;
      return result(true, `${verb}: the check runs daily at about ${formatHour(hour)} (${zone}).`, next);
    },
    () => fail('Someone else is changing the pipeline; try again in a moment.'),
  );
}

/**
 * The Report sheet says on which weekday the snapshot is taken ("No snapshot yet: the first is taken
 * on Monday"): when the day changes, or alerts go on or off, it is refreshed at once rather than at
 * the next morning's check. Nothing happens without an add-on Report sheet.
 */
function showReportDayOnReport(): void {
  refreshReportSheet(SpreadsheetApp.getActiveSpreadsheet());
}
