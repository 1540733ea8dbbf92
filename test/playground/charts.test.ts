/**
 * The playground's chart mapping (playground/charts.ts) on hand-made records and cells. Every
 * expected table and bar below is worked out by hand from the cells written in the test.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ChartSpec, GridRef } from '../../host/model';
import {
  type ChartCell,
  type ChartView,
  chartConfig,
  chartTable,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  waterfallBars,
} from '../../playground/charts';

/** A sheet as rows of cells; a number shows with thousands separators, as `#,##0` would. */
function sheetOf(rows: (string | number | null)[][]) {
  return (ref: GridRef): ChartCell[][] =>
    rows.slice(ref.row - 1, ref.row - 1 + ref.numRows).map((line) =>
      Array.from({ length: ref.numCols }, (_, i) => {
        const v = line[ref.col - 1 + i] ?? null;
        return { v, t: v === null ? '' : typeof v === 'number' ? v.toLocaleString('en-US') : v };
      }),
    );
}

function spec(over: Partial<ChartSpec>): ChartSpec {
  return {
    chartId: 1,
    type: 'COLUMN',
    ranges: [],
    options: {},
    position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
    numHeaders: 1,
    transpose: false,
    mergeStrategy: 'MERGE_COLUMNS',
    hiddenDimensionStrategy: 'IGNORE_BOTH',
    ...over,
  };
}

/** The parts of the Chart.js options these tests read. */
interface Scale {
  stacked: boolean;
  title: { display: boolean; text: string };
  ticks: { maxRotation?: number; autoSkip?: boolean; callback: (value: number, index: number) => unknown };
}
interface Options {
  indexAxis: string;
  scales: { x: Scale; y: Scale };
  plugins: {
    legend: { display: boolean; position: string };
    title: { display: boolean; text: string; align: string };
  };
}
const opts = (c: ChartConfiguration): Options => c.options as unknown as Options;

const col = (c: number, n = 1): GridRef => ({
  sheetId: 1,
  row: 1,
  col: c,
  numRows: 1000,
  numCols: n,
  openRows: true,
});

// Stage | Open | Value | Weighted, with a typo'd value, then an empty tail (an open range).
const FUNNEL = sheetOf([
  ['Stage', 'Open', 'Value', 'Weighted'],
  ['Lead', 3, 12000, 1200],
  ['Proposal', 2, 'n/a', 5000],
  ['Won', 1, 8000, 8000],
  [null, null, null, null],
  [null, null, null, null],
]);

function view(s: ChartSpec, read = FUNNEL): ChartView {
  return { id: s.chartId, anchor: { row: 1, col: 1, offsetX: 0, offsetY: 0 }, ...chartTable(s, read) };
}

describe('chartTable: the cells a recorded chart shows', () => {
  test('two ranges side by side (MERGE_COLUMNS): domain A, series C:D; blank tail dropped; text is a gap', () => {
    const t = chartTable(spec({ ranges: [col(1), col(3, 2)], options: { title: 'Value' } }), FUNNEL);
    expect(t.domain).toBe('Stage');
    expect(t.categories).toEqual(['Lead', 'Proposal', 'Won']);
    expect(t.series).toEqual([
      { label: 'Value', values: [12000, null, 8000] },
      { label: 'Weighted', values: [1200, 5000, 8000] },
    ]);
    expect([t.title, t.width, t.height]).toEqual(['Value', DEFAULT_WIDTH, DEFAULT_HEIGHT]);
  });

  test('width/height options size the chart; a bad one keeps Sheets’ 600 × 371', () => {
    const t = chartTable(spec({ ranges: [col(1), col(2)], options: { width: 800, height: 'tall' } }), FUNNEL);
    expect([t.width, t.height]).toEqual([800, 371]);
  });

  test('transposed: rows become series (row 1 the domain labels)', () => {
    const read = sheetOf([
      ['Month', 'Jan', 'Feb'],
      ['Won', 5, 7],
      ['Lost', 1, 2],
    ]);
    const ref: GridRef = { sheetId: 1, row: 1, col: 1, numRows: 3, numCols: 3 };
    const t = chartTable(spec({ ranges: [ref], transpose: true }), read);
    expect(t.categories).toEqual(['Jan', 'Feb']);
    expect(t.series).toEqual([
      { label: 'Won', values: [5, 7] },
      { label: 'Lost', values: [1, 2] },
    ]);
  });

  test('MERGE_ROWS stacks the ranges; numHeaders -1 guesses a header of text over numbers', () => {
    const read = sheetOf([
      ['Stage', 'Deals'],
      ['Lead', 4],
      ['Won', 2],
    ]);
    const top: GridRef = { sheetId: 1, row: 1, col: 1, numRows: 2, numCols: 2 };
    const bottom: GridRef = { sheetId: 1, row: 3, col: 1, numRows: 1, numCols: 2 };
    const t = chartTable(spec({ ranges: [top, bottom], mergeStrategy: 'MERGE_ROWS', numHeaders: -1 }), read);
    expect(t.categories).toEqual(['Lead', 'Won']);
    expect(t.series).toEqual([{ label: 'Deals', values: [4, 2] }]);
  });

  test('a range on a sheet that is gone gives an empty chart, not an error', () => {
    const t = chartTable(spec({ ranges: [col(1), col(2)] }), () => null);
    expect([t.categories, t.series]).toEqual([[], []]);
  });
});

describe('chartConfig: Chart.js drawn the way Sheets draws the record', () => {
  test('BAR: horizontal bars; hAxis is the value axis (x); legend none; Sheets blue', () => {
    const c = chartConfig(
      view(
        spec({
          type: 'BAR',
          ranges: [col(1), col(2)],
          options: { title: 'Funnel', 'legend.position': 'none', 'hAxis.title': 'Deals' },
        }),
      ),
    );
    const o = opts(c);
    expect(c.type).toBe('bar');
    expect(o.indexAxis).toBe('y');
    expect(o.scales.x.title).toMatchObject({ display: true, text: 'Deals' });
    expect(o.scales.y.title.display).toBe(false);
    expect(o.plugins.legend.display).toBe(false);
    expect(o.plugins.title).toMatchObject({ display: true, text: 'Funnel', align: 'start' });
    expect(c.data.labels).toEqual(['Lead', 'Proposal', 'Won']);
    expect(c.data.datasets).toEqual([
      expect.objectContaining({ label: 'Open', data: [3, 2, 1], backgroundColor: '#4285F4' }),
    ]);
  });

  test('COLUMN: vertical; series in Sheets’ order of colours; legend at the bottom; vAxis title on y', () => {
    const c = chartConfig(
      view(
        spec({ ranges: [col(1), col(3, 2)], options: { 'legend.position': 'bottom', 'vAxis.title': '$' } }),
      ),
    );
    const o = opts(c);
    expect(o.indexAxis).toBe('x');
    expect(o.scales.y.title.text).toBe('$');
    expect(o.plugins.legend).toMatchObject({ display: true, position: 'bottom' });
    expect(c.data.datasets.map((d) => d.backgroundColor)).toEqual(['#4285F4', '#EA4335']);
  });

  test('long category labels under columns wrap at spaces, horizontal, none skipped', () => {
    const read = sheetOf([
      ['Stage', 'Deals'],
      ['Lead', 4],
      ['Needs Assessment', 2],
    ]);
    const c = chartConfig(view(spec({ ranges: [col(1), col(2)], options: { width: 200 } }), read));
    const ticks = opts(c).scales.x.ticks;
    // (200 − 90 − 120 legend) px is under one character per column: no word fits → slanted.
    expect(ticks.maxRotation).toBe(30);
    const wide = chartConfig(view(spec({ ranges: [col(1), col(2)], options: { width: 320 } }), read));
    const t = opts(wide).scales.x.ticks;
    // (320 − 90 − 120) / 2 columns / 7 px = 7 characters a line: "Needs" / "Assessment" does not fit…
    expect(t.maxRotation).toBe(30);
    const wider = chartConfig(view(spec({ ranges: [col(1), col(2)] }), read));
    const w = opts(wider).scales.x.ticks;
    // …at 600 px: (600 − 210) / 2 / 7 = 27 characters, so both labels stand whole on one line.
    expect([w.maxRotation, w.autoSkip, w.callback(1, 1)]).toEqual([0, false, ['Needs Assessment']]);
    const narrow = chartConfig(
      view(spec({ ranges: [col(1), col(2)], options: { width: 250, 'legend.position': 'none' } }), read),
    );
    // (250 − 90) / 2 / 7 = 11 characters: "Needs Assessment" breaks at its space.
    expect(opts(narrow).scales.x.ticks.callback(1, 1)).toEqual(['Needs', 'Assessment']);
  });

  test('no legend option: on the right, as Sheets does; setColors and isStacked are honoured', () => {
    const c = chartConfig(
      view(
        spec({ ranges: [col(1), col(3, 2)], options: { colors: ['#111111', '#222222'], isStacked: true } }),
      ),
    );
    const o = opts(c);
    expect(o.plugins.legend.position).toBe('right');
    expect([o.scales.x.stacked, o.scales.y.stacked]).toEqual([true, true]);
    expect(c.data.datasets.map((d) => d.backgroundColor)).toEqual(['#111111', '#222222']);
  });

  test('LINE and STEPPED_AREA: lines; the stepped area filled from zero at 30 %', () => {
    const line = chartConfig(view(spec({ type: 'LINE', ranges: [col(1), col(2)] })));
    expect(line.type).toBe('line');
    expect(line.data.datasets[0]).toMatchObject({ fill: false, data: [3, 2, 1], borderColor: '#4285F4' });
    const step = chartConfig(view(spec({ type: 'STEPPED_AREA', ranges: [col(1), col(2)] })));
    // Open 3, 2, 1: each flat across its band (Lead −½…½, Proposal ½…1½, Won 1½…2½).
    expect(step.data.datasets[0]).toMatchObject({
      fill: 'origin',
      backgroundColor: 'rgba(66, 133, 244, 0.3)',
      data: [
        { x: -0.5, y: 3 },
        { x: 0.5, y: 3 },
        { x: 0.5, y: 2 },
        { x: 1.5, y: 2 },
        { x: 1.5, y: 1 },
        { x: 2.5, y: 1 },
      ],
    });
    const x = opts(step).scales.x as unknown as { min: number; max: number; ticks: Scale['ticks'] };
    expect([x.min, x.max, x.ticks.callback(1, 1)]).toEqual([-0.5, 2.5, ['Proposal']]);
  });

  test('WATERFALL: floating bars from the running total; a subtotal stands on zero', () => {
    // Start 100 (subtotal), +40, −30, End 110 (subtotal): worked by hand.
    const { bars, colors } = waterfallBars([100, 40, -30, 110], ['Start', 'New', 'Lost', 'End'], {
      'waterfall.firstValueIsTotal': true,
      'waterfall.subtotals': ['End'],
    });
    expect(bars).toEqual([
      [0, 100],
      [100, 140],
      [140, 110],
      [0, 110],
    ]);
    expect(colors).toEqual(['#BDBDBD', '#4285F4', '#EA4335', '#BDBDBD']);
    const c = chartConfig(view(spec({ type: 'WATERFALL', ranges: [col(1), col(2)] })));
    // Open: 3, 2, 1 with no subtotal → [0,3], [3,5], [5,6].
    expect(c.data.datasets[0]?.data).toEqual([
      [0, 3],
      [3, 5],
      [5, 6],
    ]);
  });
});
