/**
 * Pipeline › Report, on the spreadsheet: writes the `Report` sheet from the pure layout (labels
 * and live formulas in one write, formats, bold) and draws a native waterfall chart of the
 * steps since the previous snapshot. Like the Dashboard, the sheet the add-on built is known by
 * its ID (a document property), so a team's own `Report` is never written: the add-on uses
 * `Pipeline Report` beside it.
 */
import { parseConfig } from '../core/alerts/settings';
import type { RangeNames } from '../core/dashboard/layout';
import { PipelineError } from '../core/errors';
import { columnLetter } from '../core/model/columns';
import { DEFAULT_REPORT_DAY, WEEKDAYS } from '../core/report/schedule';
import {
  REPORT_DATE,
  REPORT_MARKER,
  type ReportLayout,
  reportLayout,
  SNAPSHOT_DAY,
  snapshotDayText,
} from '../core/report/sheetLayout';
import { KEYS } from './alertsStore';
import { type BuiltSheetKind, builtSheet, rewriteLiveSheet, takeBuiltSheet } from './builtSheet';
import { WorkbookContext } from './context';
import { ownRangeNames } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const REPORT_SHEET = 'Report';
/** Document property holding the ID of the sheet Pipeline › Report built. */
export const REPORT_PROPERTY = 'pipeline.reportSheetId';
const REPORT: BuiltSheetKind = { property: REPORT_PROPERTY, name: REPORT_SHEET, menu: 'Report' };

/** A sheet name as a formula reference needs it: bare when Sheets would keep it bare, else quoted. */
function sheetPrefix(name: string): string {
  const bare =
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name);
  return bare ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The layout on this workbook: the Taken column is the snapshots range's first column. */
function layoutOf(ss: Spreadsheet, names: RangeNames): ReportLayout | null {
  const snapshots = ss.getRangeByName(names.snapshots);
  if (!snapshots) return null;
  const column = columnLetter(snapshots.getColumn() - 1);
  return reportLayout(names, `${sheetPrefix(snapshots.getSheet().getName())}!$${column}:$${column}`);
}

/**
 * The layout's cells with today's values: the report date (today in the spreadsheet's time
 * zone, a plain date: custom functions must not depend on TODAY()) and the snapshot weekday
 * from the alert settings.
 */
function cellsForToday(layout: ReportLayout, ctx: WorkbookContext): (string | Date)[][] {
  const config = parseConfig(PropertiesService.getDocumentProperties().getProperty(KEYS.config));
  const weekday = WEEKDAYS[config ? config.reportDay : DEFAULT_REPORT_DAY] ?? 'Monday';
  const cells: (string | Date)[][] = layout.grid.map((row) => row.slice());
  const put = (a1: string, value: string | Date) => {
    cells[Number(a1.slice(1)) - 1]![a1.charCodeAt(0) - 65] = value;
  };
  put(REPORT_DATE, ctx.calendar.startOf(ctx.today()));
  put(SNAPSHOT_DAY, snapshotDayText(weekday, config !== null));
  return cells;
}

export function buildReportSheet(
  ss: Spreadsheet,
  ctx: WorkbookContext = new WorkbookContext(ss),
): { sheet: Sheet; rebuilt: boolean } {
  const names = ownRangeNames(ss);
  for (const name of [names.deals, names.history, names.snapshots]) {
    if (!ss.getRangeByName(name))
      throw new PipelineError(`The named range ${name} is missing: run Pipeline › Set up first.`);
  }
  const layout = layoutOf(ss, names) as ReportLayout;
  const { sheet, rebuilt } = takeBuiltSheet(ss, REPORT);

  const grid = layout.grid;
  sheet.getRange(1, 1, grid.length, layout.width).setValues(cellsForToday(layout, ctx));
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

/**
 * The daily check's morning refresh of the Report sheet this add-on built (known by its ID, like
 * the Dashboard): the report date moves to today (the Report is read as "the report as of
 * today"; its forecast windows follow it), the snapshot weekday follows the alert settings, and
 * every formula evaluates anew (stalled and overdue depend on today, which no argument carries).
 * A Report built by an older version is left as it is ('not-current': rebuild it).
 */
export function refreshReportSheet(
  ss: Spreadsheet,
  ctx: WorkbookContext = new WorkbookContext(ss),
): 'refreshed' | 'absent' | 'not-current' {
  const sheet = builtSheet(ss, REPORT);
  if (!sheet) return 'absent';
  const layout = layoutOf(ss, ownRangeNames(ss));
  if (!layout) return 'not-current';
  return rewriteLiveSheet(sheet, layout.grid, layout.width, cellsForToday(layout, ctx));
}
