/**
 * The `Report` sheet (Pipeline › Report), as data: the weekly report's sections as live
 * formulas on the add-on's named ranges (SPEC §4: "the same report … as a Report sheet of live
 * formulas"), the signed waterfall steps a native WATERFALL chart is drawn from, and formats.
 * Pure: src/adapters/reportSheet.ts writes it.
 */
import {
  catalogFormula,
  DATE,
  MONEY,
  PERCENT,
  type RangeNames,
  SUMMARY_FORMATS,
  WHOLE,
} from '../dashboard/layout';
import { SUMMARY_LINES } from '../metrics/summary';

export const REPORT_TITLE = 'Weekly pipeline report';
/** Stored as the note of A1: the sheet is the add-on's (its ID is kept too). */
export const REPORT_MARKER = 'Built by Sheets Pipeline (Pipeline › Report). Rebuilding replaces this sheet.';

/** The waterfall's steps in order, with the sign each adds to the running total (End is the chart's total). */
export const WATERFALL_STEPS: readonly (readonly [string, 1 | -1])[] = [
  ['Start', 1],
  ['New', 1],
  ['Increased', 1],
  ['Decreased', -1],
  ['Won', -1],
  ['Lost', -1],
  ['Removed', -1],
];

export interface ReportFormat {
  /** A1 of a block. */
  readonly a1: string;
  readonly format: string;
}

export interface ReportLayout {
  /** Rows of cell text (labels, or formulas starting with `=`), from A1. */
  readonly grid: string[][];
  readonly width: number;
  readonly formats: readonly ReportFormat[];
  /** A1 cells shown bold. */
  readonly bold: readonly string[];
  /** The chart: its data block (header row first), and its anchor cell (1-based). */
  readonly chart: {
    readonly title: string;
    readonly a1: string;
    readonly row: number;
    readonly column: number;
  };
}

const WIDTH = 12;

/**
 * The report date, a plain date value the add-on writes (Pipeline › Report, and the daily check
 * each morning). Google's custom-functions guide (developers.google.com/apps-script/guides/
 * sheets/functions#arguments): "Custom function arguments must be deterministic": a window built
 * on TODAY() would leave its custom function on "Loading..." for ever. EOMONTH of this value cell
 * is deterministic, so the forecast windows below are formulas on it.
 */
export const REPORT_DATE = 'B2';
/** The weekday snapshots are taken (text the add-on writes; the empty-state messages use it). */
export const SNAPSHOT_DAY = 'B3';

/**
 * What B3 says: the report weekday, and when the daily check is off (no snapshot is ever
 * taken) how to turn it on. Reads on after "the first is taken on …".
 */
export function snapshotDayText(weekday: string, checkOn: boolean): string {
  return checkOn ? weekday : `${weekday}, once alerts are on (Pipeline › Alerts)`;
}

/** Text for a formula: `"…"` with inner quotes doubled. */
function literal(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The layout; cells by A1 (see the comments for what spills where). `taken` is the A1 of the
 * Snapshots sheet's Taken column (e.g. `Snapshots!$A:$A`): until there is a snapshot (and, for
 * the waterfall, a second one; for the accuracy, a whole month after the first) the sections say
 * so in words instead of the functions' errors; the functions' own contract is unchanged.
 */
export function reportLayout(names: RangeNames, taken: string): ReportLayout {
  const grid: string[][] = Array.from({ length: 34 }, () => Array.from({ length: WIDTH }, () => ''));
  const put = (a1: string, text: string) => {
    const m = /^([A-Z])(\d+)$/.exec(a1)!;
    grid[Number(m[2]) - 1]![m[1]!.charCodeAt(0) - 65] = text;
  };
  const bold: string[] = [];
  const title = (a1: string, text: string) => {
    put(a1, text);
    bold.push(a1);
  };
  title('A1', REPORT_TITLE);
  put('A2', 'Report date');
  // B2: the date value (the adapter writes it).
  put('A3', 'Snapshot day');
  // B3: the weekday (the adapter writes it).
  put('D2', 'Live formulas on the deals, History and Snapshots. Rebuild with Pipeline › Report.');
  const day = `$${SNAPSHOT_DAY[0]}$${SNAPSHOT_DAY.slice(1)}`;
  const noSnapshot = `COUNT(${taken})=0, ${literal('No snapshot yet: the first is taken on ')}&${day}&"."`;

  title('A4', 'Headline');
  put('A5', catalogFormula('PIPELINE_SUMMARY', names)); // A5:C14
  title('E4', 'What changed since the previous snapshot');
  // E5:G15 once two snapshots exist (MIN = MAX of Taken: one snapshot day so far).
  put(
    'E5',
    `=IF(${noSnapshot}, IF(MIN(${taken})=MAX(${taken}), ${literal(
      'One snapshot so far: changes show after the next, on ',
    )}&${day}&".", ${catalogFormula('PIPELINE_CHANGES', names).slice(1)}))`,
  );
  title('I4', 'Waterfall steps (chart)');
  put('I5', 'Change');
  put('J5', 'Amount');
  // PIPELINE_CHANGES lists the steps in SPEC order at E6:E12; each step's signed Amount.
  WATERFALL_STEPS.forEach(([step, sign], i) => {
    const row = 6 + i;
    put(`I${row}`, step);
    put(`J${row}`, `=IFERROR(${sign < 0 ? '-' : ''}G${row}, 0)`);
  });
  put('I13', 'End is the total the steps add up to (E13:G13).');

  title('A17', 'Forecast range');
  put('A18', 'This month');
  put('B18', 'From');
  put('C18', 'To');
  put('B19', '=EOMONTH($B$2, -1) + 1');
  put('C19', '=EOMONTH($B$2, 0)');
  put('D18', catalogFormula('PIPELINE_FORECAST_RANGE', names, ['B19', 'C19'])); // D18:G19
  put('A21', 'This quarter');
  put('B21', 'From');
  put('C21', 'To');
  put('B22', '=DATE(YEAR($B$2), INT((MONTH($B$2) - 1) / 3) * 3 + 1, 1)');
  put('C22', '=EOMONTH(B22, 2)');
  put('D21', catalogFormula('PIPELINE_FORECAST_RANGE', names, ['B22', 'C22'])); // D21:G22

  title('A24', 'Forecast accuracy');
  // A25:D31 once a month has begun after the first snapshot and ended (the function measures
  // whole months before this one that have a snapshot from before they began).
  put(
    'A25',
    `=IF(${noSnapshot}, IF(MIN(${taken})>=EOMONTH($B$2, -2) + 1, ${literal(
      'Shows once a whole month has passed since the first snapshot.',
    )}, ${catalogFormula('PIPELINE_FORECAST_ACCURACY', names).slice(1)}))`,
  );
  title('A33', 'Stalled deals');
  put('A34', catalogFormula('PIPELINE_STALLED', names)); // A34:E…
  title('G33', 'Overdue');
  put('G34', catalogFormula('PIPELINE_OVERDUE', names)); // G34:L…

  return {
    grid,
    width: WIDTH,
    formats: [
      { a1: 'B2', format: DATE },
      // The headline's Values (B6:B14), formatted as the Dashboard formats the same summary.
      ...SUMMARY_LINES.map((line, i) => ({ a1: `B${6 + i}`, format: SUMMARY_FORMATS[line.metric] ?? WHOLE })),
      // PIPELINE_STALLED's Amount column (Deal, Owner, Stage, Days In Stage, Amount) from A34.
      { a1: 'E35:E', format: MONEY },
      // PIPELINE_OVERDUE's Amount (Deal, Owner, Stage, Problem, Days, Amount) from G34.
      { a1: 'L35:L', format: MONEY },
      { a1: 'G6:G15', format: MONEY },
      { a1: 'J6:J12', format: MONEY },
      { a1: 'B19:C19', format: DATE },
      { a1: 'D19:G19', format: MONEY },
      { a1: 'B22:C22', format: DATE },
      { a1: 'D22:G22', format: MONEY },
      { a1: 'B26:C31', format: MONEY },
      { a1: 'D26:D31', format: PERCENT },
    ],
    bold: [...bold, 'I5', 'J5'],
    chart: { title: 'What changed since the previous snapshot', a1: 'I5:J12', row: 4, column: 14 },
  };
}
