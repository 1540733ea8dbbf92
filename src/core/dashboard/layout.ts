/**
 * The Dashboard sheet, as data: which cell holds which label or live formula, their number
 * formats, where the funnel and forecast tables spill, and the native charts drawn on them.
 * Formulas are generated from the custom-function catalog, on the named ranges, so every cell
 * recalculates when a deal changes. Pure: the adapter writes it.
 */
import { FUNCTIONS, type TableKind } from '../../functions/catalog';
import { PipelineError } from '../errors';
import { CALIBRATION_HEADERS } from '../metrics/calibration';
import { FORECAST_HEADERS } from '../metrics/forecast';
import { QUOTA_HEADERS, RANGE_HEADERS } from '../metrics/forecastRange';
import { FUNNEL_HEADERS } from '../metrics/funnel';
import { OVERDUE_HEADERS } from '../metrics/overdue';
import { SUMMARY_HEADERS, SUMMARY_LINES } from '../metrics/summary';
import { columnLetter } from '../model/columns';
import type { Day } from '../model/dates';
import { monthBounds, quarterBounds } from '../report/schedule';

export type RangeNames = Readonly<Record<TableKind, string>>;

/**
 * `=NAME(DEALS, HISTORY, …args)`: the tables the catalog says the function takes, by their named
 * ranges, then the arguments given (already formula text).
 */
export function catalogFormula(name: string, names: RangeNames, args: readonly string[] = []): string {
  const spec = FUNCTIONS.find((f) => f.name === name);
  if (!spec) throw new PipelineError(`No custom function ${name} in the catalog.`);
  const parts = [...spec.tables.map((t) => names[t]), ...args];
  return `=${spec.name}(${parts.join(', ')})`;
}

export const DASHBOARD_TITLE = 'Pipeline dashboard';
/** Stored as the note of A1: how a rebuild knows the sheet is the add-on's own. */
export const DASHBOARD_MARKER =
  'Built by Sheets Pipeline (Pipeline › Dashboard). Rebuilding replaces this sheet.';

export const MONEY = '#,##0';
export const PERCENT = '0%';
export const WHOLE = '0';
export const DAYS = '0.0';
/** A difference of probabilities: +5% / −25%. */
export const SIGNED_PERCENT = '+0%;-0%;0%';

/** The number format of each PIPELINE_SUMMARY row's Value, by its Metric. */
export const SUMMARY_FORMATS: Readonly<Record<string, string>> = {
  'Open Deals': WHOLE,
  'Open Value': MONEY,
  'Weighted Value': MONEY,
  'Win Rate': PERCENT,
  'Average Deal': MONEY,
  'Cycle Days': DAYS,
  Velocity: MONEY,
  'Stalled Deals': WHOLE,
  'Overdue Deals': WHOLE,
};

/** A 1-based cell. */
export interface CellRef {
  readonly row: number;
  readonly column: number;
}

/** `F5` of a cell. */
export function cellA1(at: CellRef): string {
  return `${columnLetter(at.column - 1)}${at.row}`;
}

/** A block of columns from `row` to the bottom of the sheet (a table that spills and may grow). */
export interface ColumnsDown {
  readonly row: number;
  readonly column: number;
  readonly columns: number;
}

export type ChartKind = 'BAR' | 'COLUMN' | 'LINE';

export interface ChartPlan {
  readonly title: string;
  readonly kind: ChartKind;
  /** Category column first, then the series; header row included (numHeaders 1). */
  readonly ranges: readonly ColumnsDown[];
  readonly anchor: CellRef;
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

export interface TablePlan {
  readonly title: string;
  /** Where the formula goes; its header row spills from here. */
  readonly at: CellRef;
  readonly formula: string;
  readonly headers: readonly string[];
  /** Formats of the data rows below the header, per column offset. */
  readonly formats: readonly { readonly offset: number; readonly count: number; readonly format: string }[];
}

/** The forecast windows the Dashboard shows: the calendar month and quarter of today. */
export type Period = 'month' | 'quarter';

/**
 * A forecast range for one period: a PIPELINE_FORECAST_RANGE of two rows (its header, then its
 * figures) at `at`, `label` left of the figures, and the window's first and last day as plain
 * date values in `from` / `to` (the formula's start and end arguments refer to them).
 * `formats` apply to the figures' row only.
 */
export interface RangePlan {
  readonly label: string;
  readonly period: Period;
  readonly from: CellRef;
  readonly to: CellRef;
  readonly at: CellRef;
  readonly formula: string;
  readonly headers: readonly string[];
  readonly formats: readonly { readonly offset: number; readonly count: number; readonly format: string }[];
}

export interface DashboardLayout {
  /** Rows × columns from A1 written in one setValues: labels, formulas and ''. */
  readonly grid: string[][];
  /**
   * The headline block: one PIPELINE_SUMMARY spilling `Metric, Value, Note` from `at`; `formats`
   * are the Value cells' formats, one per summary row, from the row below `at` in column `at + 1`.
   */
  readonly headline: { readonly formula: string; readonly at: CellRef; readonly formats: readonly string[] };
  readonly tables: {
    readonly funnel: TablePlan;
    readonly forecast: TablePlan;
    readonly overdue: TablePlan;
    readonly calibration: TablePlan;
  };
  /** This month's and this quarter's forecast range, beside the headline. */
  readonly ranges: readonly RangePlan[];
  readonly charts: readonly ChartPlan[];
  /** Cells shown bold (titles and the spilled table headers). */
  readonly bold: readonly CellRef[];
  /** Last column any content or header reaches (the width of the bold grid). */
  readonly width: number;
}

const HEADLINE_ROW = 4;
/** Below the headline (header + 9 rows) and the side blocks; the three long tables start here. */
const TABLES_ROW = 17;
const FUNNEL_COLUMN = 1;
const FORECAST_COLUMN = FUNNEL_COLUMN + FUNNEL_HEADERS.length + 1;
const OVERDUE_COLUMN = FORECAST_COLUMN + FORECAST_HEADERS.length + 1;
const CALIBRATION_COLUMN = OVERDUE_COLUMN + OVERDUE_HEADERS.length + 1;
const CHART_COLUMN = CALIBRATION_COLUMN + CALIBRATION_HEADERS.length + 1;
/**
 * The forecast ranges sit right of the headline (Metric, Value, Note in A:C), one column apart:
 * a label column, the window's From and To dates, then each range's two rows (header, figures),
 * this month's at row 4 and this quarter's at row 6; they end at row 7, well above the tables'
 * titles (row 16).
 */
const RANGES_COLUMN = 5;
const RANGE_ROWS = [HEADLINE_ROW, HEADLINE_ROW + 2];

/** How window dates are shown. */
export const DATE = 'yyyy-mm-dd';

/**
 * The window of a period around `today`, as days. Google's custom-functions guide
 * (developers.google.com/apps-script/guides/sheets/functions#arguments): "Custom function
 * arguments must be deterministic" — NOW(), RAND() (and TODAY(), which changes daily) as an
 * argument leave the cell on "Loading..." for ever. So the windows are not formulas on TODAY():
 * the add-on writes these days as plain date values (Pipeline › Dashboard, and the daily check
 * each morning), and the custom function refers to those cells.
 */
export function windowDays(period: Period, today: Day): { start: Day; end: Day } {
  return period === 'month' ? monthBounds(today) : quarterBounds(today);
}

/** The window cells of a layout and the day each holds on `today`. */
export function windowValues(ranges: readonly RangePlan[], today: Day): { at: CellRef; day: Day }[] {
  return ranges.flatMap((r) => {
    const { start, end } = windowDays(r.period, today);
    return [
      { at: r.from, day: start },
      { at: r.to, day: end },
    ];
  });
}

function headerColumn(table: TablePlan, header: string): number {
  const i = table.headers.indexOf(header);
  if (i < 0) throw new PipelineError(`${table.title}: no ${header} column.`);
  return table.at.column + i;
}

function columnsDown(table: TablePlan, first: string, last = first): ColumnsDown {
  const start = headerColumn(table, first);
  return { row: table.at.row, column: start, columns: headerColumn(table, last) - start + 1 };
}

/** The whole dashboard for the named ranges given (DEALS / HISTORY). */
export function dashboardLayout(names: RangeNames): DashboardLayout {
  const headline = {
    formula: catalogFormula('PIPELINE_SUMMARY', names),
    at: { row: HEADLINE_ROW, column: 1 },
    formats: SUMMARY_LINES.map((l) => SUMMARY_FORMATS[l.metric] ?? WHOLE),
  };
  const funnel: TablePlan = {
    title: 'Funnel by stage',
    at: { row: TABLES_ROW, column: FUNNEL_COLUMN },
    formula: catalogFormula('PIPELINE_FUNNEL', names),
    headers: FUNNEL_HEADERS,
    formats: [
      { offset: FUNNEL_HEADERS.indexOf('Open Value'), count: 2, format: MONEY },
      { offset: FUNNEL_HEADERS.indexOf('Conversion'), count: 1, format: PERCENT },
    ],
  };
  const forecast: TablePlan = {
    title: 'Forecast by month',
    at: { row: TABLES_ROW, column: FORECAST_COLUMN },
    formula: catalogFormula('PIPELINE_FORECAST', names),
    headers: FORECAST_HEADERS,
    formats: [{ offset: FORECAST_HEADERS.indexOf('Value'), count: 3, format: MONEY }],
  };
  const overdue: TablePlan = {
    title: 'Overdue: close dates passed, next steps late or missing',
    at: { row: TABLES_ROW, column: OVERDUE_COLUMN },
    formula: catalogFormula('PIPELINE_OVERDUE', names),
    headers: OVERDUE_HEADERS,
    formats: [
      { offset: OVERDUE_HEADERS.indexOf('Days'), count: 1, format: WHOLE },
      { offset: OVERDUE_HEADERS.indexOf('Amount'), count: 1, format: MONEY },
    ],
  };
  const calibration: TablePlan = {
    title: 'Stage probabilities: set in Stages and shown by History',
    at: { row: TABLES_ROW, column: CALIBRATION_COLUMN },
    formula: catalogFormula('PIPELINE_CALIBRATION', names),
    headers: CALIBRATION_HEADERS,
    formats: [
      { offset: CALIBRATION_HEADERS.indexOf('Set Probability'), count: 2, format: PERCENT },
      { offset: CALIBRATION_HEADERS.indexOf('Closed Deals'), count: 1, format: WHOLE },
      { offset: CALIBRATION_HEADERS.indexOf('Difference'), count: 1, format: SIGNED_PERCENT },
    ],
  };
  const rangeHeaders = [...RANGE_HEADERS, ...QUOTA_HEADERS];
  const rangeFormats = [
    { offset: 0, count: RANGE_HEADERS.length + 1, format: MONEY },
    { offset: rangeHeaders.indexOf('Chance Of Quota'), count: 1, format: PERCENT },
  ];
  const periods: { label: string; period: Period }[] = [
    { label: 'This month', period: 'month' },
    { label: 'This quarter', period: 'quarter' },
  ];
  const ranges: RangePlan[] = periods.map((p, i) => {
    const row = RANGE_ROWS[i]! + 1;
    const from = { row, column: RANGES_COLUMN + 1 };
    const to = { row, column: RANGES_COLUMN + 2 };
    return {
      ...p,
      from,
      to,
      at: { row: RANGE_ROWS[i]!, column: RANGES_COLUMN + 3 },
      // Against the Team sheet's quota: where Team has none, the Quota cell says so.
      formula: catalogFormula('PIPELINE_FORECAST_RANGE', names, [cellA1(from), cellA1(to), '""', '"team"']),
      headers: rangeHeaders,
      formats: rangeFormats,
    };
  });
  const width = CALIBRATION_COLUMN + CALIBRATION_HEADERS.length - 1;
  const grid: string[][] = Array.from({ length: TABLES_ROW }, () => Array<string>(width).fill(''));
  const put = (at: CellRef, text: string) => {
    grid[at.row - 1]![at.column - 1] = text;
  };
  put({ row: 1, column: 1 }, DASHBOARD_TITLE);
  put(
    { row: 2, column: 1 },
    `Live formulas on ${names.deals} and ${names.history}: they recalculate as deals change. ` +
      'Rebuild with Pipeline › Dashboard.',
  );
  put({ row: headline.at.row - 1, column: headline.at.column }, 'Headline figures');
  put(headline.at, headline.formula);
  for (const t of [funnel, forecast, overdue, calibration]) {
    put({ row: t.at.row - 1, column: t.at.column }, t.title);
    put(t.at, t.formula);
  }
  const rangesTitle = { row: HEADLINE_ROW - 1, column: RANGES_COLUMN };
  put(rangesTitle, 'Forecast range: what the period will have won (Team quota)');
  put({ row: HEADLINE_ROW, column: RANGES_COLUMN }, 'Period');
  put({ row: HEADLINE_ROW, column: RANGES_COLUMN + 1 }, 'From');
  put({ row: HEADLINE_ROW, column: RANGES_COLUMN + 2 }, 'To');
  for (const r of ranges) {
    put({ row: r.at.row + 1, column: RANGES_COLUMN }, r.label);
    put(r.at, r.formula);
  }
  const charts: ChartPlan[] = [
    {
      title: 'Funnel by stage',
      kind: 'BAR',
      ranges: [columnsDown(funnel, 'Stage'), columnsDown(funnel, 'Reached')],
      anchor: { row: 1, column: CHART_COLUMN },
      options: { 'legend.position': 'none', 'hAxis.title': 'Deals that reached the stage' },
    },
    {
      title: 'Value by stage',
      kind: 'COLUMN',
      ranges: [columnsDown(funnel, 'Stage'), columnsDown(funnel, 'Open Value', 'Weighted Value')],
      anchor: { row: 19, column: CHART_COLUMN },
      options: { 'legend.position': 'bottom' },
    },
    {
      title: 'Forecast by month',
      kind: 'COLUMN',
      ranges: [columnsDown(forecast, 'Month'), columnsDown(forecast, 'Value', 'Won')],
      anchor: { row: 37, column: CHART_COLUMN },
      options: { 'legend.position': 'bottom' },
    },
    {
      title: 'Stage probabilities: set and historical',
      kind: 'BAR',
      ranges: [columnsDown(calibration, 'Stage'), columnsDown(calibration, 'Set Probability', 'Historical')],
      anchor: { row: 55, column: CHART_COLUMN },
      options: { 'legend.position': 'bottom', 'hAxis.format': 'percent' },
    },
  ];
  const bold: CellRef[] = [
    { row: 1, column: 1 },
    { row: headline.at.row - 1, column: headline.at.column },
    ...SUMMARY_HEADERS.map((_, i) => ({ row: headline.at.row, column: headline.at.column + i })),
    ...[funnel, forecast, overdue, calibration].flatMap((t) => [
      { row: t.at.row - 1, column: t.at.column },
      ...t.headers.map((_, i) => ({ row: t.at.row, column: t.at.column + i })),
    ]),
    rangesTitle,
    { row: HEADLINE_ROW, column: RANGES_COLUMN },
    { row: HEADLINE_ROW, column: RANGES_COLUMN + 1 },
    { row: HEADLINE_ROW, column: RANGES_COLUMN + 2 },
    ...ranges.flatMap((r) => [
      { row: r.at.row + 1, column: RANGES_COLUMN },
      ...r.headers.map((_, i) => ({ row: r.at.row, column: r.at.column + i })),
    ]),
  ];
  return { grid, headline, tables: { funnel, forecast, overdue, calibration }, ranges, charts, bold, width };
}

/** A1 of a block of columns down to the bottom, e.g. `A13:A`. */
export function columnsDownA1(range: ColumnsDown): string {
  const first = columnLetter(range.column - 1);
  const last = columnLetter(range.column + range.columns - 2);
  return `${first}${range.row}:${last}`;
}
