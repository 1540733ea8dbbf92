/**
 * Entry points for the setup feature (wired into src/entry/main.ts): Pipeline › Set up,
 * Dashboard and Check data. They only wire the adapters to the UI.
 */

import { checkDeals } from '../adapters/checkData';
import { LOCK_WAIT_MS, withDocumentLock } from '../adapters/context';
import { buildDashboardSheet } from '../adapters/dashboardSheet';
import { buildReportSheet } from '../adapters/reportSheet';
import { activeUserEmail } from '../adapters/session';
import { readSetup, type SetupReport, setUpWorkbook } from '../adapters/setupWorkbook';
import { PipelineError } from '../core/errors';
import { setupSummary } from '../core/setup/summary';
import { checkReportHtml } from '../views/checkReport';
import { setupPreviewHtml } from '../views/setupPreview';

/** Shows a PipelineError as an alert; other errors propagate (Apps Script shows them). */
function reportingErrors(title: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof PipelineError)) throw error;
    SpreadsheetApp.getUi().alert(title, error.message, SpreadsheetApp.getUi().ButtonSet.OK);
  }
}

function underDocumentLock<T>(run: () => T): T {
  return withDocumentLock(LOCK_WAIT_MS, run, () => {
    throw new PipelineError('Someone else is changing the pipeline right now; try again in a moment.');
  });
}

/**
 * Pipeline › Set up: reads the workbook and shows what Set up understood (SPEC §5) in a dialog,
 * writing nothing. Its "Set up" button calls `applySetUp`; Cancel just closes it.
 */
export function setUpPipeline(): void {
  reportingErrors('Set up', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { plan } = readSetup(ss);
    const html = HtmlService.createHtmlOutput(setupPreviewHtml(plan)).setWidth(780).setHeight(620);
    SpreadsheetApp.getUi().showModalDialog(html, 'Set up Sheets Pipeline');
  });
}

/** The outcome of "Set up" in the preview: the summary, or why nothing was written. */
export interface ApplySetUpResult {
  readonly ok: boolean;
  readonly message: string;
}

/**
 * Called by the preview's "Set up" button with the preview's token: reads again under the
 * document lock and applies the plan only if it is still the one the user saw.
 */
export function applySetUp(token: string): ApplySetUpResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return underDocumentLock(() => {
    const reading = readSetup(ss);
    if (reading.plan.token !== String(token)) {
      return {
        ok: false,
        message:
          'The sheets changed since this preview, so nothing was written. Close it and run Pipeline › Set up again.',
      };
    }
    const report: SetupReport = setUpWorkbook(ss, reading, Math.random, {
      changedBy: activeUserEmail(),
    });
    const message = setupSummary(report);
    ss.toast(message, 'Pipeline set up', 10);
    return { ok: true, message };
  });
}

/** Pipeline › Dashboard: (re)build the Dashboard sheet of live formulas and charts. */
export function buildDashboard(): void {
  reportingErrors('Dashboard', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    // Two people rebuilding at once must not interleave (duplicate charts, mixed content).
    const { rebuilt } = underDocumentLock(() => buildDashboardSheet(ss));
    ss.toast(rebuilt ? 'Dashboard rebuilt.' : 'Dashboard created.', 'Pipeline', 5);
  });
}

/** Pipeline › Report: (re)build the Report sheet: the weekly report as live formulas and a waterfall chart. */
export function buildReport(): void {
  reportingErrors('Report', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { rebuilt } = underDocumentLock(() => buildReportSheet(ss));
    ss.toast(rebuilt ? 'Report rebuilt.' : 'Report created.', 'Pipeline', 5);
  });
}

/** Pipeline › Check data: what PIPELINE_CHECK finds, each with a link to its row. */
export function checkData(): void {
  reportingErrors('Check data', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const ui = SpreadsheetApp.getUi();
    const { sheetName, items } = checkDeals(ss, new Date());
    if (items.length === 0) {
      ui.alert('Check data', `No problems found: every row of ${sheetName} reads cleanly.`, ui.ButtonSet.OK);
      return;
    }
    const html = HtmlService.createHtmlOutput(checkReportHtml(items, sheetName)).setWidth(640).setHeight(420);
    ui.showModalDialog(html, `Check data: ${items.length} ${items.length === 1 ? 'problem' : 'problems'}`);
  });
}
