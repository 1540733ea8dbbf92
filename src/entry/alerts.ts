/** Entry points for the alerts feature (wired into src/entry/main.ts). */
import { type CheckOptions, runStalledCheck } from '../adapters/alertsCheck';
import {
  applySettings,
  currentSettings,
  formatWhen,
  type SettingsForm,
  type SettingsRequest,
  type SettingsResult,
} from '../adapters/alertsSettings';
import { describeSummary, type RunSummary, type SettingsView } from '../core/alerts/settings';

/** dist/AlertSettings.html, the dialog client built from alerts/ (scripts/build-sidebar.mjs). */
const SETTINGS_FILE = 'AlertSettings';
const SETTINGS_TITLE = 'Stalled-deal alerts';

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

/**
 * Pipeline › Alerts › Alert settings…: a small dialog (turn on at an hour, manager, report day,
 * off, take over). The page is static; it asks alertSettingsView for the state when it loads.
 */
export function openAlertSettings(): void {
  const html = HtmlService.createHtmlOutputFromFile(SETTINGS_FILE)
    .setTitle(SETTINGS_TITLE)
    .setWidth(460)
    .setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, SETTINGS_TITLE);
}

/**
 * Called by the settings dialog through its typed bridge (alerts/bridge.ts). The parameter type
 * is what the dialog sends, but anyone with edit access can call this with anything: only a
 * plain object is read, and every field is validated as unknown.
 */
export function saveAlertSettings(form: SettingsRequest): SettingsResult {
  const raw: unknown = form;
  return applySettings(
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as SettingsForm) : {},
  );
}

/** The alerts' state and last run: what the settings dialog shows when it opens (google.script.run). */
export function alertSettingsView(): SettingsView {
  return currentSettings();
}

/** The check with options (tests and the benchmark force a time budget); private to the server. */
export function runStalledCheck_(options: CheckOptions): RunSummary | null {
  return runStalledCheck(options);
}
