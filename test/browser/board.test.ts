/**
 * The built board (dist/Board.html) in real Chromium, talking through the harness's
 * google.script.run stand-in to the built server code (dist/Code.js) on a host World.
 * Expected values are worked out by hand from test/sidebar/support.ts's workbook (now =
 * 2026-01-15 10:00 UTC): Acme renewal 12000 in Proposal (60 %), Globex pilot 5000 in Lead
 * (its own 15 %), Initech expansion '$8,000' in Qualified (20 %), Umbrella deal Lost (Price).
 * Skipped only when Chromium is absent AND not in CI (in CI a missing Chromium fails).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { World } from '../../host';
import { ANA, BEN, col, d, HEADERS, historyRows, makeWorld, run } from '../sidebar/support';
import { axeViolations, OUTPUT } from './axe';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  describeBrowser,
  type SidebarServer,
  startSidebarServer,
} from './harness';

const XSS = '<img src=x onerror=alert(1)>';

const card = (id: string) => `.card[data-key="id:${id}"]`;
const column = (i: number) => `.column[data-column="${i}"]`;
const ACME = 'D-ACME0001';
const GLOBEX = 'D-GLOB0002';

jest.setTimeout(90_000);

describeBrowser('the board in Chromium', () => {
  let browser: Browser;
  let server: SidebarServer;
  let world: World;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    world = makeWorld();
    server = await startSidebarServer({ world, user: ANA, file: 'Board.html' });
    page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    dialogs.length = 0;
    pageErrors.length = 0;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector(card(ACME));
  });

  afterEach(async () => {
    await page?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  async function expectStatus(text: string, kind: 'ok' | 'error' | 'info'): Promise<void> {
    await page.waitForFunction(
      ([t, k]) => {
        const s = document.getElementById('status');
        return !!s && !s.hidden && s.classList.contains(k) && (s.textContent ?? '').includes(t);
      },
      [text, kind] as const,
      { timeout: 10_000 },
    );
  }

  /** [count, value, weighted] of a column as the page holds them. */
  async function totals(i: number): Promise<number[]> {
    return page.$eval(column(i), (node) => [
      Number(node.querySelector('[data-count]')?.getAttribute('data-count')),
      Number(node.querySelector('[data-value]')?.getAttribute('data-value')),
      Number(node.querySelector('[data-weighted]')?.getAttribute('data-weighted')),
    ]);
  }
  const columnOf = (id: string) =>
    page.$eval(card(id), (node) => Number(node.closest<HTMLElement>('.column')?.dataset.column));
  const cell = (a1: string) => world.cell(`Deals!${a1}`).value;

  test('drag a card to the next stage: the sheet, History and the column totals change', async () => {
    expect(await totals(0)).toEqual([1, 5000, 750]);
    expect(await totals(1)).toEqual([1, 8000, 1600]);
    await page.dragAndDrop(card(GLOBEX), column(1));
    await expectStatus('Moved "Globex pilot" to Qualified.', 'ok');
    expect(cell(`${col('Stage')}3`)).toBe('Qualified');
    expect(historyRows(world)[1]?.slice(1)).toEqual([
      'D-GLOB0002',
      'Globex pilot',
      'Lead',
      'Qualified',
      5,
      ANA,
      'board',
    ]);
    expect(await columnOf(GLOBEX)).toBe(1);
    // Lead is empty; Qualified = Initech 8000 × 20 % + Globex 5000 × 15 % = 1600 + 750.
    expect(await totals(0)).toEqual([0, 0, 0]);
    expect(await totals(1)).toEqual([2, 13000, 2350]);
    // And they agree with PIPELINE_FUNNEL on the sheet as it now is.
    const funnel = run<(string | number)[][]>(world, ANA, 'PIPELINE_FUNNEL');
    for (let i = 0; i < 6; i++) expect(await totals(i)).toEqual(funnel[i + 1]!.slice(1, 4));
  });

  test('drop on Won: the dialog asks the Closed date and the final amount', async () => {
    await page.dragAndDrop(card(ACME), '.target.won');
    await page.waitForSelector('#won-dialog[open]');
    expect(await page.inputValue('#won-date')).toBe('2026-01-15');
    expect(await page.textContent('#won-deal')).toBe('Acme renewal · Acme · 12,000');
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'board-won.png') });
    await page.fill('#won-date', '2026-01-14');
    await page.fill('#won-amount', '13500');
    await page.click('#won-submit');
    await expectStatus('Marked "Acme renewal" won.', 'ok');
    expect(await page.isVisible('#won-dialog')).toBe(false);
    expect(cell(`${col('Stage')}2`)).toBe('Won');
    expect(cell(`${col('Amount')}2`)).toBe(13500);
    expect(cell(`${col('Closed')}2`)).toEqual(d('2026-01-14'));
    expect(historyRows(world)[1]?.slice(3)).toEqual(['Proposal', 'Won', 9, ANA, 'board']);
    expect(await page.$(card(ACME))).toBeNull();
    expect(await totals(4)).toEqual([0, 0, 0]);
  });

  test('drop on Lost: the reason, with the reasons used before', async () => {
    await page.dragAndDrop(card(GLOBEX), '.target.lost');
    await page.waitForSelector('#lost-dialog[open]');
    expect(await page.$$eval('#lost-chips .chip', (n) => n.map((c) => c.textContent))).toEqual(['Price']);
    await page.click('#lost-chips .chip');
    await page.click('#lost-submit');
    await expectStatus('Marked "Globex pilot" lost (Price).', 'ok');
    expect(cell(`${col('Stage')}3`)).toBe('Lost');
    expect(cell(`${col('Lost Reason')}3`)).toBe('Price');
    expect(historyRows(world)[1]?.slice(4)).toEqual(['Lost', 5, ANA, 'board']);
    expect(await page.$(card(GLOBEX))).toBeNull();
  });

  test('a refused Lost (no reason) writes nothing, says why, and the card stays', async () => {
    const before = world.sheetValues('Deals');
    await page.dragAndDrop(card(GLOBEX), '.target.lost');
    await page.waitForSelector('#lost-dialog[open]');
    await page.click('#lost-submit');
    await page.waitForSelector('#lost-error:not([hidden])');
    expect(await page.textContent('#lost-error')).toBe('A reason is required to mark a deal lost.');
    await expectStatus('A reason is required to mark a deal lost.', 'error');
    expect(await page.isVisible('#lost-dialog')).toBe(true);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'board-lost-refused.png') });
    expect(world.sheetValues('Deals')).toEqual(before);
    expect(historyRows(world)).toHaveLength(1);
    await page.click('#lost-dialog [data-cancel]');
    expect(await page.isVisible('#lost-dialog')).toBe(false);
    expect(await columnOf(GLOBEX)).toBe(0);
  });

  test('a conflict (another user moved the deal since the board loaded) snaps back with a message', async () => {
    server.setBeforeCall((name) => {
      if (name !== 'boardMove') return;
      server.setBeforeCall(null);
      run(world, BEN, 'sidebarMove', {
        id: ACME,
        row: 2,
        name: 'Acme renewal',
        expectedStage: 'Proposal',
        toStage: 'Negotiation',
      });
    });
    await page.dragAndDrop(card(ACME), column(2));
    await expectStatus('is now in Negotiation (it was in Proposal when you looked)', 'error');
    expect(cell(`${col('Stage')}2`)).toBe('Negotiation');
    expect(historyRows(world)).toHaveLength(2); // Ben's move only
    // Not in Contacted where it was dropped: where it really is now.
    expect(await columnOf(ACME)).toBe(5);
    expect(await totals(2)).toEqual([0, 0, 0]);
  });

  test('keyboard only: Tab to a card, arrows, Enter, choose a stage', async () => {
    await page.focus('#refresh');
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key ?? '');
    expect(await focused()).toBe(`id:${GLOBEX}`); // the first card: Lead column
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('row:4:Initech expansion'); // Qualified (no ID yet)
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe(`id:${GLOBEX}`);
    // Visible focus: an outline is drawn around the focused card.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#menu:not([hidden])');
    // The first item offered is the next stage (Lead itself is the current one).
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Qualified');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Contacted');
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'board-keyboard-menu.png') });
    await page.keyboard.press('Enter');
    await expectStatus('Moved "Globex pilot" to Contacted.', 'ok');
    expect(cell(`${col('Stage')}3`)).toBe('Contacted');
    expect(await columnOf(GLOBEX)).toBe(2);
    // Focus stays on the moved card, so the next move is one Enter away.
    expect(await focused()).toBe(`id:${GLOBEX}`);
    // Escape closes the menu and gives the focus back.
    await page.keyboard.press('Enter');
    await page.waitForSelector('#menu:not([hidden])');
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#menu')).toBe(false);
    expect(await focused()).toBe(`id:${GLOBEX}`);
  });

  test('owner filter and text search; column totals follow the owner', async () => {
    await page.selectOption('#owner', { label: 'Ben Okafor' });
    expect(await page.$$eval('.card', (n) => n.map((c) => c.getAttribute('data-key')))).toEqual([
      `id:${GLOBEX}`,
    ]);
    expect(await totals(0)).toEqual([1, 5000, 750]);
    expect(await totals(4)).toEqual([0, 0, 0]); // Acme is Ana's
    await page.selectOption('#owner', '*');
    await page.fill('#search', 'initech');
    expect(await page.$$eval('.card', (n) => n.map((c) => c.getAttribute('data-key')))).toEqual([
      'row:4:Initech expansion',
    ]);
    await page.fill('#search', 'send proposal'); // the Next Step text
    expect(await page.$$eval('.card', (n) => n.map((c) => c.getAttribute('data-key')))).toEqual([
      `id:${ACME}`,
    ]);
    await page.fill('#search', '');
    expect(await page.$$eval('.card', (n) => n.length)).toBe(3);
  });

  test('clicking a card opens it in the sidebar; Refresh shows what others changed', async () => {
    await page.click(`${card(GLOBEX)} .card-name`);
    await expectStatus('Opened "Globex pilot" in the sidebar.', 'ok');
    expect(world.ui.lastSidebar()?.title).toBe('Pipeline');
    const selection = run<{ deal?: { name: string } }>(world, ANA, 'sidebarSelection');
    expect(selection.deal?.name).toBe('Globex pilot');
    world.setCell(`Deals!${col('Stage')}2`, 'Negotiation');
    await page.click('#refresh');
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.closest<HTMLElement>('.column')?.dataset.column === '5',
      card(ACME),
    );
  });

  test('Refresh reconciles: a Stage typed in the sheet that History missed is recorded, and said', async () => {
    world.setCell(`Deals!${col('Stage')}2`, 'Negotiation'); // no edit event reached the script
    await page.click('#refresh');
    await expectStatus('Recorded 1 stage change typed in the sheet that History had missed', 'info');
    expect(historyRows(world)[1]?.slice(3)).toEqual(['Proposal', 'Negotiation', '', ANA, 'sync']);
    expect(await columnOf(ACME)).toBe(5);
  });

  test('a deal named like HTML renders as text and runs nothing; axe finds no violations', async () => {
    const rows = world.sheetValues('Deals');
    const xss = HEADERS.map(() => '' as unknown);
    xss[0] = 'D-XSS00005';
    xss[1] = XSS;
    xss[2] = '"><script>window.__xss=1</script>';
    xss[3] = '<b onmouseover=alert(2)>Eve</b>';
    xss[4] = 100;
    xss[5] = 'Lead';
    xss[12] = '<svg onload=alert(3)>';
    world.setSheet('Deals', [...rows, xss], { frozenRows: 1 });
    await page.click('#refresh');
    await page.waitForSelector(card('D-XSS00005'));
    expect(await page.textContent(`${card('D-XSS00005')} .card-name`)).toBe(XSS);
    expect(await page.textContent(`${card('D-XSS00005')} .card-company`)).toBe(
      '"><script>window.__xss=1</script>',
    );
    expect(await page.textContent(`${card('D-XSS00005')} .next-text`)).toBe('<svg onload=alert(3)>');
    expect(await page.$$eval('#board img, #board script, #board svg, #board b', (n) => n.length)).toBe(0);
    await page.hover(card('D-XSS00005'));
    await page.selectOption('#owner', { label: '<b onmouseover=alert(2)>Eve</b>' });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.selectOption('#owner', '*');

    expect(await axeViolations(page)).toEqual([]);
    await page.dragAndDrop(card(GLOBEX), '.target.lost');
    await page.waitForSelector('#lost-dialog[open]');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#lost-dialog [data-cancel]');
    await page.focus(card(GLOBEX));
    await page.keyboard.press('Enter');
    await page.waitForSelector('#menu:not([hidden])');
    expect(await axeViolations(page)).toEqual([]);
  });
});
