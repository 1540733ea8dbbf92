/**
 * `npm start` with the board: Pipeline › Board opens it beside the grid (modeless: the grid stays
 * usable), and a card dragged to the next stage updates the sheet, History and the Dashboard.
 * Skipped only when Chromium is absent AND not in CI. Screenshots go to test-output/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import type { World } from '../../host';
import { type PlaygroundServer, startPlaygroundServer } from '../../playground/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser/harness';

const available = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);
const describeBrowser = available ? describe : describe.skip;
const OUTPUT = path.resolve(__dirname, '../../test-output');
const DIST = path.resolve(__dirname, '../../dist');

jest.setTimeout(180_000);

describeBrowser('the board in the playground', () => {
  let browser: Browser;
  let server: PlaygroundServer;
  let page: Page;
  let world: World;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    [browser, server] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
      startPlaygroundServer({ port: 0, distDir: DIST }),
    ]);
    world = server.playground.world;
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    // The playground sets the demo up first: slow on a loaded machine.
    await page.waitForSelector('#grid[data-sheet="Deals"] td[data-row="2"][data-col="2"]', {
      timeout: 90_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  const header = (name: string) => (world.sheetValues('Deals')[0] ?? []).indexOf(name);
  const cellText = (row: number, col: number) =>
    page.textContent(`#grid td[data-row="${row}"][data-col="${col}"]`).then((t) => t ?? '');
  async function openTab(name: string): Promise<void> {
    await page.click(`#tabs button:text-is("${name}")`);
    await page.waitForSelector(`#grid[data-sheet="${name}"]`);
  }

  test('Pipeline › Board opens beside the grid; a drag updates the sheet, History and the Dashboard', async () => {
    await openTab('Dashboard');
    const weightedBefore = await cellText(7, 2);
    await page.click('#menu .menu-title');
    await page.click('#menu .menu-list button:text-is("Board")');
    await page.waitForSelector('#dialog.modeless:not([hidden])');
    const frame = (await (await page.waitForSelector('#dialog-frame')).contentFrame()) as Frame;
    await frame.waitForSelector('.card', { timeout: 60_000 });
    // Modeless: the grid beside it still takes clicks.
    await openTab('Deals');

    // A Lead deal with a plain amount and no probability of its own: 10 % → 20 % raises Weighted.
    const rows = world.sheetValues('Deals');
    const at = { stage: header('Stage'), amount: header('Amount'), p: header('Probability') };
    const index = rows.findIndex(
      (r, i) => i > 0 && r[at.stage] === 'Lead' && typeof r[at.amount] === 'number' && r[at.p] === '',
    );
    const id = String(rows[index]![0]);
    const history = world.sheetValues('History').length;
    const card = `.card[data-key="id:${id}"]`;
    await frame.waitForSelector(card);
    await frame.dragAndDrop(card, '.column[data-column="1"]');
    await frame.waitForFunction(() => document.getElementById('status')?.classList.contains('ok'));

    expect(world.cell(`Deals!${String.fromCharCode(65 + at.stage)}${index + 1}`).value).toBe('Qualified');
    const added = world.sheetValues('History');
    expect(added).toHaveLength(history + 1);
    expect(added[added.length - 1]?.slice(1, 5)).toEqual([id, expect.any(String), 'Lead', 'Qualified']);
    expect(added[added.length - 1]?.[7]).toBe('board');
    // The grid shows the new stage…
    await page.waitForFunction(
      ([r, c]) =>
        document.querySelector(`#grid td[data-row="${r}"][data-col="${c}"]`)?.textContent === 'Qualified',
      [index + 1, at.stage + 1],
    );
    await page.screenshot({ path: path.join(OUTPUT, 'playground-board.png') });
    // …and the Dashboard recalculated.
    await openTab('Dashboard');
    await page.waitForFunction((before) => {
      const t = document.querySelector('#grid td[data-row="7"][data-col="2"]')?.textContent;
      return t !== undefined && t !== before;
    }, weightedBefore);
    const parse = (t: string) => Number(t.replace(/[^0-9.]/g, ''));
    expect(parse(await cellText(7, 2))).toBeGreaterThan(parse(weightedBefore));
  });
});
