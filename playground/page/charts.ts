/**
 * Draws a sheet's embedded charts over the grid, where Sheets would place them: the top-left
 * corner at the anchor cell of `setPosition(row, column, offsetX, offsetY)` plus the offsets,
 * at the recorded size (600 × 371 unless the `width`/`height` options say otherwise), with
 * Chart.js (see playground/charts.ts for the mapping and why Chart.js). A chart is kept across
 * redraws and only its data and options replaced, so a recalculation (a deal moved) updates the
 * bars in place.
 *
 * For tests and curious users, each chart's box carries what its Chart.js instance holds:
 * `data-chart` = JSON `{title, kind, labels, datasets: [{label, data}]}`, and
 * `window.playgroundCharts()` returns the same for every chart drawn.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
} from 'chart.js';
import { type ChartView, chartConfig, DRAWN_KINDS } from '../charts';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
);

/** Rows and columns a row or column of default size takes in the grid (for the grid's extent). */
const ROW_PX = 22;
const COL_PX = 100;

interface Drawn {
  box: HTMLDivElement;
  chart: Chart;
}

const drawn = new Map<string, Drawn>();

/** What a chart's Chart.js instance holds (what is actually drawn). */
function snapshot(view: ChartView, chart: Chart) {
  return {
    id: view.id,
    title: view.title,
    kind: view.kind,
    labels: (chart.data.labels ?? []).map(String),
    datasets: chart.data.datasets.map((d) => ({ label: d.label ?? '', data: d.data })),
  };
}

/** The grid must reach past the charts' bottom-right corners, as Sheets' 1000 rows do. */
export function chartExtent(charts: readonly ChartView[]): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const c of charts) {
    rows = Math.max(rows, c.anchor.row + Math.ceil((c.anchor.offsetY + c.height) / ROW_PX) + 1);
    cols = Math.max(cols, c.anchor.col + Math.ceil((c.anchor.offsetX + c.width) / COL_PX) + 1);
  }
  return { rows, cols };
}

/** Where the anchor cell's top-left corner is, in the scrolled content of `wrap`. */
function cellCorner(wrap: HTMLElement, row: number, col: number): { x: number; y: number } | null {
  const td = wrap.querySelector<HTMLElement>(`td[data-row="${row}"][data-col="${col}"]`);
  if (!td) return null;
  const box = wrap.getBoundingClientRect();
  const cell = td.getBoundingClientRect();
  return { x: cell.left - box.left + wrap.scrollLeft, y: cell.top - box.top + wrap.scrollTop };
}

/** Draws (or updates) the charts of `sheetName` over the grid in `wrap`; removes any others. */
export function drawCharts(wrap: HTMLElement, sheetName: string, charts: readonly ChartView[]): void {
  const keep = new Set<string>();
  for (const view of charts) {
    const key = `${sheetName}\u0000${view.id}`;
    keep.add(key);
    const corner = cellCorner(wrap, view.anchor.row, view.anchor.col);
    if (!corner) continue;
    let entry = drawn.get(key);
    const config = chartConfig(view);
    if (!entry || entry.chart.canvas.width === 0) {
      entry?.chart.destroy();
      entry?.box.remove();
      const box = document.createElement('div');
      box.className = 'sheet-chart';
      box.setAttribute('role', 'img');
      const canvas = document.createElement('canvas');
      box.append(canvas);
      wrap.append(box);
      sizeBox(box, canvas, view);
      entry = { box, chart: new Chart(canvas, config) };
      drawn.set(key, entry);
    } else {
      const canvas = entry.chart.canvas;
      if (canvas.style.width !== `${view.width}px` || canvas.style.height !== `${view.height}px`) {
        sizeBox(entry.box, canvas, view);
        entry.chart.resize(view.width, view.height);
      }
      entry.chart.data = config.data;
      entry.chart.options = config.options ?? {};
      entry.chart.update('none');
    }
    const { box, chart } = entry;
    box.style.left = `${corner.x + view.anchor.offsetX}px`;
    box.style.top = `${corner.y + view.anchor.offsetY}px`;
    box.dataset.chartId = String(view.id);
    box.dataset.kind = view.kind;
    box.dataset.chart = JSON.stringify(snapshot(view, chart));
    box.setAttribute('aria-label', describe(view));
    box.classList.toggle('placeholder', !DRAWN_KINDS.includes(view.kind));
    if (!DRAWN_KINDS.includes(view.kind))
      box.title = `A ${view.kind.toLowerCase()} chart: drawn as columns here`;
  }
  for (const [key, entry] of drawn) {
    if (keep.has(key) && entry.box.isConnected) continue;
    entry.chart.destroy();
    entry.box.remove();
    drawn.delete(key);
  }
}

function sizeBox(box: HTMLDivElement, canvas: HTMLCanvasElement, view: ChartView): void {
  box.style.width = `${view.width}px`;
  box.style.height = `${view.height}px`;
  canvas.style.width = `${view.width}px`;
  canvas.style.height = `${view.height}px`;
  canvas.width = view.width;
  canvas.height = view.height;
}

/** A text alternative for screen readers: the title and each series' values by category. */
function describe(view: ChartView): string {
  const series = view.series.map(
    (s) => `${s.label}: ${s.values.map((v, i) => `${view.categories[i] ?? ''} ${v ?? 'blank'}`).join(', ')}`,
  );
  return `${view.title || 'Chart'} (${view.kind.toLowerCase()} chart). ${series.join('. ')}`;
}

declare global {
  interface Window {
    playgroundCharts?: () => ReturnType<typeof snapshot>[];
  }
}

window.playgroundCharts = () =>
  [...drawn.values()].map((d) => JSON.parse(d.box.dataset.chart ?? '{}') as ReturnType<typeof snapshot>);
