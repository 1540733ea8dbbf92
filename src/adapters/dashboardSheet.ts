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
  DATE,
  type DashboardLayout,
  dashboardLayout,
  windowValues,
} from '../core/dashboard/layout';
import { PipelineError } from '../core/errors';
import { type BuiltSheetKind, builtSheet, rewriteLiveSheet, takeBuiltSheet } from './builtSheet';
import { WorkbookContext } from './context';
import { ownRangeNames } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const DASHBOARD_SHEET = 'Dashboard';
/** Document property holding the ID of the sheet Pipeline › Dashboard built: how a rebuild knows it. */
export const DASHBOARD_PROPERTY = 'pipeline.dashboardSheetId';
const DASHBOARD: BuiltSheetKind = { property: DASHBOARD_PROPERTY, name: DASHBOARD_SHEET, menu: 'Dashboard' };

/**
 * The layout's cells with the forecast windows' dates for today (the spreadsheet's time zone):
 * plain date values, never TODAY() (see windowDays in core/dashboard/layout.ts).
 */
function gridForToday(layout: DashboardLayout, ctx: WorkbookContext): (string | Date)[][] {
  const cells: (string | Date)[][] = layout.grid.map((row) => row.slice());
  for (const { at, day } of windowValues(layout.ranges, ctx.today())) {
    cells[at.row - 1]![at.column - 1] = ctx.calendar.startOf(day);
  }
  return cells;
}

export function buildDashboardSheet(
  ss: Spreadsheet,
  ctx: WorkbookContext = new WorkbookContext(ss),
): { sheet: Sheet; rebuilt: boolean } {
  const names = ownRangeNames(ss);
  for (const name of [names.deals, names.history]) {
    if (!ss.getRangeByName(name))
      throw new PipelineError(`The named range ${name} is missing: run Pipeline › Set up first.`);
  }
  const layout = dashboardLayout(names);
  const { sheet, rebuilt } = takeBuiltSheet(ss, DASHBOARD);

  const grid = layout.grid;
  const width = layout.width;
  sheet.getRange(1, 1, grid.length, width).setValues(gridForToday(layout, ctx));
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
  for (const r of layout.ranges) {
    // From and To side by side.
    sheet.getRange(r.from.row, r.from.column, 1, r.to.column - r.from.column + 1).setNumberFormat(DATE);
    for (const f of r.formats) {
      sheet.getRange(r.at.row + 1, r.at.column + f.offset, 1, f.count).setNumberFormat(f.format);
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
 * Makes the Dashboard's formulas evaluate anew (SPEC §2), and moves the forecast windows to
 * today. Sheets recalculates a custom function only when its arguments change; neither today
 * (stalled, overdue: the daily check's morning refresh) nor the stages (an edit of Stages) are
 * arguments, so the figures would go stale. The layout's cells are written blank, flushed, and
 * written back (labels, formulas and the windows' From / To dates for today in the spreadsheet's
 * time zone, in one write each; the spilled cells stay empty underneath, as built). Only the
 * sheet this add-on built (its ID in the document property, never a name: a team's own
 * `Dashboard` is theirs) whose formula cells are still exactly this version's layout is
 * touched; one built by an older version (rebuild it with Pipeline › Dashboard) is left as it is.
 */
export function refreshDashboardFormulas(
  ss: Spreadsheet,
  ctx: WorkbookContext = new WorkbookContext(ss),
): 'refreshed' | 'absent' | 'not-current' {
  const sheet = builtSheet(ss, DASHBOARD);
  if (!sheet) return 'absent';
  const layout = dashboardLayout(ownRangeNames(ss));
  return rewriteLiveSheet(sheet, layout.grid, layout.width, gridForToday(layout, ctx));
}
