/**
 * The sidebar's Next Step Date field in real Chromium (issue 13): shown beside Next Step, edited
 * with the date picker, saved to the sheet as a date; a blank clears it. Screenshot:
 * test-output/sidebar-next-step-date.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { World } from '../../host';
import { ANA, d, HEADERS, makeWorld } from '../sidebar/support';
import { CHROMIUM_ARGS, CHROMIUM_PATH, type SidebarServer, startSidebarServer } from './harness';

const available = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);
const describeBrowser = available ? describe : describe.skip;
const OUTPUT = path.resolve(__dirname, '../../test-output');
const NEXT_DATE = String.fromCharCode(65 + HEADERS.length);

jest.setTimeout(120_000);

describeBrowser('Next Step Date in the sidebar', () => {
  let browser: Browser;
  let server: SidebarServer;
  let world: World;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    world = makeWorld();
    const rows = world.sheetValues('Deals');
    world.setSheet(
      'Deals',
      rows.map((r, i) => [...r, i === 0 ? 'Next Step Date' : i === 1 ? d('2026-01-20') : '']),
      { frozenRows: 1 },
    );
    world.select(ANA, 'Deals!B2');
    server = await startSidebarServer({ world, user: ANA });
    page = await browser.newPage({ viewport: { width: 300, height: 1500 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction(
      () => document.getElementById('deal-name')?.textContent === 'Acme renewal',
      null,
      {
        timeout: 20_000,
      },
    );
  });

  afterAll(async () => {
    await page?.close();
    await server?.close();
    await browser?.close();
  });

  async function expectStatus(text: string): Promise<void> {
    await page.waitForFunction(
      (t) => {
        const s = document.getElementById('status');
        return !!s && !s.hidden && s.classList.contains('ok') && (s.textContent ?? '').includes(t);
      },
      text,
      { timeout: 20_000 },
    );
  }

  test('shown beside Next Step, edited with the date field, saved as a date, cleared by a blank', async () => {
    expect(await page.inputValue('#d-next-date')).toBe('2026-01-20');
    expect(await page.getAttribute('#d-next-date', 'type')).toBe('date');
    expect(await page.isDisabled('#d-next-date')).toBe(false);
    expect(await page.textContent('#f-next-date')).not.toBe('—');
    await page.fill('#d-next-date', '2026-02-03');
    await page.click('#details-save');
    await expectStatus('Saved Next Step Date of "Acme renewal".');
    expect(world.cell(`Deals!${NEXT_DATE}2`).value).toEqual(d('2026-02-03'));
    expect(await page.inputValue('#d-next-date')).toBe('2026-02-03');
    await page.locator('#details-form').screenshot({ path: path.join(OUTPUT, 'sidebar-next-step-date.png') });
    await page.screenshot({ path: path.join(OUTPUT, 'sidebar-next-step-date-full.png') });
    await page.fill('#d-next-date', '');
    await page.click('#details-save');
    await expectStatus('Cleared Next Step Date of "Acme renewal".');
    expect(world.cell(`Deals!${NEXT_DATE}2`).value).toBe('');
    expect(pageErrors).toEqual([]);
  });
});
