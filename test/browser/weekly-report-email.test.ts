/**
 * The weekly report email as a mail client shows it: the HTML body the built Code.js sent for the
 * hand-worked pipeline of test/alerts/weeklySupport.ts, rendered in Chromium with scripts off
 * (mail clients run none) and screenshotted to test-output/weekly-report-email.png. Checks what a
 * reader relies on: every waterfall figure and deal is a link, nothing from the sheet became
 * markup, and the layout fits a 760 px reading pane without horizontal scrolling.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { reports, twoWeeks } from '../alerts/weeklySupport';
import { OUTPUT } from './axe';
import { CHROMIUM_ARGS, CHROMIUM_PATH, describeBrowser } from './harness';

describeBrowser('the weekly report email in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('renders cleanly: links on every figure, sheet text as text, fits the pane', async () => {
    const w = twoWeeks();
    const [mail] = reports(w);
    const html = mail!.htmlBody!;
    const page = await browser.newPage({ viewport: { width: 800, height: 900 }, javaScriptEnabled: false });
    await page.setContent(`<!DOCTYPE html><html lang="en"><body style="margin:16px">${html}</body></html>`);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'weekly-report-email.png'), fullPage: true });
    // The waterfall: two links per row (Deals, Amount), ten rows.
    const links = await page.$$eval('a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.filter((h) => /#gid=\d+(&range=A\d+(:A\d+)?)?$/.test(h)).length).toBe(links.length);
    expect(links.length).toBeGreaterThanOrEqual(20 + 4 + 5);
    // The deleted deal's name `Deleted <b>` never became markup.
    expect(await page.$$eval('b', (bs) => bs.map((b) => b.textContent))).toEqual(['Start', 'End']);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(800);
    await page.close();
  });
});
