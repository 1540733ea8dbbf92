/**
 * Pipeline › Report and the Dashboard's forecast windows in real Chromium, on the demo workbook
 * (today Monday 23 November 2026, Etc/UTC; the first daily check took this morning's snapshot):
 * the report date and the windows are dates written by the add-on (custom functions must not get
 * TODAY(): custom-functions guide, #arguments), the empty states read as sentences, no cell is
 * left on "Loading..." or an error, and a later day's daily check moves the dates. Screenshots go
 * to test-output/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeBrowser } from '../browser/harness';
import {
  cellText,
  closePlayground,
  OUTPUT,
  openPlayground,
  openTab,
  type PlaygroundSession,
  START_TIMEOUT_MS,
} from './session';

jest.setTimeout(90_000);

async function menu(page: Page, caption: string): Promise<void> {
  await page.click('#menu .menu-title');
  await page.click(`#menu .menu-list > li > button:text-is("${caption}")`);
}

/** Every cell text of the grid shown, for a "nothing stuck" check. */
async function gridTexts(page: Page): Promise<string[]> {
  return page.$$eval('#grid td[data-row]', (tds) => tds.map((td) => td.textContent ?? ''));
}

describeBrowser('the Report sheet and the forecast windows, in the playground', () => {
  let session: PlaygroundSession | undefined;

  beforeAll(async () => {
    session = await openPlayground({}, { width: 1900, height: 1000 });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await closePlayground(session);
  });

  test('dates written as values, empty states in words, and the next daily check moves them', async () => {
    if (!session) throw new Error('the playground did not start');
    const { page } = session;

    await openTab(page, 'Dashboard');
    // Period, From, To: November and October–December as dates.
    expect([await cellText(page, 4, 5), await cellText(page, 4, 6), await cellText(page, 4, 7)]).toEqual([
      'Period',
      'From',
      'To',
    ]);
    expect([await cellText(page, 5, 6), await cellText(page, 5, 7)]).toEqual(['2026-11-01', '2026-11-30']);
    expect([await cellText(page, 7, 6), await cellText(page, 7, 7)]).toEqual(['2026-10-01', '2026-12-31']);
    expect(await cellText(page, 4, 8)).toBe('Low (P10)');
    expect((await gridTexts(page)).filter((t) => t === 'Loading...' || t.startsWith('#'))).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, 'playground-dashboard-windows.png') });

    await menu(page, 'Report');
    await page.waitForSelector('#tabs button:text-is("Report")');
    await openTab(page, 'Report');
    await page.waitForFunction(
      () => document.querySelector('#grid td[data-row="2"][data-col="2"]')?.textContent === '2026-11-23',
    );
    expect([await cellText(page, 3, 1), await cellText(page, 3, 2)]).toEqual(['Snapshot day', 'Monday']);
    expect(await cellText(page, 5, 5)).toBe('One snapshot so far: changes show after the next, on Monday.');
    expect(await cellText(page, 25, 1)).toBe('Shows once a whole month has passed since the first snapshot.');
    expect([await cellText(page, 19, 2), await cellText(page, 19, 3)]).toEqual(['2026-11-01', '2026-11-30']);
    expect((await gridTexts(page)).filter((t) => t === 'Loading...' || t.startsWith('#'))).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, 'playground-report.png') });

    // Tuesday: the daily check moves the report date (the windows stay in November / Q4).
    await page.click('#advance');
    await page.waitForFunction(
      () => document.getElementById('today')?.textContent === 'Tuesday 24 November 2026',
    );
    await page.click('#check');
    await page.waitForFunction(
      () => document.querySelector('#grid td[data-row="2"][data-col="2"]')?.textContent === '2026-11-24',
    );
    expect(session.world.volatileArguments()).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
