/**
 * `npm start -- --file <export>.csv` with each CRM's deals export (test/fixtures/crm, written from
 * the products' documented formats) and a team's own sheet, in real Chromium: the playground
 * imports the CSV as Sheets would (London, US locale), runs Set up (stages learned from the
 * deals), and the Dashboard's headline shows the figures worked out by hand in
 * test/artifact/crm-exports.test.ts, as the Dashboard formats them. Screenshots go to test-output/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startPlaygroundServer } from '../../playground/server';
import { csvToSheet } from '../../playground/workbook';
import { CHROMIUM_ARGS, CHROMIUM_PATH, describeBrowser } from '../browser/harness';
import { fixtureCsv, HUBSPOT_CSV, PIPEDRIVE_CSV, SALESFORCE_CSV, TEAM_CSV } from '../fixtures/crm';

const OUTPUT = path.resolve(__dirname, '../../test-output');
const DIST = path.resolve(__dirname, '../../dist');

jest.setTimeout(240_000);

/** Headline figures by hand (see crm-exports.test.ts), formatted `#,##0`, `0%` and `0.0`. */
const CASES: { file: string; shot: string; figures: Record<string, string> }[] = [
  {
    file: PIPEDRIVE_CSV,
    shot: 'crm-pipedrive-dashboard.png',
    figures: {
      // 101, 102, 106, 107, 109 open; 12500.5 + 8000 + 15000 + 2500 = 38000.5 → 38,001 (half up).
      'Open Deals': '5',
      'Open Value': '38,001',
      // 7500.3 + 3200 + 7500 + 250 = 18450.3
      'Weighted Value': '18,450',
      'Win Rate': '50%', // won 103, 104; lost 105, 108
      'Average Deal': '12,500', // (20000 + 5000) / 2
      'Cycle Days': '35.0', // (30 + 40) / 2
    },
  },
  {
    file: HUBSPOT_CSV,
    shot: 'crm-hubspot-dashboard.png',
    figures: {
      'Open Deals': '4',
      'Open Value': '48,000', // 24000 + 6000 + 18000 (829's Amount blank)
      'Weighted Value': '37,200', // 21600 + 1200 + 14400
      'Win Rate': '50%',
      'Average Deal': '8,250', // (12000 + 4500.5) / 2 = 8250.25
      'Cycle Days': '22.0', // 29 and 15 days: create date-times read as dates
    },
  },
  {
    file: SALESFORCE_CSV,
    shot: 'crm-salesforce-dashboard.png',
    figures: {
      'Open Deals': '4',
      'Open Value': '51,500', // 30000 + 5000 + 12500 + 4000 (text currencies read)
      'Weighted Value': '36,250', // 22500 + 500 + 11250 + 2000
      'Win Rate': '60%', // 3 won of 5 closed
      'Average Deal': '10,000', // (18000 + 9500.5 + 2500) / 3 = 10000.17
      'Cycle Days': '36.7', // (60 + 30 + 20) / 3
    },
  },
  {
    file: TEAM_CSV,
    shot: 'crm-team-dashboard.png',
    figures: {
      'Open Deals': '5',
      'Open Value': '52,000', // 4000 + 12000 + 30000 + 6000
      // 4000 × 0.1 + 12000 × 0.3667 + 30000 × 0.6333 + 6000 × 0.9 = 29199.4 (learned, spread evenly)
      'Weighted Value': '29,199',
      'Win Rate': '67%', // 2 of 3
      'Average Deal': '5,750', // (2500 + 9000) / 2
      'Cycle Days': '50.0', // (30 + 70) / 2
    },
  },
];

async function headline(page: Page): Promise<Record<string, string>> {
  await page.click('#tabs button:text-is("Dashboard")');
  await page.waitForSelector('#grid[data-sheet="Dashboard"]');
  const shown: Record<string, string> = {};
  // PIPELINE_SUMMARY spills Metric | Value from A4: the figures are on rows 5–14.
  for (let row = 5; row <= 14; row++) {
    const label = (await page.textContent(`#grid td[data-row="${row}"][data-col="1"]`)) ?? '';
    const value = (await page.textContent(`#grid td[data-row="${row}"][data-col="2"]`)) ?? '';
    if (label !== '') shown[label] = value;
  }
  return shown;
}

describeBrowser('npm start -- --file with CRM exports', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  test.each(CASES)('$file: the Dashboard headline is right', async ({ file, shot, figures }) => {
    const sheet = csvToSheet(fixtureCsv(file), 'Deals', { timeZone: 'Europe/London' });
    const server = await startPlaygroundServer({
      port: 0,
      distDir: DIST,
      data: { sheets: [sheet] },
      now: '2026-11-23T09:00:00Z',
      timeZone: 'Europe/London',
      alerts: false,
    });
    const errors: string[] = [];
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      await page.waitForSelector('#grid[data-sheet="Deals"]');
      const shown = await headline(page);
      const picked = Object.fromEntries(Object.keys(figures).map((k) => [k, shown[k]]));
      expect(picked).toEqual(figures);
      // No cell of the Dashboard is an error.
      expect(
        await page.$$eval('#grid td', (tds) => tds.filter((td) => /^#/.test(td.textContent ?? '')).length),
      ).toBe(0);
      await page.screenshot({ path: path.join(OUTPUT, shot) });
      await page.close();
    } finally {
      await server.close();
    }
    expect(errors).toEqual([]);
  });
});
