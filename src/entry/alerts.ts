/** Entry points for the alerts feature (wired into src/entry/main.ts). */
import { type CheckOptions, runStalledCheck } from '../adapters/alertsCheck';
import {
  applySettings,
  currentSettings,
  formatWhen,
  type SettingsForm,
  type SettingsResult,
} from '../adapters/alertsSettings';
import { describeSummary, type RunSummary, type SettingsView, settingsHtml } from '../core/alerts/settings';

/** The daily time-driven trigger's handler (see adapters/triggers.ts CHECK_HANDLER). */
export function dailyStalledCheck(_event?: unknown): void {
  runStalledCheck({ via: 'trigger' });
}

/** Pipeline › Alerts › Run the check now: runs it and says what it did. */
export function runStalledCheckNow(): void {
  const summary = runStalledCheck({ via: 'menu' });
  const zone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  SpreadsheetApp.getUi().alert(
    'Stalled deals',
    describeSummary(summary, (iso) => formatWhen(iso, zone)),
    SpreadsheetApp.getUi().ButtonSet.OK,
  );
}

/** Pipeline › Alerts › Alert settings…: a small dialog (turn on at an hour, manager, off, take over). */
export function openAlertSettings(): void {
  const html = HtmlService.createHtmlOutput(settingsHtml(currentSettings())).setWidth(440).setHeight(460);
  SpreadsheetApp.getUi().showModalDialog(html, 'Stalled-deal alerts');
}

/** Called by the settings dialog (google.script.run): `{action: 'on'|'takeover'|'off', hour, manager}`. */
export function saveAlertSettings(form: SettingsForm): SettingsResult {
  // Anyone with edit access can call this with anything: only a plain object is read.
  return applySettings(typeof form === 'object' && form !== null && !Array.isArray(form) ? form : {});
}

/** The alerts' state and last run, for the dialog or the sidebar (google.script.run). */
export function alertSettingsStatus(): SettingsView {
  return currentSettings();
}

/** The check with options (tests and the benchmark force a time budget); private to the server. */
export function runStalledCheck_(options: CheckOptions): RunSummary | null {
  return runStalledCheck(options);
}
