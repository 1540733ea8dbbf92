/**
 * The daily time-driven trigger of the stalled check. Apps Script only lets a user see and
 * delete their own triggers, so these act on the current user's triggers; who runs the alerts
 * is recorded in document properties (see alertsSettings.ts).
 */

/** The top-level function the daily trigger runs (exported from src/entry/alerts.ts). */
export const CHECK_HANDLER = 'dailyStalledCheck';

type Trigger = GoogleAppsScript.Script.Trigger;

/** The current user's triggers that run the check. */
export function myCheckTriggers(): Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === CHECK_HANDLER);
}

/** Deletes the current user's check triggers; returns how many. */
export function removeMyCheckTriggers(): number {
  const mine = myCheckTriggers();
  for (const t of mine) ScriptApp.deleteTrigger(t);
  return mine.length;
}

/**
 * Leaves exactly one daily trigger of the current user at `hour` (in `timeZone`). `keep`: the
 * existing one is already at that hour (the settings say so), so nothing changes.
 */
export function ensureDailyTrigger(hour: number, timeZone: string, keep: boolean): void {
  const mine = myCheckTriggers();
  if (keep && mine.length === 1) return;
  for (const t of mine) ScriptApp.deleteTrigger(t);
  ScriptApp.newTrigger(CHECK_HANDLER).timeBased().everyDays(1).atHour(hour).inTimezone(timeZone).create();
}
