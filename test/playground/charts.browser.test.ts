/**
 * The Dashboard's charts drawn in the playground, in real Chromium, on the demo workbook: four
 * charts where `Pipeline › Dashboard` anchors them (AA1, AA19, AA37, AA55: src/core/dashboard/layout.ts),
 * at Sheets' default 600 × 371, whose bars are the funnel and forecast tables' cells as the grid
 * shows them, redrawn when a deal moved in the sidebar recalculates the funnel. Screenshots go
 * to test-output/.
 */
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { World } from '../../host';
import { describeBrowser } from '../browser/harness';
import { closePlayground, OUTPUT, openPlayground, type PlaygroundSession } from './session';

jest.setTimeout(60_000);

interface Drawn {
  id: number;
  title: string;
  kind: string;
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

/** The dashboard's tables (layout.ts): row 17 the headers, funnel from A, forecast from H. */
const HEADER_ROW = 17;
const FUNNEL = { Stage: 1, 'Open Value': 3, 'Weighted Value': 4, Reached: 5 };
const FORECAST = { Month: 8, Value: 10, Weighted: 11, Won: 12 };
/** The calibration table from U: Stage, Set Probability, Historical (percent cells). */
const CALIBRATION = { Stage: 21, 'Set Probability': 22, Historical: 23 };
/** Column AA: where the four charts are anchored, at rows 1, 19, 37 and 55. */
const CHART_COLUMN = 27;

async function openTab(page: Page, name: string): Promise<void> {
  await page.click(`#tabs button:text-is("${name}")`);
  await page.waitForSelector(`#grid[data-sheet="${name}"]`);
}

/** The grid's displayed text of a column of a table, from below its header to its first blank. */
async function tableColumn(page: Page, col: number): Promise<string[]> {
  return page.evaluate(
    ([top, c]) => {
      const out: string[] = [];
      for (let r = top + 1; ; r++) {
        const t = document.querySelector(`#grid td[data-row="${r}"][data-col="${c}"]`)?.textContent ?? '';
        if (t === '') return out;
        out.push(t);
      }
    },
    [HEADER_ROW, col] as const,
  );
}

/** `1,234` as the grid shows a `#,##0` cell → 1234. */
const num = (t: string): number => Number(t.replace(/,/g, ''));

async function charts(page: Page): Promise<Drawn[]> {
  return page.$$eval('.sheet-chart', (boxes) =>
    boxes.map((b) => JSON.parse((b as HTMLElement).dataset.chart ?? '{}') as Drawn),
  );
}

/** The chart's data, rounded as the grid displays `#,##0`. */
function rounded(chart: Drawn | undefined): (number | null)[][] {
  return (chart?.datasets ?? []).map((d) => d.data.map((v) => (v === null ? null : Math.round(v))));
}

async function sidebar(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#sidebar-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no sidebar frame');
  return frame;
}

describeBrowser('the Dashboard charts, drawn in the playground', () => {
  let session: PlaygroundSession;
  let page: Page;
  let world: World;

  beforeAll(async () => {
    session = await openPlayground();
    ({ page, world } = session);
  }, 180_000); // starting Chromium and the playground takes over a minute on a loaded machine

  afterAll(async () => {
    await closePlayground(session);
    expect(session?.pageErrors).toEqual([]);
  });

  test('four charts at their anchors, Sheets’ default size, bars equal to the tables’ cells', async () => {
    await openTab(page, 'Dashboard');
    await page.waitForFunction(() => document.querySelectorAll('.sheet-chart canvas').length === 4);
    const drawn = await charts(page);
    expect(drawn.map((c) => [c.title, c.kind])).toEqual([
      ['Funnel by stage', 'BAR'],
      ['Value by stage', 'COLUMN'],
      ['Forecast by month', 'COLUMN'],
      ['Stage probabilities: set and historical', 'BAR'],
    ]);
    // Set against historical per stage: the calibration table's cells (shown as 60% → 0.6).
    const calibration = drawn[3];
    expect(calibration?.labels).toEqual(await tableColumn(page, CALIBRATION.Stage));
    expect(calibration?.datasets.map((d) => d.label)).toEqual(['Set Probability', 'Historical']);
    const shown = [
      (await tableColumn(page, CALIBRATION['Set Probability'])).map((t) => Number(t.replace('%', '')) / 100),
      (await tableColumn(page, CALIBRATION.Historical)).map((t) => Number(t.replace('%', '')) / 100),
    ];
    calibration?.datasets.forEach((d, i) => {
      d.data.forEach((v, j) => {
        expect(Math.abs((v ?? 0) - shown[i]![j]!)).toBeLessThanOrEqual(0.005); // the grid rounds to 1 %
      });
    });

    const stages = await tableColumn(page, FUNNEL.Stage);
    expect(stages.length).toBeGreaterThan(3);
    const [funnel, value, forecast] = drawn;
    expect(funnel?.labels).toEqual(stages);
    expect(funnel?.datasets.map((d) => d.label)).toEqual(['Reached']);
    expect(rounded(funnel)).toEqual([(await tableColumn(page, FUNNEL.Reached)).map(num)]);

    expect(value?.labels).toEqual(stages);
    expect(value?.datasets.map((d) => d.label)).toEqual(['Open Value', 'Weighted Value']);
    expect(rounded(value)).toEqual([
      (await tableColumn(page, FUNNEL['Open Value'])).map(num),
      (await tableColumn(page, FUNNEL['Weighted Value'])).map(num),
    ]);

    const months = await tableColumn(page, FORECAST.Month);
    expect(months.length).toBeGreaterThan(3);
    expect(forecast?.labels).toEqual(months);
    expect(forecast?.datasets.map((d) => d.label)).toEqual(['Value', 'Weighted', 'Won']);
    expect(rounded(forecast)).toEqual([
      (await tableColumn(page, FORECAST.Value)).map(num),
      (await tableColumn(page, FORECAST.Weighted)).map(num),
      (await tableColumn(page, FORECAST.Won)).map(num),
    ]);

    // Each chart's top-left corner is its anchor cell's (offsets 0), and it is 600 × 371.
    const placed = await page.$$eval(
      '.sheet-chart',
      (boxes, col) =>
        boxes.map((b, i) => {
          const row = [1, 19, 37, 55][i];
          const td = document.querySelector(`#grid td[data-row="${row}"][data-col="${col}"]`);
          const a = (b as HTMLElement).querySelector('canvas')?.getBoundingClientRect();
          const c = td?.getBoundingClientRect();
          return {
            dx: Math.round((a?.left ?? 0) - (c?.left ?? -1e6)),
            dy: Math.round((a?.top ?? 0) - (c?.top ?? -1e6)),
            w: Math.round(a?.width ?? 0),
            h: Math.round(a?.height ?? 0),
          };
        }),
      CHART_COLUMN,
    );
    // The 1px frame around the canvas puts the canvas 1px inside the cell's corner.
    for (const p of placed) expect(p).toEqual({ dx: 1, dy: 1, w: 600, h: 371 });

    // Really drawn: the funnel's canvas holds Sheets' first series colour (#4285F4).
    const blue = await page.$eval('.sheet-chart canvas', (canvas) => {
      const ctx = (canvas as HTMLCanvasElement).getContext('2d');
      const { data } = ctx?.getImageData(0, 0, 600, 371) ?? { data: [] as unknown as Uint8ClampedArray };
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i] === 66 && data[i + 1] === 133 && data[i + 2] === 244) n++;
      return n;
    });
    expect(blue).toBeGreaterThan(5000);

    await page.click('#sidebar-close');
    await page.waitForSelector('#sidebar', { state: 'hidden' });
    const boxes = await page.$$('.sheet-chart');
    for (const [i, name] of ['funnel', 'value', 'forecast', 'calibration'].entries())
      await boxes[i]?.screenshot({ path: path.join(OUTPUT, `chart-${name}.png`) });
    if ((await page.getAttribute('#outbox-toggle', 'aria-expanded')) === 'true')
      await page.click('#outbox-toggle');
    // The headline, this month's and this quarter's range, as a manager first sees the sheet.
    await page.$eval('#grid-wrap', (w) => {
      w.scrollLeft = 0;
      w.scrollTop = 0;
    });
    await page.screenshot({ path: path.join(OUTPUT, 'playground-dashboard-ranges.png') });
    await page.$eval('#grid-wrap', (w) => {
      const td = w.querySelector('td[data-row="16"][data-col="14"]') as HTMLElement | null;
      w.scrollLeft = td ? td.offsetLeft : 1200;
      w.scrollTop = 240;
    });
    await page.screenshot({ path: path.join(OUTPUT, 'playground-dashboard-calibration.png') });
    await page.$eval('#grid-wrap', (w) => {
      const td = w.querySelector('td[data-row="1"][data-col="26"]') as HTMLElement | null;
      w.scrollLeft = td ? td.offsetLeft : 2000;
      w.scrollTop = 0;
    });
    await page.screenshot({ path: path.join(OUTPUT, 'playground-dashboard-charts.png') });
    await page.$eval('#grid-wrap', (w) => {
      w.scrollTop = 380;
    });
    await page.screenshot({ path: path.join(OUTPUT, 'playground-dashboard-charts-2.png') });
  });

  test('moving a deal in the sidebar redraws the funnel chart from the recalculated cells', async () => {
    // A Lead deal that History never shows beyond Lead: by SPEC "reached", moving it to
    // Proposal adds it to Reached of Qualified, Contacted, Needs Assessment and Proposal (the
    // stages at or before its furthest), and leaves Lead and Negotiation as they were.
    const deals = world.sheetValues('Deals');
    const head = deals[0] ?? [];
    const at = (h: string) => head.indexOf(h);
    const history = world.sheetValues('History');
    const row =
      deals.findIndex(
        (r, i) =>
          i > 0 &&
          r[at('Stage')] === 'Lead' &&
          !history.some((h) => h[1] === r[at('ID')] && h[4] !== 'Lead' && h[4] !== ''),
      ) + 1;
    expect(row).toBeGreaterThan(1);
    const name = String(deals[row - 1]?.[at('Deal')]);

    const before = (await charts(page))[0];
    const stages = before?.labels ?? [];
    expect(stages).toEqual(['Lead', 'Qualified', 'Contacted', 'Needs Assessment', 'Proposal', 'Negotiation']);

    await openTab(page, 'Deals');
    await page.click(`#grid td[data-row="${row}"][data-col="${at('Deal') + 1}"]`);
    await page.click('#menu .menu-title');
    await page.click('#menu button:text-is("Open sidebar")');
    const frame = await sidebar(page);
    await frame.waitForFunction((n) => document.getElementById('deal-name')?.textContent === n, name, {
      timeout: 10_000,
    });
    await frame.click('button[data-stage="Proposal"]');
    await frame.waitForFunction(() => document.getElementById('status')?.textContent?.includes('Moved'));

    await openTab(page, 'Dashboard');
    await page.waitForFunction(
      (old) => (document.querySelector('.sheet-chart') as HTMLElement | null)?.dataset.chart !== old,
      JSON.stringify(before),
    );
    const after = (await charts(page))[0];
    const reachedBefore = before?.datasets[0]?.data ?? [];
    const plusOne = [0, 1, 1, 1, 1, 0];
    expect(after?.datasets[0]?.data).toEqual(reachedBefore.map((v, i) => (v ?? 0) + (plusOne[i] ?? 0)));
    expect(rounded(after)).toEqual([(await tableColumn(page, FUNNEL.Reached)).map(num)]);

    await page.click('#sidebar-close');
    await page.$eval('#grid-wrap', (w) => {
      w.scrollLeft = 520;
      w.scrollTop = 0;
    });
    await (await page.$('.sheet-chart'))?.screenshot({
      path: path.join(OUTPUT, 'chart-funnel-after-move.png'),
    });
  });
});
