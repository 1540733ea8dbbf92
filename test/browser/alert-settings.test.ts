/**
 * The built Alert settings dialog (dist/AlertSettings.html) in real Chromium, talking through
 * the harness's google.script.run stand-in to the built server code (dist/Code.js) on a host
 * World (test/alerts/support.ts: 2026-11-23, Europe/London). The page loads its state with
 * alertSettingsView and saves with saveAlertSettings; expected messages are the server's own
 * sentences, written out here by hand.
 * Skipped only when Chromium is absent AND not in CI (in CI a missing Chromium fails).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { World } from '../../host';
import { makeWorld, run, turnOn } from '../alerts/support';
import { axeViolations, OUTPUT } from './axe';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  describeBrowser,
  type SidebarServer,
  startSidebarServer,
} from './harness';

const ANA = 'ana@example.com';
const BOB = 'bob@example.com';
const CONFIG_KEY = 'pipeline.alerts.config';
/** An owner address no one would type, to prove the page shows it as text. */
const XSS_OWNER = '"><img src=x onerror="window.__xss=1">@x.com';

jest.setTimeout(90_000);

describeBrowser('the Alert settings dialog in Chromium', () => {
  let browser: Browser;
  let server: SidebarServer;
  let world: World;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(user: string): Promise<void> {
    server = await startSidebarServer({ world, user, file: 'AlertSettings.html' });
    // The size openAlertSettings asks for (Sheets takes the title bar out of it).
    page = await browser.newPage({ viewport: { width: 460, height: 560 } });
    pageErrors.length = 0;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('#form:not([hidden])');
  }

  async function message(text: string, kind: 'ok' | 'error'): Promise<void> {
    await page.waitForFunction(
      ([t, k]) => {
        const m = document.getElementById('message');
        return !!m && !m.hidden && m.classList.contains(k) && m.textContent === t;
      },
      [text, kind] as const,
      { timeout: 10_000 },
    );
  }

  const visible = (selector: string) => page.isVisible(selector);
  const stored = () => JSON.parse(world.documentProperties.data.get(CONFIG_KEY) ?? 'null');

  beforeEach(() => {
    world = makeWorld([{ id: 'D-1', deal: 'Acme renewal', owner: 'Ben Okafor', stage: 'Proposal' }]);
  });
  afterEach(async () => {
    await page?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  test('turn on: a bad address is refused by name and nothing saved; then saved as typed', async () => {
    await open(ANA);
    expect(await page.title()).toBe('Alert settings');
    expect(await page.textContent('h1')).toBe('Alert settings');
    expect(await page.textContent('#status')).toBe('Alerts are off.');
    expect(await page.textContent('label[for=hour]')).toBe('Run the daily check at (Europe/London)');
    // Defaults: 08:00, Monday, owners unchecked; only Turn on is offered.
    expect(await page.inputValue('#hour')).toBe('8');
    expect(await page.$eval('#hour', (s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe(
      '08:00',
    );
    expect(await page.$eval('#hour', (s: HTMLSelectElement) => s.options.length)).toBe(24);
    expect(await page.$eval('#reportDay', (s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe(
      'Monday',
    );
    expect(await page.isChecked('#reportToOwners')).toBe(false);
    expect([await visible('#when-off'), await visible('#when-mine'), await visible('#when-other')]).toEqual([
      true,
      false,
      false,
    ]);
    expect(await page.textContent('#last')).toBe('The check has not run yet.');
    expect(await axeViolations(page)).toEqual([]);

    await page.selectOption('#hour', '14');
    await page.fill('#manager', 'boss at example');
    await page.selectOption('#reportDay', { label: 'Friday' });
    await page.check('#reportToOwners');
    await page.click('#when-off button');
    await message('"boss at example" is not an email address.', 'error');
    expect(stored()).toBeNull();
    expect(world.triggers.all()).toHaveLength(0);
    expect(await visible('#when-off')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, 'alert-settings-error.png') });

    await page.fill('#manager', ' boss@example.com ');
    await page.click('#when-off button');
    await message('Alerts are on: the check runs daily at about 14:00 (Europe/London).', 'ok');
    expect(await page.textContent('#status')).toBe(
      'Alerts are on: the daily check runs at about 14:00 (Europe/London) as you. The manager summary goes to boss@example.com. The weekly report goes out on Friday to boss@example.com and every owner.',
    );
    expect([await visible('#when-off'), await visible('#when-mine'), await visible('#when-other')]).toEqual([
      false,
      true,
      false,
    ]);
    // What the page sent (the selects' values as text; an email input drops the spaces around
    // an address) and what the server stored.
    expect(server.calls.filter((c) => c.name === 'saveAlertSettings').at(-1)?.args).toEqual([
      { action: 'on', hour: '14', manager: 'boss@example.com', reportDay: '5', reportToOwners: true },
    ]);
    expect(stored()).toMatchObject({
      owner: ANA,
      hour: 14,
      manager: 'boss@example.com',
      reportDay: 5,
      reportToOwners: true,
    });
    expect(world.triggers.forUser(ANA)).toHaveLength(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, 'alert-settings-saved.png') });

    // Reopened, the dialog shows what was saved; Turn off turns them off.
    await page.close();
    await server.close();
    await open(ANA);
    expect(await page.inputValue('#hour')).toBe('14');
    expect(await page.inputValue('#manager')).toBe('boss@example.com');
    expect(await page.inputValue('#reportDay')).toBe('5');
    expect(await page.isChecked('#reportToOwners')).toBe(true);
    await page.click('#when-mine button[data-action=off]');
    await message('Alerts are off.', 'ok');
    expect(await page.textContent('#status')).toBe('Alerts are off.');
    expect(await visible('#when-off')).toBe(true);
    expect(stored()).toBeNull();
  });

  test("someone else's alerts: their address as text, Take over runs them as you", async () => {
    turnOn(world, ANA, 9, 'boss@example.com');
    // An owner address full of markup (the page must show it, never run it).
    const config = { ...stored(), owner: XSS_OWNER };
    world.documentProperties.data.set(CONFIG_KEY, JSON.stringify(config));
    await open(BOB);
    expect(await page.textContent('#takeover')).toBe(
      `They run as ${XSS_OWNER}. Take over to run them as you (at the hour below); ${XSS_OWNER}'s daily check then stops.`,
    );
    expect(await page.textContent('#status')).toContain(`as ${XSS_OWNER}.`);
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.inputValue('#hour')).toBe('9');
    expect([await visible('#when-off'), await visible('#when-mine'), await visible('#when-other')]).toEqual([
      false,
      false,
      true,
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, 'alert-settings-takeover.png') });

    await page.click('#when-other button[data-action=takeover]');
    await message(
      `You took over from ${XSS_OWNER}: the check runs daily at about 09:00 (Europe/London).`,
      'ok',
    );
    expect(await visible('#takeover')).toBe(false);
    expect(await visible('#when-mine')).toBe(true);
    expect(stored()).toMatchObject({ owner: BOB, hour: 9, manager: 'boss@example.com' });
    expect(run(world, 'alertSettingsView', BOB)).toMatchObject({ on: true, mine: true });
  });
});
