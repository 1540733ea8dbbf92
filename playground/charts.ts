/**
 * The playground's charts: an embedded chart exactly as the host recorded it from the add-on's
 * `EmbeddedChartBuilder` calls (type, ranges, options, `setPosition` anchor, headers, merge
 * strategy) → the table of evaluated cell values it shows → a Chart.js configuration styled like
 * Google Sheets' own charts. Pure (no DOM, no host world): the server builds the `ChartView`
 * from the cells, the page hands `chartConfig(view)` to Chart.js (playground/page/charts.ts).
 *
 * Why Chart.js: it is maintained, MIT, has no dependencies, draws on a canvas in any browser,
 * and its bar (horizontal and vertical), line, stepped and floating-bar (waterfall) charts cover
 * every chart type the add-on creates. It is bundled into the page by esbuild (no CDN: the
 * playground works offline) and never reaches Code.js.
 */
import type { ChartConfiguration, ChartDataset, ScaleOptions } from 'chart.js';
import type { ChartSpec, GridRef } from '../host/model';

/** Sheets' default size of a new chart (px), used unless the `width`/`height` options say otherwise. */
export const DEFAULT_WIDTH = 600;
export const DEFAULT_HEIGHT = 371;

/** Sheets' default series colours (the Standard theme), in order. */
export const SHEETS_COLORS = [
  '#4285F4',
  '#EA4335',
  '#FBBC04',
  '#34A853',
  '#FF6D01',
  '#46BDC6',
  '#7BAAF7',
  '#F07B72',
  '#FCD04F',
  '#71C287',
];

/** Sheets' waterfall colours: increase, decrease, subtotal. */
export const WATERFALL_COLORS = { up: '#4285F4', down: '#EA4335', total: '#BDBDBD' };

export const FONT_FAMILY = 'Roboto, Arial, sans-serif';

/** One cell of a chart's ranges as the server evaluated it. */
export interface ChartCell {
  /** The evaluated value: a number, text, boolean, or null (blank, date or error). */
  v: number | string | boolean | null;
  /** The cell as displayed (its number format applied): what a category label shows. */
  t: string;
}

/** What the page needs to draw one chart: the record, resolved against the evaluated cells. */
export interface ChartView {
  id: number;
  /** The chart type as recorded (`Charts.ChartType`: BAR, COLUMN, LINE, STEPPED_AREA, WATERFALL…). */
  kind: string;
  title: string;
  /** The recorded options, unchanged (`setOption` keys, e.g. `legend.position`, `hAxis.title`). */
  options: Record<string, unknown>;
  /** `setPosition(anchorRowPos, anchorColPos, offsetX, offsetY)`: 1-based cell, pixel offsets. */
  anchor: { row: number; col: number; offsetX: number; offsetY: number };
  width: number;
  height: number;
  /** Header of the domain column (the categories), '' without headers. */
  domain: string;
  categories: string[];
  series: { label: string; values: (number | null)[] }[];
}

/** Reads the evaluated cells of one recorded range (rows × columns), or null if its sheet is gone. */
export type RangeReader = (ref: GridRef) => ChartCell[][] | null;

const blank = (c: ChartCell | undefined): boolean => !c || c.v === null || c.v === '';

/**
 * The data table a chart shows, as Sheets assembles it: the recorded ranges merged side by side
 * (`MERGE_COLUMNS`) or one under the other (`MERGE_ROWS`), transposed if asked, the first
 * `numHeaders` rows as series labels (-1: a first row of text over numbers is a header, as
 * Sheets guesses), the first column as the domain and each other column a series. Rows blank
 * in every column (the empty tail of an open range such as `A13:A`) are left out; text or an
 * error where a number belongs is a gap (null), as Sheets draws it.
 */
export function chartTable(spec: ChartSpec, read: RangeReader): Omit<ChartView, 'anchor' | 'id'> {
  const blocks = spec.ranges.map((r) => read(r) ?? []);
  let table: ChartCell[][] = [];
  if (spec.mergeStrategy === 'MERGE_ROWS') {
    for (const block of blocks) table.push(...block);
  } else {
    const height = Math.max(0, ...blocks.map((b) => b.length));
    for (let i = 0; i < height; i++) table.push(blocks.flatMap((b, k) => b[i] ?? pad(spec.ranges[k])));
  }
  if (spec.transpose) table = transpose(table);
  table = table.filter((row) => row.some((c) => !blank(c)));
  const headers = spec.numHeaders >= 0 ? spec.numHeaders : guessHeaders(table);
  const head = table.slice(0, headers);
  const body = table.slice(headers);
  const width = Math.max(0, ...table.map((r) => r.length));
  const label = (col: number) =>
    head
      .map((r) => r[col]?.t ?? '')
      .filter(Boolean)
      .join(' ');
  const series = [];
  for (let col = 1; col < width; col++) {
    series.push({
      label: label(col) || `Series ${col}`,
      values: body.map((r) => {
        const v = r[col]?.v;
        return typeof v === 'number' && Number.isFinite(v) ? v : null;
      }),
    });
  }
  const size = (key: string, fallback: number) => {
    const v = Number(spec.options[key]);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    kind: spec.type,
    title: typeof spec.options.title === 'string' ? spec.options.title : '',
    options: { ...spec.options },
    width: size('width', DEFAULT_WIDTH),
    height: size('height', DEFAULT_HEIGHT),
    domain: label(0),
    categories: body.map((r) => r[0]?.t ?? ''),
    series,
  };
}

function pad(ref: GridRef | undefined): ChartCell[] {
  return Array.from({ length: ref?.numCols ?? 0 }, () => ({ v: null, t: '' }));
}

function transpose(table: ChartCell[][]): ChartCell[][] {
  const width = Math.max(0, ...table.map((r) => r.length));
  return Array.from({ length: width }, (_, c) => table.map((r) => r[c] ?? { v: null, t: '' }));
}

function guessHeaders(table: ChartCell[][]): number {
  const [first, second] = table;
  if (!first || !second) return 0;
  const textOverNumber = first.some(
    (c, i) => i > 0 && typeof c.v === 'string' && c.v !== '' && typeof second[i]?.v === 'number',
  );
  return textOverNumber ? 1 : 0;
}

/** A recorded option, by its dotted key (`hAxis.title`) or nested (`{hAxis: {title}}`), as Sheets accepts both. */
export function option(options: Record<string, unknown>, key: string): unknown {
  if (key in options) return options[key];
  let node: unknown = options;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A series' colour: `series.N.color`, else the `colors` option (setColors), else Sheets' palette. */
export function seriesColor(options: Record<string, unknown>, i: number): string {
  const own = option(options, `series.${i}.color`);
  if (typeof own === 'string') return own;
  const colors = option(options, 'colors');
  if (Array.isArray(colors) && colors.length > 0) return String(colors[i % colors.length]);
  return SHEETS_COLORS[i % SHEETS_COLORS.length] as string;
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function axis(title: unknown, value: boolean, stacked: boolean): ScaleOptions<'linear'> {
  const text = typeof title === 'string' ? title : '';
  return {
    stacked,
    beginAtZero: true,
    border: { display: !value, color: '#333333' },
    grid: { display: value, color: '#E0E0E0', drawTicks: false },
    ticks: {
      color: '#444444',
      padding: 6,
      font: { family: FONT_FAMILY, size: 12 },
      ...(value ? { callback: (v: string | number) => NUMBER.format(Number(v)) } : { autoSkipPadding: 6 }),
    },
    title: {
      display: text !== '',
      text,
      color: '#222222',
      font: { family: FONT_FAMILY, size: 12 },
    },
  } as ScaleOptions<'linear'>;
}

function legendPosition(options: Record<string, unknown>): 'top' | 'bottom' | 'left' | 'right' | null {
  const raw = option(options, 'legend.position') ?? option(options, 'legend');
  const p = String(raw ?? 'right').toLowerCase();
  if (p === 'none') return null;
  if (p === 'top' || p === 'bottom' || p === 'left') return p;
  return 'right';
}

/** Is this data point a waterfall subtotal (`waterfall.subtotals`: category labels drawn from zero)? */
function isSubtotal(options: Record<string, unknown>, category: string, i: number): boolean {
  if (i === 0 && option(options, 'waterfall.firstValueIsTotal') === true) return true;
  const list = option(options, 'waterfall.subtotals');
  return Array.isArray(list) && list.map(String).includes(category);
}

/**
 * Floating bars of a waterfall: each value moves the running total from where the previous bar
 * ended; a subtotal (a category listed in `waterfall.subtotals`, or the first one with
 * `waterfall.firstValueIsTotal`) stands on zero and sets the running total to its value.
 */
export function waterfallBars(
  values: readonly (number | null)[],
  categories: readonly string[],
  options: Record<string, unknown>,
): { bars: ([number, number] | null)[]; colors: string[] } {
  let total = 0;
  const bars: ([number, number] | null)[] = [];
  const colors: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      bars.push(null);
      colors.push(WATERFALL_COLORS.total);
    } else if (isSubtotal(options, categories[i] ?? '', i)) {
      total = v;
      bars.push([0, v]);
      colors.push(WATERFALL_COLORS.total);
    } else {
      bars.push([total, total + v]);
      colors.push(v < 0 ? WATERFALL_COLORS.down : WATERFALL_COLORS.up);
      total += v;
    }
  });
  return { bars, colors };
}

/**
 * A stepped area's outline: each value flat across its category's band (i − ½ to i + ½), the
 * vertical rise between bands drawn by consecutive points at the same x.
 */
export function steps(values: readonly (number | null)[]): { x: number; y: number | null }[] {
  return values.flatMap((y, i) => [
    { x: i - 0.5, y },
    { x: i + 0.5, y },
  ]);
}

/** `#RRGGBB` at an opacity (Sheets fills areas at 30 %); other colour notations are kept as given. */
function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return color;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The chart types drawn here; any other is shown as a labelled placeholder. */
export const DRAWN_KINDS = ['BAR', 'COLUMN', 'LINE', 'AREA', 'STEPPED_AREA', 'WATERFALL'];

/** About how many pixels a 12px Roboto/Arial character takes. */
const CHAR_PX = 7;

/**
 * Category labels under columns, as Sheets lays them out: whole labels, horizontal, a long one
 * wrapped onto lines at its spaces when each word fits its column; when even that does not fit
 * (many categories), slanted 30° with some skipped.
 */
function wrapLabels(scale: ScaleOptions<'linear'>, view: ChartView): void {
  const count = Math.max(1, view.categories.length);
  const legendRight = legendPosition(view.options) === 'right' ? 120 : 0;
  const chars = Math.floor((view.width - 90 - legendRight) / count / CHAR_PX);
  const lines = view.categories.map((label) => wrap(label, chars));
  const ticks = scale.ticks as unknown as Record<string, unknown>;
  if (lines.every((l) => l !== null)) {
    Object.assign(ticks, {
      autoSkip: false,
      maxRotation: 0,
      callback: (_v: unknown, i: number) => lines[i] ?? '',
    });
  } else {
    Object.assign(ticks, {
      maxRotation: 30,
      minRotation: 0,
      callback: (_v: unknown, i: number) => view.categories[i] ?? '',
    });
  }
}

/** `label` on lines of at most `chars` characters, broken at spaces; null if a word is longer. */
function wrap(label: string, chars: number): string[] | null {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (word.length > chars) return null;
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= chars)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 ? lines : [''];
}

/** The Chart.js configuration that draws `view` the way Sheets draws the recorded chart. */
export function chartConfig(view: ChartView): ChartConfiguration {
  const o = view.options;
  const kind = DRAWN_KINDS.includes(view.kind) ? view.kind : 'COLUMN';
  const horizontal = kind === 'BAR';
  const stacked = option(o, 'isStacked') === true || option(o, 'isStacked') === 'true';
  const line = kind === 'LINE' || kind === 'AREA' || kind === 'STEPPED_AREA';
  const position = legendPosition(o);
  const datasets: ChartDataset[] = view.series.map((s, i) => {
    const color = seriesColor(o, i);
    if (kind === 'WATERFALL') {
      const { bars, colors } = waterfallBars(s.values, view.categories, o);
      return { type: 'bar', label: s.label, data: bars, backgroundColor: colors, borderWidth: 0 };
    }
    if (line) {
      const area = kind !== 'LINE';
      return {
        type: 'line',
        label: s.label,
        data: kind === 'STEPPED_AREA' ? steps(s.values) : s.values,
        borderColor: color,
        backgroundColor: area ? withAlpha(color, 0.3) : color,
        // The legend's dot takes the point colours: solid, as Sheets' legend.
        pointBackgroundColor: color,
        pointBorderColor: color,
        fill: area ? 'origin' : false,
        borderWidth: 2,
        pointRadius: 0,
        pointHoverRadius: 4,
        tension: option(o, 'curveType') === 'function' ? 0.4 : 0,
      };
    }
    return {
      type: 'bar',
      label: s.label,
      data: s.values,
      backgroundColor: color,
      borderWidth: 0,
      // Sheets' bar.groupWidth: 61.8% of the band, the series' bars side by side.
      categoryPercentage: 0.618,
      barPercentage: 1,
    };
  });
  const categoryAxis = axis(option(o, horizontal ? 'vAxis.title' : 'hAxis.title'), false, stacked);
  // Points and bars sit in the middle of their category's band, as Sheets' discrete axis.
  Object.assign(categoryAxis, { offset: true });
  if (kind === 'STEPPED_AREA') {
    // Each step spans its whole band: a linear axis from −½ to n−½, ticked at each category.
    Object.assign(categoryAxis, {
      type: 'linear',
      offset: false,
      beginAtZero: false,
      min: -0.5,
      max: view.categories.length - 0.5,
      afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
        scale.ticks = view.categories.map((_, i) => ({ value: i }));
      },
    });
  }
  if (!horizontal) wrapLabels(categoryAxis, view);
  const valueAxis = axis(option(o, horizontal ? 'hAxis.title' : 'vAxis.title'), true, stacked);
  const font = { family: FONT_FAMILY, size: 12 };
  return {
    type: line ? 'line' : 'bar',
    data: { labels: [...view.categories], datasets },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: false,
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { top: 4, right: 16, bottom: 8, left: 8 } },
      font,
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        title: {
          display: view.title !== '',
          text: view.title,
          align: 'start',
          color: '#000000',
          font: { family: FONT_FAMILY, size: 16, weight: 'normal' },
          padding: { top: 10, bottom: 14 },
        },
        legend: {
          display: position !== null && kind !== 'WATERFALL',
          position: position ?? 'right',
          align: position === 'bottom' || position === 'top' ? 'center' : 'start',
          labels: {
            color: '#222222',
            font,
            usePointStyle: true,
            pointStyle: 'circle',
            boxWidth: 8,
            boxHeight: 8,
            padding: 14,
          },
        },
        tooltip: {
          backgroundColor: '#FFFFFF',
          titleColor: '#202124',
          bodyColor: '#202124',
          borderColor: '#DADCE0',
          borderWidth: 1,
          titleFont: { ...font, weight: 'bold' },
          bodyFont: font,
          usePointStyle: true,
        },
      },
    },
  } as ChartConfiguration;
}

/** The anchor's numbers as the page places the chart; a recorded position below 1 counts as 1. */
export function anchorOf(spec: ChartSpec): ChartView['anchor'] {
  const p = spec.position;
  const int = (n: number, min: number) => (Number.isFinite(n) ? Math.max(min, Math.floor(n)) : min);
  return { row: int(p.row, 1), col: int(p.col, 1), offsetX: int(p.offsetX, 0), offsetY: int(p.offsetY, 0) };
}
