/**
 * Pipeline › Report, on the spreadsheet: writes the `Report` sheet from the pure layout (labels
 * and live formulas in one write, formats, bold) and draws a native waterfall chart of the
 * steps since the previous snapshot. Like the Dashboard, the sheet the add-on built is known by
 * its ID (a document property), so a team's own `Report` is never written: the add-on uses
 * `Pipeline Report` beside it.
 */
import type { RangeNames } from '../core/dashboard/layout';
import { PipelineError } from '../core/errors';
import { REPORT_MARKER, reportLayout } from '../core/report/sheetLayout';
import { ownRangeName, RANGE_NAMES } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const REPORT_SHEET = 'Report';
/** Document property holding the ID of the sheet Pipeline › Report built. */
export const REPORT_PROPERTY = 'pipeline.reportSheetId';
const REPORT_NAMES = [REPORT_SHEET, `Pipeline ${REPORT_SHEET}`, `Pipeline ${REPORT_SHEET} 2`];

function isEmptySheet(sheet: Sheet): boolean {
  return sheet.getLastRow() === 0 && sheet.getLastColumn() === 0 && sheet.getCharts().length === 0;
}

function reportTarget(
  ss: Spreadsheet,
  props: GoogleAppsScript.Properties.Properties,
): { sheet: Sheet; rebuilt: boolean } {
  const id = props.getProperty(REPORT_PROPERTY);
  const own = id ? ss.getSheets().find((s) => String(s.getSheetId()) === id) : undefined;
  if (own) return { sheet: own, rebuilt: true };
  for (const name of REPORT_NAMES) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) return { sheet: ss.insertSheet(name, ss.getNumSheets()), rebuilt: false };
    if (isEmptySheet(sheet)) return { sheet, rebuilt: false };
  }
  throw new PipelineError(
    `The sheets ${REPORT_NAMES.join(', ')} are all your own; rename one and run Pipeline › Report again.`,
  );
}

export function buildReportSheet(ss: Spreadsheet): { sheet: Sheet; rebuilt: boolean } {
  const names: RangeNames = {
    ...RANGE_NAMES,
    deals: ownRangeName(ss, 'deals'),
    history: ownRangeName(ss, 'history'),
    snapshots: ownRangeName(ss, 'snapshots'),
  };
  for (const name of [names.deals, names.history, names.snapshots]) {
    if (!ss.getRangeByName(name))
      throw new PipelineError(`The named range ${name} is missing: run Pipeline › Set up first.`);
  }
  const layout = reportLayout(names);
  const props = PropertiesService.getDocumentProperties();
  const { sheet, rebuilt } = reportTarget(ss, props);
  if (rebuilt) {
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    sheet.clear();
  }
  props.setProperty(REPORT_PROPERTY, String(sheet.getSheetId()));

  const grid = layout.grid;
  sheet.getRange(1, 1, grid.length, layout.width).setValues(grid);
  sheet.getRange(1, 1).setNote(REPORT_MARKER);
  for (const f of layout.formats) sheet.getRange(f.a1).setNumberFormat(f.format);
  const weights: ('bold' | null)[][] = grid.map((row) => row.map(() => null));
  for (const a1 of layout.bold) {
    const m = /^([A-Z])(\d+)$/.exec(a1);
    if (m) weights[Number(m[2]) - 1]![m[1]!.charCodeAt(0) - 65] = 'bold';
  }
  sheet.getRange(1, 1, grid.length, layout.width).setFontWeights(weights);
  sheet.setColumnWidth(1, 170);
  sheet.setColumnWidth(5, 130);

  // Charts.ChartType.WATERFALL (developers.google.com/apps-script/reference/charts/chart-type);
  // only the documented `title` option is set.
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.WATERFALL)
    .addRange(sheet.getRange(layout.chart.a1))
    .setNumHeaders(1)
    .setOption('title', layout.chart.title)
    .setPosition(layout.chart.row, layout.chart.column, 0, 0)
    .build();
  sheet.insertChart(chart);
  sheet.activate();
  return { sheet, rebuilt };
}
