/**
 * Set up and Stages in the playground (`npm start`), in real Chromium: Pipeline › Set up shows
 * its preview (Cancel writes nothing; "Set up" then shows the summary), the Stage drop-down lists
 * the Stages sheet, and an edit of Stages updates the Dashboard at once. Screenshots go to
 * test-output/.
 */
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { World } from '../../host';
import { d } from '../../src/core/testing';
import { describeBrowser } from '../browser/harness';
import { closePlayground, OUTPUT, openPlayground, openTab, type PlaygroundSession, td } from './session';

jest.setTimeout(60_000);

/** Five deals; D-5's name is hostile HTML and its amount unreadable. */
const DEALS = [
  ['ID', 'Deal', 'Owner', 'Amount', 'Stage', 'Created', 'Closed'],
  ['D-1', 'Acme', 'Ana', 10000, 'Lead', d('2026-11-01'), ''],
  ['D-2', 'Globex', 'Ben', 20000, 'Proposal', d('2026-10-01'), ''],
  ['D-3', 'Initech', 'Ana', 30000, 'Won', d('2026-09-01'), d('2026-10-01')],
  ['D-4', 'Hooli', 'Ben', 5000, 'Lost', d('2026-08-01'), d('2026-08-21')],
  ['D-5', '<b>Evil</b> & "co"', 'Ben', 'abc', 'Proposal', d('2026-11-10'), ''],
];

/** Everything the workbook stores, for "nothing was written". */
function state(world: World): string {
  const ss = world.spreadsheet();
  return JSON.stringify({
    sheets: ss.sheets.map((s) => ({
      name: s.name,
      rows: s.rows,
      condRules: s.condRules,
      maxCols: s.maxCols,
    })),
    named: [...ss.namedRanges.entries()],
  });
}

async function menu(page: Page, caption: string): Promise<void> {
  await page.click('#menu .menu-title');
  await page.click(`#menu .menu-list > li > button:text-is("${caption}")`);
}

async function dialog(page: Page): Promise<Frame> {
  await page.waitForSelector('#dialog:not([hidden])');
  const handle = await page.waitForSelector('#dialog-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no dialog frame');
  return frame;
}

describeBrowser('Set up and Stages in the playground', () => {
  let session: PlaygroundSession;
  let page: Page;
  let world: World;

  beforeAll(async () => {
    session = await openPlayground(
      {
        data: { sheets: [{ name: 'Deals', rows: DEALS }] },
        now: '2026-11-23T09:00:00Z',
        timeZone: 'Etc/UTC',
        alerts: false,
      },
      { width: 1400, height: 900 },
    );
    ({ page, world } = session);
  }, 180_000);

  afterAll(async () => {
    await closePlayground(session);
    expect(session?.pageErrors).toEqual([]);
  });

  test('Pipeline › Set up shows what it understood; Cancel writes nothing', async () => {
    const before = state(world);
    await menu(page, 'Set up');
    const frame = await dialog(page);
    await frame.waitForSelector('#go');
    const text = (await frame.textContent('body')) ?? '';
    expect(text).toContain('Set up will use Deals as your deals sheet: 5 deals found.');
    // Open: Acme (Lead), Globex and D-5 (Proposal); won Initech; lost Hooli. Two rows to check:
    // D-5's amount "abc", and Hooli lost without a reason (the playground already ran Set up once,
    // on start, so the Lost Reason column exists and is blank for Hooli).
    const tiles = await frame.$$eval('.tile', (ts) =>
      ts.map((t) => t.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(tiles).toEqual(['3open', '1won', '1lost', '2rows to check']);
    // The hostile deal name is shown as text, never as markup.
    expect(await frame.$$eval('main b', (bs) => bs.map((b) => b.textContent))).not.toContain('Evil');
    expect(text).toContain('<b>Evil</b> & "co"');
    expect(text).toContain('Amount "abc" is not a number');
    await page.screenshot({ path: path.join(OUTPUT, 'setup-preview.png') });
    await frame.click('#cancel');
    await page.waitForSelector('#dialog', { state: 'hidden' });
    expect(state(world)).toBe(before);
  });

  test('"Set up" in the preview shows the summary', async () => {
    await menu(page, 'Set up');
    const frame = await dialog(page);
    await frame.click('#go');
    await frame.waitForSelector('#done.show');
    expect(await frame.textContent('#summary')).toBe('Everything was already set up on "Deals".');
    await page.screenshot({ path: path.join(OUTPUT, 'setup-done.png') });
    await frame.click('#close');
    await page.waitForSelector('#dialog', { state: 'hidden' });
  });

  test('the Stage drop-down lists the Stages sheet', async () => {
    await openTab(page, 'Deals');
    const stages = world
      .sheetValues('Stages')
      .slice(1)
      .map((r) => r[0]);
    expect(stages).toEqual([
      'Lead',
      'Qualified',
      'Contacted',
      'Needs Assessment',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    expect(await page.getAttribute(td(2, 5), 'class')).toContain('dd');
    await page.dblclick(td(2, 5));
    const options = await page.$$eval('#dd-options option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(options).toEqual(stages);
    await page.keyboard.press('Escape');
  });

  test('editing Stages updates the Dashboard at once', async () => {
    await openTab(page, 'Dashboard');
    // Weighted Value (B7, the third line of PIPELINE_SUMMARY): Acme 10,000 × 10 % + Globex 20,000 × 60 %
    // (D-5's amount is unreadable).
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '13,000', td(7, 2));
    await openTab(page, 'Stages');
    await page.click(td(2, 2)); // Lead's probability
    await page.fill('#formula', '50%');
    await page.press('#formula', 'Enter');
    await openTab(page, 'Dashboard');
    // Now 10,000 × 50 % + 20,000 × 60 %.
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '17,000', td(7, 2));
    await page.screenshot({ path: path.join(OUTPUT, 'setup-stages-dashboard.png') });
  });
});
