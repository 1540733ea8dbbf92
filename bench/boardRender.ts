/**
 * The board in Chromium with 2,000 open deals: how long the first load takes to show cards, a
 * full redraw of the paged board (50 cards a column), a redraw with all 2,000 cards in the page
 * (every column expanded), and the frame times while a long column scrolls. `npx tsx
 * bench/boardRender.ts` prints the rows; the bench runner calls `boardRenderBench()`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { World } from '../host';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startSidebarServer } from '../test/browser/harness';
import { DEAL_HEADERS, OWNERS } from '../test/support/generate';

const NOW = new Date('2026-11-23T09:00:00Z');
const OPEN = ['Lead', 'Qualified', 'Contacted', 'Needs Assessment', 'Proposal', 'Negotiation'];
/** Lead-heavy, as pipelines are: of 2,000 open deals, 700 in Lead. */
const SHARE = [700, 450, 350, 250, 150, 100];

export interface BoardRenderRow {
  readonly measure: string;
  readonly value: string;
}

function world2000(): World {
  const rows: unknown[][] = [DEAL_HEADERS];
  const at = (h: string) => DEAL_HEADERS.indexOf(h);
  let n = 0;
  SHARE.forEach((count, s) => {
    for (let i = 0; i < count; i++, n++) {
      const row: unknown[] = DEAL_HEADERS.map(() => '');
      row[at('ID')] = `D-${String(n).padStart(7, '0')}`;
      row[at('Deal')] = `Deal ${n} expansion`;
      row[at('Company')] = `Company ${n % 97}`;
      row[at('Owner')] = OWNERS[n % OWNERS.length];
      row[at('Amount')] = 1000 + ((n * 7919) % 90000);
      row[at('Stage')] = OPEN[s];
      row[at('Created')] = new Date(Date.UTC(2026, 5, 1 + (n % 120)));
      row[at('Stage Entered')] = new Date(Date.UTC(2026, 8, 1 + (n % 80)));
      row[at('Expected Close')] = new Date(Date.UTC(2026, 10, 1 + (n % 60)));
      row[at('Next Step')] = n % 4 === 0 ? '' : 'Call back';
      rows.push(row);
    }
  });
  const world = new World({ now: NOW, timeZone: 'Etc/UTC' });
  world.setSheet('Deals', rows, { frozenRows: 1 });
  return world;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function boardRenderBench(dir = path.resolve('dist')): Promise<BoardRenderRow[]> {
  if (!existsSync(CHROMIUM_PATH)) return [{ measure: 'Chromium', value: `not found at ${CHROMIUM_PATH}` }];
  const world = world2000();
  const server = await startSidebarServer({ world, file: 'Board.html', distDir: dir });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const rows: BoardRenderRow[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    const start = Date.now();
    await page.goto(server.url);
    await page.waitForSelector('.card');
    rows.push({
      measure: 'open → cards shown (includes the server load)',
      value: `${Date.now() - start} ms`,
    });
    /** One full redraw (the owner filter's change handler draws synchronously), layout included. */
    const redraw = () =>
      page.evaluate(() => {
        const select = document.getElementById('owner') as HTMLSelectElement;
        const t = performance.now();
        select.value = '*';
        select.dispatchEvent(new Event('change'));
        void document.body.offsetHeight;
        return performance.now() - t;
      });
    const paged: number[] = [];
    for (let i = 0; i < 7; i++) paged.push(await redraw());
    const shown = await page.$$eval('.card', (n) => n.length);
    rows.push({
      measure: `redraw, paged (${shown} cards in the page)`,
      value: `${median(paged).toFixed(1)} ms`,
    });
    // Every column expanded page by page (as scrolling does) until all 2,000 cards are in the page.
    const expand = (await page.evaluate(`(() => {
      const t = performance.now();
      for (let guard = 0; guard < 500; guard++) {
        const more = document.querySelector('[data-more]');
        if (!more) break;
        more.click();
      }
      void document.body.offsetHeight;
      return performance.now() - t;
    })()`)) as number;
    rows.push({
      measure: `all ${await page.$$eval('.card', (n) => n.length)} cards drawn (every column expanded, layout included)`,
      value: `${expand.toFixed(0)} ms`,
    });
    // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
    const frames = (await page.evaluate(`new Promise((resolve) => {
      const list = document.querySelector('.column[data-column="0"] .cards');
      const times = [];
      let last = performance.now();
      function step() {
        const now = performance.now();
        times.push(now - last);
        last = now;
        list.scrollTop += 120;
        if (list.scrollTop + list.clientHeight < list.scrollHeight && times.length < 600) requestAnimationFrame(step);
        else resolve(times.slice(1));
      }
      requestAnimationFrame(step);
    })`)) as number[];
    const sorted = [...frames].sort((a, b) => a - b);
    rows.push({
      measure: `scrolling the 700-card Lead column (${frames.length} frames)`,
      value: `median ${median(frames).toFixed(1)} ms, p95 ${(sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms a frame`,
    });
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

if (process.argv[1]?.endsWith('boardRender.ts') && process.argv[2] !== 'profile')
  void boardRenderBench().then((rows) => console.table(rows));

export async function profile(): Promise<void> {
  const world = world2000();
  const server = await startSidebarServer({ world, file: 'Board.html', distDir: path.resolve('dist') });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(server.url);
  await page.waitForSelector('.card');
  for (let i = 0; i < 3; i++) {
    const r = await page.evaluate(`(() => {
      const select = document.getElementById('owner');
      const t = performance.now();
      select.value = '*';
      select.dispatchEvent(new Event('change'));
      const t1 = performance.now();
      void document.body.offsetHeight;
      const t2 = performance.now();
      return [t1 - t, t2 - t1];
    })()`);
    console.log(r);
  }
  await browser.close();
  await server.close();
}
if (process.argv[2] === 'profile') void profile();
