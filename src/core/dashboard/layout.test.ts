import { FUNCTIONS } from '../../functions/catalog';
import { FORECAST_HEADERS } from '../metrics/forecast';
import { FUNNEL_HEADERS } from '../metrics/funnel';
import { SUMMARY_LINES } from '../metrics/summary';
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

  test('DEALS is handed to the engine once per table formula: summary, funnel, forecast, overdue', () => {
    const formulas = layout.grid.flat().filter((c) => c.startsWith('='));
    expect(formulas).toEqual([
      '=PIPELINE_SUMMARY(DEALS, HISTORY)',
      '=PIPELINE_FUNNEL(DEALS, HISTORY)',
      '=PIPELINE_FORECAST(DEALS)',
      '=PIPELINE_OVERDUE(DEALS)',
    ]);
  });

  test('funnel from A17 (6 columns), forecast from H17 (5), overdue from N17 (6), titles above', () => {
    expect(at('A16')).toBe('Funnel by stage');
    expect(at('A17')).toBe('=PIPELINE_FUNNEL(DEALS, HISTORY)');
    expect(at('H16')).toBe('Forecast by month');
    expect(at('H17')).toBe('=PIPELINE_FORECAST(DEALS)');
    expect(at('N16')).toBe('Overdue: close dates passed, next steps late or missing');
    expect(at('N17')).toBe('=PIPELINE_OVERDUE(DEALS)');
    // Nothing else in the rows the tables spill into.
    for (const col of 'BCDEFGIJKLMOPQRS') expect(at(`${col}17`)).toBe('');
    expect(layout.grid).toHaveLength(17);
    expect(layout.width).toBe(14 + 6 - 1);
    expect(FUNNEL_HEADERS).toHaveLength(6);
    expect(FORECAST_HEADERS).toHaveLength(5);
  });

  test('charts: type, and the spilled columns they read down to the bottom of the sheet', () => {
    const charts = layout.charts.map((c) => ({
      title: c.title,
      kind: c.kind,
      ranges: c.ranges.map(columnsDownA1),
      anchor: `${String.fromCharCode(64 + c.anchor.column)}${c.anchor.row}`,
    }));
    expect(charts).toEqual([
      { title: 'Funnel by stage', kind: 'BAR', ranges: ['A17:A', 'E17:E'], anchor: 'U1' },
      { title: 'Value by stage', kind: 'COLUMN', ranges: ['A17:A', 'C17:D'], anchor: 'U19' },
      { title: 'Forecast by month', kind: 'COLUMN', ranges: ['H17:H', 'J17:L'], anchor: 'U37' },
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
  });
});
