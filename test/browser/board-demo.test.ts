/**
 * The built board on the demo workbook (the one `npm start` opens), in Chromium at the size the
 * add-on asks Sheets for (1280 × 760): screenshots for review, and axe-core on a full board.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { Playground } from '../../playground/app';
import { axeViolations, OUTPUT } from './axe';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  describeBrowser,
  type SidebarServer,
  startSidebarServer,
} from './harness';

jest.setTimeout(120_000);

describeBrowser('the board on the demo workbook', () => {
  let browser: Browser;
  let server: SidebarServer;
  let page: Page;
  let playground: Playground;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    playground = new Playground({ alerts: false });
    // Set up added the Next Step Date column (blank): date a few next steps, as a team would.
    const world = playground.world;
    const rows = world.sheetValues('Deals');
    const at = (h: string) => (rows[0] ?? []).indexOf(h);
    const letter = String.fromCharCode(65 + at('Next Step Date'));
    const open = rows
      .map((r, i) => ({ r, row: i + 1 }))
      .filter(({ r, row }) => row > 1 && ['Lead', 'Qualified', 'Contacted'].includes(String(r[at('Stage')])));
    const days = ['2026-11-19', '2026-11-23', '2026-11-27', '2026-12-02'];
    if (at('Next Step Date') >= 0) {
      open.slice(0, 12).forEach(({ row }, i) => {
        world.setCell(`Deals!${letter}${row}`, new Date(`${days[i % days.length]}T00:00:00Z`));
      });
    }
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    server = await startSidebarServer({ world: playground.world, user: playground.user, file: 'Board.html' });
    page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('.card');
    mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(async () => {
    await page?.close();
    await server?.close();
    await browser?.close();
    expect(pageErrors).toEqual([]);
  });

  test('the whole board: screenshot, and no accessibility violations', async () => {
    // Every open demo deal is a card (the demo is small enough for every column to show all).
    const open = await page.$$eval('.column [data-count]', (n) =>
      n.reduce((sum, c) => sum + Number(c.getAttribute('data-count')), 0),
    );
    const cards = await page.$$eval('.card', (n) => n.length);
    const more = await page.$$eval('[data-more]', (n) => n.length);
    expect(open).toBeGreaterThan(0);
    if (more === 0) expect(cards).toBe(open);
    await page.screenshot({ path: path.join(OUTPUT, 'board-demo.png') });
    expect(await axeViolations(page)).toEqual([]);
  });

  test('filtered to one owner, a card focused', async () => {
    await page.selectOption('#owner', { index: 1 });
    await page.focus('.card');
    await page.screenshot({ path: path.join(OUTPUT, 'board-demo-owner.png') });
    await page.selectOption('#owner', '*');
  });

  test('dragging a card over Won', async () => {
    const source = await page.$('.column[data-column="4"] .card');
    if (!source) return;
    const box = (await source.boundingBox())!;
    const won = (await (await page.$('.target.won'))!.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(won.x + won.width / 2, won.y + won.height / 2, { steps: 8 });
    await page.screenshot({ path: path.join(OUTPUT, 'board-demo-drag.png') });
    await page.mouse.up();
    await page.waitForSelector('#won-dialog[open]');
    await page.screenshot({ path: path.join(OUTPUT, 'board-demo-won.png') });
    await page.click('#won-dialog [data-cancel]');
  });
});
