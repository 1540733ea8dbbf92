/**
 * `npm start` in real Chromium: the playground server (in-process, port 0) on the demo workbook
 * and on the hand-made Google Sheets CSV. Without Chromium: skipped locally, failing at once
 * under CI (harness.describeBrowser).
 * Screenshots go to test-output/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import type { World } from '../../host';
import { startPlaygroundServer } from '../../playground/server';
import { csvToSheet } from '../../playground/workbook';
import { CHROMIUM_ARGS, CHROMIUM_PATH, describeBrowser } from '../browser/harness';
import { closePlayground, DIST, OUTPUT, openPlayground, type PlaygroundSession } from './session';

const CSV = path.resolve(__dirname, 'fixtures/google-sheets-export.csv');

jest.setTimeout(60_000);

function column(world: World, sheet: string, header: string): number {
  return (world.sheetValues(sheet)[0] ?? []).indexOf(header) + 1;
}

function letter(col: number): string {
  return String.fromCharCode(64 + col);
}

/** The first deal row in `stage` with a plain numeric amount and no probability override. */
function dealRow(world: World, stage: string): number {
  const rows = world.sheetValues('Deals');
  const at = (h: string) => column(world, 'Deals', h) - 1;
  const i = rows.findIndex(
    (r, n) =>
      n > 0 && r[at('Stage')] === stage && typeof r[at('Amount')] === 'number' && r[at('Probability')] === '',
  );
  if (i < 0) throw new Error(`no ${stage} deal`);
  return i + 1;
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.click(`#tabs button:text-is("${name}")`);
  await page.waitForSelector(`#grid[data-sheet="${name}"]`);
}

async function cellText(page: Page, row: number, col: number): Promise<string> {
  return (await page.textContent(`#grid td[data-row="${row}"][data-col="${col}"]`)) ?? '';
}

async function sidebar(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#sidebar-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no sidebar frame');
  return frame;
}

describeBrowser('npm start in Chromium', () => {
  let session: PlaygroundSession;
  let page: Page;
  let world: World;

  beforeAll(async () => {
    session = await openPlayground();
    ({ page, world } = session);
    expect(await (await sidebar(page)).waitForSelector('#deal-name:not(:empty)')).toBeTruthy();
  }, 180_000); // starting Chromium and the playground takes over a minute on a loaded machine

  afterAll(async () => {
    await page?.screenshot({ path: path.join(OUTPUT, 'playground-end.png') });
    await closePlayground(session);
    expect(session?.pageErrors).toEqual([]);
  });

  test('the page: workbook tabs, the real Pipeline menu, the sidebar and the Outbox', async () => {
    expect(await page.$$eval('#tabs button', (b) => b.map((x) => x.textContent))).toEqual([
      'Deals',
      'Team',
      'History',
      'Stages',
      'Snapshots',
      'Dashboard',
    ]);
    await page.click('#menu .menu-title');
    const items = await page.$$eval('#menu .menu-list > li > button', (b) => b.map((x) => x.textContent));
    expect(items).toEqual(
      expect.arrayContaining(['Open sidebar', 'Set up', 'Dashboard', 'Alerts', 'Help / About']),
    );
    await page.screenshot({ path: path.join(OUTPUT, 'playground-menu.png') });
    await page.click('#today');
    expect(await page.textContent('#today')).toBe('Monday 23 November 2026');
    await page.screenshot({ path: path.join(OUTPUT, 'playground-deals.png') });
    const frame = await page.$('#sidebar');
    await frame?.screenshot({ path: path.join(OUTPUT, 'playground-sidebar.png') });
  });

  test('typing a Stage fires onEdit: a History row, and the Dashboard recalculates', async () => {
    await openTab(page, 'Dashboard');
    const weightedBefore = await cellText(page, 7, 2);
    await openTab(page, 'Deals');
    const row = dealRow(world, 'Lead');
    const stageCol = column(world, 'Deals', 'Stage');
    const id = world.cell(`Deals!A${row}`).value;
    const history = world.sheetValues('History').length;
    await page.dblclick(`#grid td[data-row="${row}"][data-col="${stageCol}"]`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Proposal');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      ([r, c]) =>
        document.querySelector(`#grid td[data-row="${r}"][data-col="${c}"]`)?.textContent === 'Proposal',
      [row, stageCol],
    );
    const rows = world.sheetValues('History');
    expect(rows).toHaveLength(history + 1);
    expect(rows.at(-1)?.slice(1, 5)).toEqual([id, expect.any(String), 'Lead', 'Proposal']);
    expect(rows.at(-1)?.at(-1)).toBe('edit');
    expect(world.cell(`Deals!${letter(column(world, 'Deals', 'Stage Entered'))}${row}`).value).toEqual(
      new Date('2026-11-23T00:00:00Z'),
    );
    await openTab(page, 'Dashboard');
    await page.waitForFunction((before) => {
      const t = document.querySelector('#grid td[data-row="7"][data-col="2"]')?.textContent;
      return t !== undefined && t !== before;
    }, weightedBefore);
    const parse = (t: string) => Number(t.replace(/,/g, ''));
    expect(parse(await cellText(page, 7, 2))).toBeGreaterThan(parse(weightedBefore));
    await page.screenshot({ path: path.join(OUTPUT, 'playground-dashboard.png') });
  });

  test('Enter moves down and the sidebar follows; a pasted block of stages fires one onEdit', async () => {
    await openTab(page, 'Deals');
    const stageCol = column(world, 'Deals', 'Stage');
    const rows = world.sheetValues('Deals');
    const open = (r: number) =>
      ['Lead', 'Qualified', 'Contacted'].includes(String(rows[r - 1]?.[stageCol - 1]));
    const row = rows.findIndex((_, i) => i > 0 && open(i + 1) && open(i + 2)) + 1;
    // Typing into row `row` and pressing Enter selects the row below, in the grid and the sidebar.
    await page.dblclick(`#grid td[data-row="${row}"][data-col="${stageCol}"]`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Negotiation');
    await page.keyboard.press('Enter');
    const below = String(world.cell(`Deals!B${row + 1}`).value);
    const frame = await sidebar(page);
    await frame.waitForFunction((n) => document.getElementById('deal-name')?.textContent === n, below, {
      timeout: 10_000,
    });
    // Paste "Proposal / Won" over rows row+1..row+2 (as copied from a sheet: tab/newline separated).
    const history = world.sheetValues('History').length;
    await page.click(`#grid td[data-row="${row + 1}"][data-col="${stageCol}"]`);
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Proposal\r\nWon\r\n');
      document
        .getElementById('grid-wrap')
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await page.waitForFunction(
      ([r, c]) => document.querySelector(`#grid td[data-row="${r}"][data-col="${c}"]`)?.textContent === 'Won',
      [row + 2, stageCol],
    );
    expect([row + 1, row + 2].map((r) => world.cell(`Deals!${letter(stageCol)}${r}`).value)).toEqual([
      'Proposal',
      'Won',
    ]);
    const added = world.sheetValues('History').slice(history);
    expect(added.map((r) => [r[4], r[7]])).toEqual([
      ['Proposal', 'edit'],
      ['Won', 'edit'],
    ]);
    const entered = column(world, 'Deals', 'Stage Entered');
    expect(world.cell(`Deals!${letter(entered)}${row + 1}`).value).toEqual(new Date('2026-11-23T00:00:00Z'));
  });

  test('an error shows as #ERROR! with its message on hover', async () => {
    await openTab(page, 'Dashboard');
    await page.click('#grid td[data-row="31"][data-col="1"]');
    await page.fill('#formula', '=PIPELINE_COUNT(DEALS, "Closing")');
    await page.press('#formula', 'Enter');
    const cell = await page.waitForSelector('#grid td[data-row="31"][data-col="1"].err');
    expect(await cell.textContent()).toBe('#ERROR!');
    expect(await cell.getAttribute('title')).toMatch(/Unknown stage "Closing"/);
  });

  test('moving a deal in the sidebar writes the sheet and History', async () => {
    await openTab(page, 'Deals');
    const row = dealRow(world, 'Qualified');
    const name = String(world.cell(`Deals!B${row}`).value);
    await page.click(`#grid td[data-row="${row}"][data-col="2"]`);
    const frame = await sidebar(page);
    await frame.waitForFunction((n) => document.getElementById('deal-name')?.textContent === n, name, {
      timeout: 10_000,
    });
    await frame.click('button[data-stage="Contacted"]');
    await frame.waitForFunction(() => document.getElementById('status')?.textContent?.includes('Moved'));
    const stageCol = column(world, 'Deals', 'Stage');
    expect(world.cell(`Deals!${letter(stageCol)}${row}`).value).toBe('Contacted');
    expect(world.sheetValues('History').at(-1)?.slice(3)).toEqual([
      'Qualified',
      'Contacted',
      expect.any(Number),
      'ana@example.com',
      'sidebar',
    ]);
    await page.waitForFunction(
      ([r, c]) =>
        document.querySelector(`#grid td[data-row="${r}"][data-col="${c}"]`)?.textContent === 'Contacted',
      [row, stageCol],
    );
    await (await page.$('#sidebar'))?.screenshot({ path: path.join(OUTPUT, 'playground-sidebar-moved.png') });
  });

  test('advancing the clock and running the daily check brings a digest to the Outbox', async () => {
    const before = world.mail.outbox.length;
    await page.click('#advance');
    await page.waitForFunction(
      () => document.getElementById('today')?.textContent === 'Tuesday 24 November 2026',
    );
    await page.click('#check');
    await page.waitForFunction((n) => document.querySelectorAll('#mails li:not(.empty)').length > n, before);
    const subject = await page.textContent('#mails li:first-child .subject');
    expect(subject).toMatch(/stalled/i);
    await page.click('#mails li:first-child summary');
    expect(await page.textContent('#mails li:first-child pre')).toMatch(/stalled|days/i);
    await page.screenshot({ path: path.join(OUTPUT, 'playground-outbox.png') });
  });
});

describeBrowser('npm start -- --file export.csv', () => {
  test('the hand-made Google Sheets CSV: the Dashboard shows the metrics worked out by hand', async () => {
    const sheet = csvToSheet(readFileSync(CSV, 'utf8'), 'Deals', { timeZone: 'Etc/UTC' });
    const server = await startPlaygroundServer({
      port: 0,
      distDir: DIST,
      data: { sheets: [sheet] },
      now: '2026-11-23T09:00:00Z',
      timeZone: 'Etc/UTC',
    });
    let browser: Browser | undefined;
    try {
      // Launched inside the try: a browser that fails to start still closes the server.
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      await page.goto(server.url);
      await page.waitForSelector('#grid[data-sheet="Deals"]');
      await openTab(page, 'Dashboard');
      const metrics = [];
      for (let row = 5; row <= 12; row++)
        metrics.push([await cellText(page, row, 1), await cellText(page, row, 2)]);
      // Same numbers as test/playground/workbook.test.ts, as the Dashboard formats them.
      expect(metrics).toEqual([
        ['Open Deals', '5'],
        ['Open Value', '46,735'],
        ['Weighted Value', '19,047'],
        ['Win Rate', '60%'],
        ['Average Deal', '21,667'],
        ['Cycle Days', '46.7'],
        ['Velocity', '1,393'],
        ['Stalled Deals', '2'],
      ]);
      await page.screenshot({ path: path.join(OUTPUT, 'playground-csv-dashboard.png') });
    } finally {
      await browser?.close();
      await server.close();
    }
  });
});
