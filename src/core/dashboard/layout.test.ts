import { FUNCTIONS } from '../../functions/catalog';
import { FORECAST_HEADERS } from '../metrics/forecast';
import { FUNNEL_HEADERS } from '../metrics/funnel';
import { SUMMARY_LINES } from '../metrics/summary';
import { columnLetter } from '../model/columns';
import { catalogFormula, columnsDownA1, dashboardLayout, windowValues } from './layout';

const NAMES = { deals: 'DEALS', history: 'HISTORY', snapshots: 'SNAPSHOTS' };

describe('catalogFormula', () => {
  test('the tables a function takes come from the catalog, then the arguments', () => {
    expect(catalogFormula('PIPELINE_VALUE', NAMES)).toBe('=PIPELINE_VALUE(DEALS)');
    expect(catalogFormula('PIPELINE_FUNNEL', NAMES)).toBe('=PIPELINE_FUNNEL(DEALS, HISTORY)');
    expect(catalogFormula('PIPELINE_CONVERSION', NAMES, ['"Proposal"', '"Won"'])).toBe(
      '=PIPELINE_CONVERSION(DEALS, HISTORY, "Proposal", "Won")',
    );
    expect(() => catalogFormula('PIPELINE_NOPE', NAMES)).toThrow('No custom function PIPELINE_NOPE');
  });

  test('the headline is one catalog function returning a table', () => {
    expect(FUNCTIONS.find((f) => f.name === 'PIPELINE_SUMMARY')?.returns.kind).toBe('table');
  });
});

describe('dashboardLayout', () => {
  const layout = dashboardLayout(NAMES);
  const at = (a1: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
    return layout.grid[Number(m[2]) - 1]![m[1]!.charCodeAt(0) - 65];
  };
  const RANGE = (start: string, end: string) =>
    `=PIPELINE_FORECAST_RANGE(DEALS, HISTORY, ${start}, ${end}, "", "team")`;
  // The windows are plain date cells the add-on writes (F5:G5, F7:G7), never TODAY(): custom
  // function arguments must be deterministic.
  const MONTH = RANGE('F5', 'G5');
  const QUARTER = RANGE('F7', 'G7');

  test('headline: ONE PIPELINE_SUMMARY at A4 (its header spills there), a format per summary row in B5:B13', () => {
    expect(at('A3')).toBe('Headline figures');
    expect(at('A4')).toBe('=PIPELINE_SUMMARY(DEALS, HISTORY)');
    // the 9 rows spill into A5:C13: nothing else written there
    for (let r = 5; r <= 13; r++) for (const c of 'ABC') expect(at(`${c}${r}`)).toBe('');
    expect(layout.headline.at).toEqual({ row: 4, column: 1 });
    // SPEC §2 row order: Open Deals, Open Value, Weighted Value, Win Rate, Average Deal, Cycle Days,
    // Velocity, Stalled Deals, Overdue Deals
    expect(SUMMARY_LINES.map((l) => l.metric)).toHaveLength(9);
    expect(layout.headline.formats).toEqual(['0', '#,##0', '#,##0', '0%', '#,##0', '0.0', '#,##0', '0', '0']);
  });

  test('DEALS is handed to the engine once per table formula', () => {
    const formulas = layout.grid.flat().filter((c) => c.startsWith('='));
    expect(formulas).toEqual([
      '=PIPELINE_SUMMARY(DEALS, HISTORY)',
      MONTH,
      QUARTER,
      '=PIPELINE_FUNNEL(DEALS, HISTORY)',
      '=PIPELINE_FORECAST(DEALS)',
      '=PIPELINE_OVERDUE(DEALS)',
      '=PIPELINE_CALIBRATION(DEALS, HISTORY)',
    ]);
  });

  test('forecast ranges right of the headline: Period, From, To, then this month at H4 and this quarter at H6, against the Team quota', () => {
    expect(at('E3')).toBe('Forecast range: what the period will have won (Team quota)');
    expect([at('E4'), at('F4'), at('G4')]).toEqual(['Period', 'From', 'To']);
    expect(at('H4')).toBe(MONTH);
    expect(at('E5')).toBe('This month');
    expect(at('H6')).toBe(QUARTER);
    expect(at('E7')).toBe('This quarter');
    // The From / To cells are left for the adapter's date values.
    for (const a1 of ['F5', 'G5', 'F7', 'G7', 'E6', 'F6', 'G6']) expect(at(a1)).toBe('');
    expect(layout.ranges.map((r) => [r.period, r.from, r.to])).toEqual([
      ['month', { row: 5, column: 6 }, { row: 5, column: 7 }],
      ['quarter', { row: 7, column: 6 }, { row: 7, column: 7 }],
    ]);
    // Each spills a header and one row of 6 columns (H:M): nothing else written there, and the
    // headline's A:C (rows 4–13) and column D are left free.
    for (const r of [4, 5, 6, 7]) {
      for (const c of 'IJKLM') expect(at(`${c}${r}`)).toBe('');
      if (r === 5 || r === 7) expect(at(`H${r}`)).toBe('');
    }
    for (let r = 4; r <= 15; r++) expect(at(`D${r}`)).toBe('');
    for (let r = 8; r <= 15; r++) for (const c of 'EFGHIJKLM') expect(at(`${c}${r}`)).toBe('');
    expect(layout.ranges.map((r) => r.headers)).toEqual([
      ['Low (P10)', 'Likely (P50)', 'High (P90)', 'Expected', 'Quota', 'Chance Of Quota'],
      ['Low (P10)', 'Likely (P50)', 'High (P90)', 'Expected', 'Quota', 'Chance Of Quota'],
    ]);
    // money on Low…Quota, percent on the chance, on the figures' row only
    expect(layout.ranges[0]!.formats).toEqual([
      { offset: 0, count: 5, format: '#,##0' },
      { offset: 5, count: 1, format: '0%' },
    ]);
  });

  test('window dates for a day: its calendar month and quarter, leap years and year ends included', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const iso = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
    const windows = (today: string) =>
      windowValues(layout.ranges, day(today)).map(
        (w) => `${columnLetter(w.at.column - 1)}${w.at.row} ${iso(w.day)}`,
      );
    // 23 Nov 2026: November; Q4 is October–December.
    expect(windows('2026-11-23')).toEqual([
      'F5 2026-11-01',
      'G5 2026-11-30',
      'F7 2026-10-01',
      'G7 2026-12-31',
    ]);
    // 29 Feb 2028 (a leap year): February has 29 days; Q1 is January–March.
    expect(windows('2028-02-29')).toEqual([
      'F5 2028-02-01',
      'G5 2028-02-29',
      'F7 2028-01-01',
      'G7 2028-03-31',
    ]);
    // 31 Dec and 1 Jan: the last and first days of a year.
    expect(windows('2026-12-31')).toEqual([
      'F5 2026-12-01',
      'G5 2026-12-31',
      'F7 2026-10-01',
      'G7 2026-12-31',
    ]);
    expect(windows('2027-01-01')).toEqual([
      'F5 2027-01-01',
      'G5 2027-01-31',
      'F7 2027-01-01',
      'G7 2027-03-31',
    ]);
    // 30 June: Q2 ends that day.
    expect(windows('2027-06-30')).toEqual([
      'F5 2027-06-01',
      'G5 2027-06-30',
      'F7 2027-04-01',
      'G7 2027-06-30',
    ]);
  });

  test('no formula of the layout calls a volatile built-in', () => {
    const formulas = layout.grid.flat().filter((c) => c.startsWith('='));
    for (const f of formulas) expect(f).not.toMatch(/\b(TODAY|NOW|RAND|RANDBETWEEN|RANDARRAY)\s*\(/i);
  });

  test('funnel from A17 (6 columns), forecast from H17 (5), overdue from N17 (6), calibration from U17 (5), titles above', () => {
    expect(at('A16')).toBe('Funnel by stage');
    expect(at('A17')).toBe('=PIPELINE_FUNNEL(DEALS, HISTORY)');
    expect(at('H16')).toBe('Forecast by month');
    expect(at('H17')).toBe('=PIPELINE_FORECAST(DEALS)');
    expect(at('N16')).toBe('Overdue: close dates passed, next steps late or missing');
    expect(at('N17')).toBe('=PIPELINE_OVERDUE(DEALS)');
    expect(at('U16')).toBe('Stage probabilities: set in Stages and shown by History');
    expect(at('U17')).toBe('=PIPELINE_CALIBRATION(DEALS, HISTORY)');
    // Nothing else in the rows the tables spill into.
    for (const col of 'BCDEFGIJKLMOPQRSTVWXY') expect(at(`${col}17`)).toBe('');
    expect(layout.grid).toHaveLength(17);
    expect(layout.width).toBe(21 + 5 - 1);
    expect(FUNNEL_HEADERS).toHaveLength(6);
    expect(FORECAST_HEADERS).toHaveLength(5);
  });

  test('charts: type, and the spilled columns they read down to the bottom of the sheet', () => {
    const charts = layout.charts.map((c) => ({
      title: c.title,
      kind: c.kind,
      ranges: c.ranges.map(columnsDownA1),
      anchor: `${columnLetter(c.anchor.column - 1)}${c.anchor.row}`,
    }));
    expect(charts).toEqual([
      { title: 'Funnel by stage', kind: 'BAR', ranges: ['A17:A', 'E17:E'], anchor: 'AA1' },
      { title: 'Value by stage', kind: 'COLUMN', ranges: ['A17:A', 'C17:D'], anchor: 'AA19' },
      { title: 'Forecast by month', kind: 'COLUMN', ranges: ['H17:H', 'J17:L'], anchor: 'AA37' },
      {
        title: 'Stage probabilities: set and historical',
        kind: 'BAR',
        ranges: ['U17:U', 'V17:W'],
        anchor: 'AA55',
      },
    ]);
  });

  test('money and percent formats on the table columns below their headers', () => {
    expect(layout.tables.funnel.formats).toEqual([
      { offset: 2, count: 2, format: '#,##0' },
      { offset: 5, count: 1, format: '0%' },
    ]);
    expect(layout.tables.forecast.formats).toEqual([{ offset: 2, count: 3, format: '#,##0' }]);
    // Overdue: Days whole, Amount money
    expect(layout.tables.overdue.formats).toEqual([
      { offset: 4, count: 1, format: '0' },
      { offset: 5, count: 1, format: '#,##0' },
    ]);
    // Calibration: Set Probability and Historical percent, Closed Deals whole, Difference signed
    expect(layout.tables.calibration.formats).toEqual([
      { offset: 1, count: 2, format: '0%' },
      { offset: 3, count: 1, format: '0' },
      { offset: 4, count: 1, format: '+0%;-0%;0%' },
    ]);
  });
});
