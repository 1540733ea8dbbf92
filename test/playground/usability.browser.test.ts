/**
 * What a new user met in the playground (issue 17), in real Chromium at 1440 px with the sidebar
 * and the Outbox open: axe-core finds no violation on the page, its open menu, the sidebar and
 * every dialog the Pipeline menu opens; toasts do not stack; the Dashboard's tables can be
 * scrolled to; cells read as Sheets (en-US) shows them. axe-core's source comes from
 * node_modules (test/browser/axe.ts), never a CDN.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import type { World } from '../../host';
import { type PlaygroundServer, startPlaygroundServer } from '../../playground/server';
import { axeViolations } from '../browser/axe';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser/harness';

const available = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);
const describeBrowser = available ? describe : describe.skip;
const OUTPUT = path.resolve(__dirname, '../../test-output');
const DIST = path.resolve(__dirname, '../../dist');

jest.setTimeout(300_000); // axe over a 5,000-cell grid is slow on a busy machine

async function frameOf(page: Page, selector: string): Promise<Frame> {
  const frame = await (await page.waitForSelector(selector)).contentFrame();
  if (!frame) throw new Error(`no frame ${selector}`);
  return frame;
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.click(`#tabs button:text-is("${name}")`);
  await page.waitForSelector(`#grid[data-sheet="${name}"]`);
}

describeBrowser('the playground at 1440 px, as a new user meets it', () => {
  let browser: Browser;
  let server: PlaygroundServer;
  let page: Page;
  let world: World;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    [browser, server] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
      startPlaygroundServer({ port: 0, distDir: DIST }),
    ]);
    world = server.playground.world;
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.waitForSelector('#grid[data-sheet="Deals"] td[data-row="2"][data-col="2"]');
    await (await frameOf(page, '#sidebar-frame')).waitForSelector('#deal-name:not(:empty)');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('axe: no violations on the page, its open menu and the sidebar', async () => {
    expect(await page.isVisible('#sidebar')).toBe(true);
    expect(await page.getAttribute('#outbox-toggle', 'aria-expanded')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#menu .menu-title');
    await page.hover('#menu li.submenu');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#today'); // closes the menu
    expect(await axeViolations(await frameOf(page, '#sidebar-frame'))).toEqual([]);
  });

  test('axe: no violations in any dialog the Pipeline menu opens', async () => {
    // A row the metrics cannot read, so Check data opens its dialog rather than an alert.
    const amountCol = (world.sheetValues('Deals')[0] ?? []).indexOf('Amount');
    world.setCell(`Deals!${String.fromCharCode(65 + amountCol)}3`, 'abc');
    const opened: string[] = [];
    for (const fn of world.ui.menuFunctions()) {
      if (fn === 'openSidebar') continue;
      const before = world.ui.shown.filter((s) => s.kind !== 'sidebar').length;
      server.playground.menuCommand(fn);
      if (world.ui.shown.filter((s) => s.kind !== 'sidebar').length === before) continue;
      opened.push(fn);
      await page.waitForSelector('#dialog:not([hidden])');
      const frame = await frameOf(page, '#dialog-frame');
      await frame.waitForLoadState('load');
      await frame.waitForSelector('body :is(main, p, form, table)');
      expect([fn, await axeViolations(frame)]).toEqual([fn, []]);
      await page.screenshot({ path: path.join(OUTPUT, `playground-dialog-${fn}.png`) });
      await page.click('#dialog-close');
      await page.waitForSelector('#dialog', { state: 'hidden' });
    }
    // At least these three are HTML dialogs today; any other dialog is checked the same way.
    expect(opened).toEqual(expect.arrayContaining(['checkData', 'openAlertSettings', 'showAbout']));
    // The notices the menu left on the page are checked too.
    expect(await axeViolations(page)).toEqual([]);
  });

  test('"Dashboard rebuilt." shows once, however often the Dashboard is rebuilt', async () => {
    for (let i = 0; i < 3; i++) server.playground.menuCommand('buildDashboard');
    await page.waitForFunction(() => document.querySelectorAll('#notices .notice.toast').length > 0);
    await page.waitForTimeout(1200); // a refresh or two
    const toasts = await page.$$eval('#notices .notice.toast', (n) => n.map((x) => x.textContent));
    expect(toasts).toHaveLength(1);
  });

  test("the Dashboard's forecast table can be scrolled to, by mouse and by keyboard", async () => {
    await openTab(page, 'Dashboard');
    // The forecast table's header (Month … Won) is in row 17 from column H; its last column is L.
    const header = await page.$$eval('#grid tr[data-row="17"] td', (cells) =>
      cells.map((c) => c.textContent ?? '').filter(Boolean),
    );
    expect(header).toEqual(expect.arrayContaining(['Month', 'Won']));
    const wonCol = await page.$eval(
      '#grid tr[data-row="17"]',
      (tr) => [...tr.querySelectorAll('td')].find((c) => c.textContent === 'Won')?.dataset.col ?? '',
    );
    const inView = () =>
      page.evaluate((col) => {
        const wrap = document.getElementById('grid-wrap') as HTMLElement;
        const cell = document.querySelector(`#grid td[data-row="17"][data-col="${col}"]`) as HTMLElement;
        const a = wrap.getBoundingClientRect();
        const b = cell.getBoundingClientRect();
        return b.left >= a.left && b.right <= a.right;
      }, wonCol);
    await page.evaluate(() => {
      const wrap = document.getElementById('grid-wrap') as HTMLElement;
      wrap.scrollLeft = 0;
    });
    expect(await inView()).toBe(false); // cut off at 1440 px with both panels open…
    // …reached with the mouse (shift+wheel / trackpad), by as far as the Won column is cut off.
    const cutOff = await page.evaluate((col) => {
      const wrap = (document.getElementById('grid-wrap') as HTMLElement).getBoundingClientRect();
      const cell = document.querySelector(`#grid td[data-row="17"][data-col="${col}"]`) as HTMLElement;
      return Math.ceil(cell.getBoundingClientRect().right - wrap.right) + 24;
    }, wonCol);
    await page.mouse.move(300, 400);
    await page.mouse.wheel(cutOff, 0);
    await page.waitForFunction(() => (document.getElementById('grid-wrap') as HTMLElement).scrollLeft > 0);
    expect(await inView()).toBe(true);
    await page.evaluate(() => {
      (document.getElementById('grid-wrap') as HTMLElement).scrollLeft = 0;
    });
    // …and with the keyboard: the grid is in the Tab order and arrow keys move across.
    await page.click('#grid td[data-row="17"][data-col="1"]');
    for (let i = 1; i < Number(wonCol); i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (col) => document.querySelector(`#grid td.sel`)?.getAttribute('data-col') === col,
      wonCol,
    );
    expect(await inView()).toBe(true);
    await page.screenshot({ path: path.join(OUTPUT, 'playground-1440-dashboard-scrolled.png') });
  });

  test('cells read as Sheets (en-US) shows them: dates M/D/YYYY, currency formats, no float noise', async () => {
    await openTab(page, 'Deals');
    const headers = world.sheetValues('Deals')[0] ?? [];
    const createdCol = headers.indexOf('Created') + 1;
    const created = world.sheetValues('Deals')[1]?.[createdCol - 1] as Date;
    // Worked out from the stored date, independently of the page's code.
    const tz = world.spreadsheet().timeZone;
    const parts: Record<string, string> = {};
    for (const p of new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    }).formatToParts(created)) {
      parts[p.type] = p.value;
    }
    const text = await page.textContent(`#grid td[data-row="2"][data-col="${createdCol}"]`);
    expect(text).toBe(`${parts.month}/${parts.day}/${parts.year}`);
    // A currency-formatted cell and a value with binary noise, on a sheet of their own.
    await openTab(page, 'Team');
    server.playground.edit('Team', 'E2', '15831253867.999998');
    // As a currency-formatted cell arrives from an .xlsx or a CSV of `$` amounts.
    world.sheet('Team')?.setContent(2, 6, { value: 12500, format: '$#,##0.00' });
    server.playground.bridge.sync();
    server.playground.version++;
    await page.waitForFunction(
      () => document.querySelector('#grid td[data-row="2"][data-col="6"]')?.textContent === '$12,500.00',
    );
    expect(await page.textContent('#grid td[data-row="2"][data-col="5"]')).toBe('15831253868');
  });
});
