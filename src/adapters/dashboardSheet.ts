/**
 * Pipeline › Dashboard, on the spreadsheet: writes the `Dashboard` sheet from the pure layout
 * (labels and live formulas in one write, formats, bold headers) and draws its native charts on
 * the cells the funnel and forecast formulas fill. A rebuild clears the sheet's own content and
 * charts first, so nothing is duplicated; no other sheet is touched.
 */

import { type ChartPlan, columnsDownA1, DASHBOARD_MARKER, dashboardLayout } from '../core/dashboard/layout';
import { PipelineError } from '../core/errors';
import { ownRangeName, RANGE_NAMES } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const DASHBOARD_SHEET = 'Dashboard';
/** Document property holding the ID of the sheet Pipeline › Dashboard built: how a rebuild knows it. */
export const DASHBOARD_PROPERTY = 'pipeline.dashboardSheetId';
const DASHBOARD_NAMES = [DASHBOARD_SHEET, `Pipeline ${DASHBOARD_SHEET}`, `Pipeline ${DASHBOARD_SHEET} 2`];

function isEmptySheet(sheet: Sheet): boolean {
  return sheet.getLastRow() === 0 && sheet.getLastColumn() === 0 && sheet.getCharts().length === 0;
}

/**
 * The sheet to build on: the one this add-on built before (its ID is kept in a document
 * property, which a team's own sheet cannot match whatever its A1 says), else `Dashboard` when
 * it is free or empty, else `Pipeline Dashboard`: a team's own `Dashboard` is never touched.
 */
function dashboardTarget(
  ss: Spreadsheet,
  props: GoogleAppsScript.Properties.Properties,
): { sheet: Sheet; rebuilt: boolean } {
  const id = props.getProperty(DASHBOARD_PROPERTY);
  const own = id ? ss.getSheets().find((s) => String(s.getSheetId()) === id) : undefined;
  if (own) return { sheet: own, rebuilt: true };
  for (const name of DASHBOARD_NAMES) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) return { sheet: ss.insertSheet(name, ss.getNumSheets()), rebuilt: false };
    if (isEmptySheet(sheet)) return { sheet, rebuilt: false };
  }
  throw new PipelineError(
    `The sheets ${DASHBOARD_NAMES.join(', ')} are all your own; rename one and run Pipeline › Dashboard again.`,
  );
}

export function buildDashboardSheet(ss: Spreadsheet): { sheet: Sheet; rebuilt: boolean } {
  const names = {
    ...RANGE_NAMES,
    deals: ownRangeName(ss, 'deals'),
    history: ownRangeName(ss, 'history'),
    snapshots: ownRangeName(ss, 'snapshots'),
  };
  for (const name of [names.deals, names.history]) {
    if (!ss.getRangeByName(name))
      throw new PipelineError(`The named range ${name} is missing: run Pipeline › Set up first.`);
  }
  const layout = dashboardLayout(names);
  const props = PropertiesService.getDocumentProperties();
  const { sheet, rebuilt } = dashboardTarget(ss, props);
  if (rebuilt) {
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    sheet.clear();
  }
  props.setProperty(DASHBOARD_PROPERTY, String(sheet.getSheetId()));

  const grid = layout.grid;
  const width = layout.width;
  sheet.getRange(1, 1, grid.length, width).setValues(grid);
  sheet.getRange(1, 1).setNote(DASHBOARD_MARKER);
  const firstMetric = layout.metrics[0]!;
  sheet
    .getRange(firstMetric.at.row, firstMetric.at.column, layout.metrics.length, 1)
    .setNumberFormats(layout.metrics.map((m) => [m.format]));
  const maxRows = sheet.getMaxRows();
  for (const table of [layout.tables.funnel, layout.tables.forecast]) {
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
 * Makes the Dashboard's formulas recalculate now. Sheets recalculates a custom function only when
 * its arguments change, and the stages are not an argument: after an edit of Stages the
 * dashboard would show the old stages until something else changed. Each run of formula cells
 * is cleared, the change applied (`flush`), and the same formulas written back. Only the sheet
 * this add-on built (its ID in the document property) is touched. Returns the formulas rewritten.
 */
export function refreshDashboardFormulas(ss: Spreadsheet): number {
  const id = PropertiesService.getDocumentProperties().getProperty(DASHBOARD_PROPERTY);
  if (!id) return 0;
  const sheet = ss.getSheets().find((s) => String(s.getSheetId()) === id);
  if (!sheet) return 0;
  const rows = sheet.getLastRow();
  const columns = sheet.getLastColumn();
  if (rows === 0 || columns === 0) return 0;
  const formulas = sheet.getRange(1, 1, rows, columns).getFormulas();
  const runs: { row: number; column: number; formulas: string[] }[] = [];
  formulas.forEach((line, r) => {
    let run: { row: number; column: number; formulas: string[] } | null = null;
    line.forEach((formula, c) => {
      if (formula === '') run = null;
      else if (run) run.formulas.push(formula);
      else {
        run = { row: r + 1, column: c + 1, formulas: [formula] };
        runs.push(run);
      }
    });
  });
  if (runs.length === 0) return 0;
  for (const run of runs) sheet.getRange(run.row, run.column, 1, run.formulas.length).clearContent();
  SpreadsheetApp.flush();
  for (const run of runs)
    sheet.getRange(run.row, run.column, 1, run.formulas.length).setFormulas([run.formulas]);
  return runs.reduce((n, run) => n + run.formulas.length, 0);
}
