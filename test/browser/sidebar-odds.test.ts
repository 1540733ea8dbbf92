/**
 * The sidebar's stage win rates in real Chromium (built Sidebar.html and Code.js on a host World):
 * the selected deal's set probability and its stage's historical one side by side, with the
 * closed deals it rests on; stage and deal text shown as text. Screenshot in test-output/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { World } from '../../host';
import { ANA, d, HEADERS, makeWorld } from '../sidebar/support';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  describeBrowser,
  type SidebarServer,
  startSidebarServer,
} from './harness';

const OUTPUT = path.resolve(__dirname, '../../test-output');
const PITCH = '<i>Pitch</i>';
const XSS = '<img src=x onerror=window.__xss=1>';

jest.setTimeout(180_000);

function row(
  id: string,
  name: string,
  stage: string,
  extra: Partial<Record<string, unknown>> = {},
): unknown[] {
  const r = HEADERS.map(() => '' as unknown);
  Object.assign(r, { 0: id, 1: name, 2: 'Co', 3: 'Ben Okafor', 4: 1000, 5: stage, 7: d('2025-10-01') });
  for (const [header, value] of Object.entries(extra)) r[HEADERS.indexOf(header)] = value;
  return r;
}

/**
 * Stages Lead 10 %, <i>Pitch</i> 50 %, Proposal 60 %, Negotiation 80 %. Closed: W1, W2 won
 * (reached every stage), L1 lost from Proposal (History), D-LOST0004 lost without History (Lead).
 *   Lead 2 of 4 won (50 %); <i>Pitch</i> and Proposal 2 of 3 (66.7 %); Negotiation 2 of 2 (100 %).
 */
function oddsWorld(): World {
  const world = makeWorld();
  world.setSheet('Stages', [
    ['Stage', 'Probability', 'Stalled After (days)', 'Outcome'],
    ['Lead', 0.1, 14, 'Open'],
    [PITCH, 0.5, 14, 'Open'],
    ['Proposal', 0.6, 14, 'Open'],
    ['Negotiation', 0.8, 14, 'Open'],
    ['Won', 1, '', 'Won'],
    ['Lost', 0, '', 'Lost'],
  ]);
  const deals = world.sheetValues('Deals').filter((r) => r[5] !== 'Qualified');
  world.setSheet(
    'Deals',
    [
      ...deals,
      row('D-XSS1', XSS, PITCH),
      row('D-W1', 'Won one', 'Won', { Closed: d('2025-12-10') }),
      row('D-W2', 'Won two', 'Won', { Closed: d('2025-12-20') }),
      row('D-L1', 'Lost late', 'Lost', { Closed: d('2025-12-15'), 'Lost Reason': 'Price' }),
    ],
    { frozenRows: 1 },
  );
  world.setSheet(
    'History',
    [
      world.sheetValues('History')[0]!,
      [d('2025-11-20'), 'D-L1', 'Lost late', PITCH, 'Proposal', 10, ANA, 'sidebar'],
      [d('2025-12-15'), 'D-L1', 'Lost late', 'Proposal', 'Lost', 25, ANA, 'sidebar'],
    ],
    { frozenRows: 1 },
  );
  return world;
}

describeBrowser('the sidebar: set and historical stage win rates', () => {
  let browser: Browser;
  let server: SidebarServer;
  let world: World;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    world = oddsWorld();
    world.select(ANA, 'Deals!B2');
    server = await startSidebarServer({ world, user: ANA });
    page = await browser.newPage({ viewport: { width: 300, height: 900 } });
    pageErrors.length = 0;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => void dialog.dismiss());
    await page.goto(server.url);
  });
  afterEach(async () => {
    await page?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  const odds = () =>
    page.evaluate(() => ({
      shown: !document.getElementById('f-odds-row')!.hidden,
      label: document.getElementById('f-odds-label')!.textContent,
      set: document.getElementById('f-odds-set')!.textContent,
      history: document.getElementById('f-odds-history')!.textContent,
      basis: document.getElementById('f-odds-basis')!.textContent,
    }));

  async function select(a1: string, name: string): Promise<void> {
    world.select(ANA, a1);
    await page.waitForFunction((n) => document.getElementById('deal-name')?.textContent === n, name, {
      timeout: 10_000,
    });
  }

  test('Proposal: 60 % set against 66.7 % in History, on 3 closed deals; screenshot', async () => {
    await select('Deals!B2', 'Acme renewal');
    await page.waitForFunction(() => !document.getElementById('f-odds-row')!.hidden, undefined, {
      timeout: 10_000,
    });
    expect(await odds()).toEqual({
      shown: true,
      label: 'Win rate of this stage',
      set: '60%',
      history: '66.7%',
      basis: '2 of the 3 closed deals that reached Proposal were won.',
    });
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'sidebar-stage-odds.png'), fullPage: true });
  });

  test('a stage named with markup, a deal named with markup: text, never HTML', async () => {
    const rowOf = world.sheetValues('Deals').findIndex((r) => r[0] === 'D-XSS1') + 1;
    await select(`Deals!B${rowOf}`, XSS);
    await page.waitForFunction(
      (b) => document.getElementById('f-odds-basis')?.textContent === b,
      `2 of the 3 closed deals that reached ${PITCH} were won.`,
      {
        timeout: 10_000,
      },
    );
    expect(await odds()).toEqual({
      shown: true,
      label: 'Win rate of this stage',
      set: '50%',
      history: '66.7%',
      basis: `2 of the 3 closed deals that reached ${PITCH} were won.`,
    });
    expect(await page.evaluate(() => document.querySelectorAll('#deal i, #deal img').length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: path.join(OUTPUT, 'sidebar-stage-odds-markup.png'), fullPage: true });
  });

  test('Lead: 10 % set, 50 % in History on 4; a closed deal shows none', async () => {
    await select('Deals!B3', 'Globex pilot');
    await page.waitForFunction(
      () => document.getElementById('f-odds-set')?.textContent === '10%',
      undefined,
      {
        timeout: 10_000,
      },
    );
    expect(await odds()).toMatchObject({
      set: '10%',
      history: '50%',
      basis: '2 of the 4 closed deals that reached Lead were won.',
    });
    const lost = world.sheetValues('Deals').findIndex((r) => r[0] === 'D-LOST0004') + 1;
    await select(`Deals!B${lost}`, 'Umbrella deal');
    expect((await odds()).shown).toBe(false);
  });
});
