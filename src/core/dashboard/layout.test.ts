import { FUNCTIONS } from '../../functions/catalog';
import { FORECAST_HEADERS } from '../metrics/forecast';
import { FUNNEL_HEADERS } from '../metrics/funnel';
import { catalogFormula, columnsDownA1, dashboardLayout, METRICS } from './layout';

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

  test('every headline metric is a catalog function returning a number', () => {
    for (const m of METRICS) {
      expect(FUNCTIONS.find((f) => f.name === m.function)?.returns.kind).toBe('number');
    }
  });
});

describe('dashboardLayout', () => {
  const layout = dashboardLayout(NAMES);
  const at = (a1: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
    return layout.grid[Number(m[2]) - 1]![m[1]!.charCodeAt(0) - 65];
  };

  test('headline metrics: labels in A, live formulas in B, rows 4–10', () => {
    const cells = Array.from({ length: 7 }, (_, i) => [at(`A${i + 4}`), at(`B${i + 4}`)]);
    expect(cells).toEqual([
      ['Open value', '=PIPELINE_VALUE(DEALS)'],
      ['Weighted value', '=PIPELINE_WEIGHTED(DEALS)'],
      ['Win rate', '=PIPELINE_WINRATE(DEALS)'],
      ['Average deal (won)', '=PIPELINE_AVG_DEAL(DEALS)'],
      ['Cycle days (won)', '=PIPELINE_CYCLE_DAYS(DEALS)'],
      ['Velocity (per day)', '=PIPELINE_VELOCITY(DEALS)'],
      ['Stalled deals', '=PIPELINE_STALLED_COUNT(DEALS)'],
    ]);
    expect(layout.metrics.map((m) => m.format)).toEqual([
      '#,##0',
      '#,##0',
      '0%',
      '#,##0',
      '0.0',
      '#,##0',
      '0',
    ]);
  });

  test('the funnel spills from A13 (6 columns), the forecast from H13 (5 columns), titles above', () => {
    expect(at('A12')).toBe('Funnel by stage');
    expect(at('A13')).toBe('=PIPELINE_FUNNEL(DEALS, HISTORY)');
    expect(at('H12')).toBe('Forecast by month');
    expect(at('H13')).toBe('=PIPELINE_FORECAST(DEALS)');
    // Nothing else in the rows the tables spill into.
    for (const col of 'BCDEFG') expect(at(`${col}13`)).toBe('');
    expect(layout.grid).toHaveLength(13);
    expect(layout.width).toBe(7 + FORECAST_HEADERS.length);
    expect(FUNNEL_HEADERS).toHaveLength(6);
  });

  test('charts: type, and the spilled columns they read down to the bottom of the sheet', () => {
    const charts = layout.charts.map((c) => ({
      title: c.title,
      kind: c.kind,
      ranges: c.ranges.map(columnsDownA1),
      anchor: `${String.fromCharCode(64 + c.anchor.column)}${c.anchor.row}`,
    }));
    expect(charts).toEqual([
      { title: 'Funnel by stage', kind: 'BAR', ranges: ['A13:A', 'E13:E'], anchor: 'N1' },
      { title: 'Value by stage', kind: 'COLUMN', ranges: ['A13:A', 'C13:D'], anchor: 'N19' },
      { title: 'Forecast by month', kind: 'COLUMN', ranges: ['H13:H', 'J13:L'], anchor: 'N37' },
    ]);
  });

  test('money and percent formats on the table columns below their headers', () => {
    expect(layout.tables.funnel.formats).toEqual([
      { offset: 2, count: 2, format: '#,##0' },
      { offset: 5, count: 1, format: '0%' },
    ]);
    expect(layout.tables.forecast.formats).toEqual([{ offset: 2, count: 3, format: '#,##0' }]);
  });
});
