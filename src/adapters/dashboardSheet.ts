/**
 * Pipeline › Dashboard, on the spreadsheet: writes the `Dashboard` sheet from the pure layout
 * (labels and live formulas in one write, formats, bold headers) and draws its native charts on
 * the cells the funnel and forecast formulas fill. A rebuild clears the sheet's own content and
 * charts first, so nothing is duplicated; no other sheet is touched.
 */

import {
  type ChartPlan,
  columnsDownA1,
  DASHBOARD_MARKER,
  DASHBOARD_TITLE,
  dashboardLayout,
} from '../core/dashboard/layout';
import { PipelineError } from '../core/errors';
import { RANGE_NAMES } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const DASHBOARD_SHEET = 'Dashboard';

/** Is this sheet the add-on's dashboard (or empty, so free to use)? */
function isOwnDashboard(sheet: Sheet): boolean {
  if (sheet.getLastRow() === 0 && sheet.getCharts().length === 0) return true;
  const a1 = sheet.getRange(1, 1);
  return a1.getNote() === DASHBOARD_MARKER || a1.getValue() === DASHBOARD_TITLE;
}

export function buildDashboardSheet(ss: Spreadsheet): { sheet: Sheet; rebuilt: boolean } {
  for (const name of [RANGE_NAMES.deals, RANGE_NAMES.history]) {
    if (!ss.getRangeByName(name))
      throw new PipelineError(`The named range ${name} is missing: run Pipeline › Set up first.`);
  }
  const layout = dashboardLayout(RANGE_NAMES);
  let sheet = ss.getSheetByName(DASHBOARD_SHEET);
  const rebuilt = sheet !== null;
  if (sheet) {
    if (!isOwnDashboard(sheet)) {
      throw new PipelineError(
        `A sheet called ${DASHBOARD_SHEET} already exists and was not made by Pipeline; ` +
          'rename it and run Pipeline › Dashboard again.',
      );
    }
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    sheet.clear();
  } else {
    sheet = ss.insertSheet(DASHBOARD_SHEET, ss.getNumSheets());
  }

  const grid = layout.grid;
  const width = layout.width;
  sheet.getRange(1, 1, grid.length, width).setValues(grid);
  sheet.getRange(1, 1).setNote(DASHBOARD_MARKER);
  const { headline } = layout;
  sheet
    .getRange(headline.at.row + 1, headline.at.column + 1, headline.formats.length, 1)
    .setNumberFormats(headline.formats.map((f) => [f]));
  const maxRows = sheet.getMaxRows();
  for (const table of Object.values(layout.tables)) {
    for (const f of table.formats) {
      sheet
        .getRange(table.at.row + 1, table.at.column + f.offset, maxRows - table.at.row, f.count)
        .setNumberFormat(f.format);
    }
  }
  const weights: ('bold' | null)[][] = grid.map((row) => row.map(() => null));
  for (const cell of layout.bold) weights[cell.row - 1]![cell.column - 1] = 'bold';
  sheet.getRange(1, 1, grid.length, width).setFontWeights(weights);
  sheet.setColumnWidth(1, 170);

  for (const plan of layout.charts) sheet.insertChart(chartOf(sheet, plan));
  sheet.activate();
  return { sheet, rebuilt };
}

function chartOf(sheet: Sheet, plan: ChartPlan): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  let builder = sheet.newChart().setChartType(Charts.ChartType[plan.kind]);
  for (const range of plan.ranges) builder = builder.addRange(sheet.getRange(columnsDownA1(range)));
  builder = builder
    .setNumHeaders(1)
    .setMergeStrategy(Charts.ChartMergeStrategy.MERGE_COLUMNS)
    .setOption('title', plan.title)
    .setPosition(plan.anchor.row, plan.anchor.column, 0, 0);
  for (const [key, value] of Object.entries(plan.options)) builder = builder.setOption(key, value);
  return builder.build();
}

/**
 * The daily check's morning refresh (SPEC §2): Sheets recalculates a custom function only when
 * its arguments change, so the figures that depend on today (stalled, overdue, forecast range)
 * would go stale overnight. Writing the formulas again makes Sheets evaluate them anew: the
 * layout's cells are written blank, flushed, and written back (labels and formulas in one
 * write each; the spilled cells stay empty underneath, as built). Only a Dashboard whose formula
 * cells are still exactly this version's layout is touched: a user's sheet, or one built by an
 * older version (rebuild it with Pipeline › Dashboard), is left as it is.
 * Six spreadsheet calls: find the sheet, one range, read its formulas, two writes and a flush.
 */
export function refreshDashboardFormulas(ss: Spreadsheet): 'refreshed' | 'absent' | 'not-current' {
  const sheet = ss.getSheetByName(DASHBOARD_SHEET);
  if (!sheet) return 'absent';
  const layout = dashboardLayout(RANGE_NAMES);
  const grid = layout.grid;
  const range = sheet.getRange(1, 1, grid.length, layout.width);
  const now = range.getFormulas();
  const formulaCells = grid.flatMap((row, r) =>
    row.map((text, c) => ({ r, c, text })).filter((cell) => cell.text.startsWith('=')),
  );
  if (formulaCells.length === 0 || formulaCells.some(({ r, c, text }) => now[r]?.[c] !== text)) {
    return 'not-current';
  }
  range.setValues(grid.map((row) => row.map((text) => (text.startsWith('=') ? '' : text))));
  SpreadsheetApp.flush();
  range.setValues(grid);
  return 'refreshed';
}
