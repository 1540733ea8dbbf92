/**
 * Entry points for the setup feature (wired into src/entry/main.ts): Pipeline › Set up,
 * Dashboard and Check data. They only wire the adapters to the UI.
 */

import { checkDeals } from '../adapters/checkData';
import { buildDashboardSheet } from '../adapters/dashboardSheet';
import { findOrChooseDealsSheet, type SetupReport, setUpWorkbook } from '../adapters/setupWorkbook';
import { PipelineError } from '../core/errors';
import { checkReportHtml } from '../core/setup/checkReport';
import { setupSummary } from '../core/setup/summary';

const LOCK_WAIT_MS = 10_000;

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
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    throw new PipelineError('Someone else is changing the pipeline right now; try again in a moment.');
  }
  try {
    return run();
  } finally {
    // Google's Lock reference: flush pending spreadsheet changes before releasing the lock.
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

/** Pipeline › Set up: adopt (or create) the deals sheet and add what is missing. */
export function setUpPipeline(): void {
  reportingErrors('Set up', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const ui = SpreadsheetApp.getUi();
    const found = findOrChooseDealsSheet(
      ss,
      (name, match) =>
        ui.alert(
          'Set up',
          `Use the sheet "${name}" as your deals sheet? Its headers match ${match.score} of the pipeline's ` +
            'columns. Set up keeps all its data and adds the missing columns at the right.',
          ui.ButtonSet.YES_NO,
        ) === ui.Button.YES,
    );
    if (found.kind === 'declined') {
      ss.toast(`Nothing was changed. Rename your deals sheet to "Deals" and run Set up again.`, 'Set up');
      return;
    }
    const report: SetupReport = underDocumentLock(() =>
      setUpWorkbook(ss, found, Math.random, { changedBy: Session.getActiveUser().getEmail() }),
    );
    ss.toast(setupSummary(report), 'Pipeline set up', 10);
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
