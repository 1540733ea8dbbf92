import { FUNCTIONS } from '../../functions/catalog';
import { FORECAST_HEADERS } from '../metrics/forecast';
import { FUNNEL_HEADERS } from '../metrics/funnel';
import { SUMMARY_LINES } from '../metrics/summary';
import { columnLetter } from '../model/columns';
import { catalogFormula, columnsDownA1, dashboardLayout } from './layout';

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
  const MONTH = RANGE('EOMONTH(TODAY(),-1)+1', 'EOMONTH(TODAY(),0)');
  const QUARTER = RANGE(
    'DATE(YEAR(TODAY()),MONTH(TODAY())-MOD(MONTH(TODAY())-1,3),1)',
    'EOMONTH(TODAY(),2-MOD(MONTH(TODAY())-1,3))',
  );

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

  test('forecast ranges right of the headline: this month at F4, this quarter at F6, against the Team quota', () => {
    expect(at('E3')).toBe('Forecast range: what the period will have won (Team quota)');
    expect(at('E4')).toBe('Period');
    expect(at('F4')).toBe(MONTH);
    expect(at('E5')).toBe('This month');
    expect(at('F6')).toBe(QUARTER);
    expect(at('E7')).toBe('This quarter');
    // Each spills a header and one row of 6 columns (F:K): nothing else written there, and the
    // headline's A:C (rows 4–13) and column D are left free.
    for (const r of [4, 5, 6, 7]) {
      for (const c of 'GHIJK') expect(at(`${c}${r}`)).toBe('');
      if (r === 5 || r === 7) expect(at(`F${r}`)).toBe('');
    }
    for (let r = 4; r <= 15; r++) expect(at(`D${r}`)).toBe('');
    for (let r = 8; r <= 15; r++) for (const c of 'EFGHIJK') expect(at(`${c}${r}`)).toBe('');
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
