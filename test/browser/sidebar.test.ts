/**
 * The built sidebar (dist/Sidebar.html) in real Chromium, talking through the harness's
 * google.script.run stand-in to the built server code (dist/Code.js) on a host World.
 * Without Chromium: skipped locally, failing at once under CI (harness.describeBrowser).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Dialog, type Page } from 'playwright-core';
import type { World } from '../../host';
import { ANA, BEN, col, d, HEADERS, historyRows, makeWorld, run } from '../sidebar/support';
import { axeViolations } from './axe';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  describeBrowser,
  type SidebarServer,
  startSidebarServer,
} from './harness';

const OUTPUT = path.resolve(__dirname, '../../test-output');
const XSS = '<img src=x onerror=alert(1)>';

jest.setTimeout(180_000); // axe runs and a loaded machine

describeBrowser('the sidebar in Chromium', () => {
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
    const xssRow = HEADERS.map(() => '' as unknown);
    xssRow[0] = 'D-XSS00005';
    xssRow[1] = XSS;
    xssRow[2] = '"><script>window.__xss=1</script>';
    xssRow[3] = 'Eve';
    xssRow[4] = 100;
    xssRow[5] = 'Lead';
    xssRow[12] = '<b onmouseover=alert(2)>hover</b>';
    const sheet = world.sheetValues('Deals');
    world.setSheet('Deals', [...sheet, xssRow], { frozenRows: 1 });
    world.select(ANA, 'Deals!B2');
    server = await startSidebarServer({ world, user: ANA });
    page = await browser.newPage({ viewport: { width: 300, height: 1500 } });
    dialogs.length = 0;
    pageErrors.length = 0;
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await expectName('Acme renewal');
  });

  afterEach(async () => {
    await page?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  async function expectName(name: string): Promise<void> {
    await page.waitForFunction((n) => document.getElementById('deal-name')?.textContent === n, name, {
      timeout: 10_000,
    });
  }

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

  const cell = (a1: string) => world.cell('Deals', a1).value;
  const currentStage = () =>
    page.evaluate(() => document.querySelector('[aria-current="step"]')?.getAttribute('data-stage'));

  test('moves a deal with the keyboard and records it in History', async () => {
    await page.focus('button[data-stage="Negotiation"]');
    await page.keyboard.press('Enter');
    await expectStatus('Moved "Acme renewal" to Negotiation.', 'ok');
    expect(cell(`${col('Stage')}2`)).toBe('Negotiation');
    expect(await currentStage()).toBe('Negotiation');
    const rows = historyRows(world);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(1)).toEqual([
      'D-ACME0001',
      'Acme renewal',
      'Proposal',
      'Negotiation',
      10,
      ANA,
      'sidebar',
    ]);
    // The new History row shows up in the sidebar's history list.
    await page.waitForFunction(() => document.querySelectorAll('#history li').length === 2);
    expect(await page.textContent('#history li:first-child .move')).toBe('Proposal → Negotiation');
  });

  test('marks a deal won with a final amount', async () => {
    world.select(ANA, 'Deals!A3');
    await expectName('Globex pilot');
    await page.click('button[data-stage="Won"]');
    expect(await page.isVisible('#won-form')).toBe(true);
    expect(await page.inputValue('#won-date')).toBe('2026-01-15');
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'sidebar-won.png'), fullPage: true });
    await page.fill('#won-amount', '6500');
    await page.click('#won-submit');
    await expectStatus('Marked "Globex pilot" won.', 'ok');
    expect(cell(`${col('Stage')}3`)).toBe('Won');
    expect(cell(`${col('Amount')}3`)).toBe(6500);
    expect(cell(`${col('Closed')}3`)).toEqual(new Date('2026-01-15T00:00:00Z'));
    expect(await page.isVisible('#won-form')).toBe(false);
    expect(await page.textContent('#f-amount')).toBe('6,500');
  });

  test('refuses Lost without a reason, in words, and writes nothing', async () => {
    world.select(ANA, 'Deals!A4');
    await expectName('Initech expansion');
    const before = world.sheetValues('Deals');
    await page.click('button[data-stage="Lost"]');
    await page.click('#lost-submit');
    await expectStatus('A reason is required to mark a deal lost.', 'error');
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'sidebar-lost.png'), fullPage: true });
    expect(world.sheetValues('Deals')).toEqual(before);
    expect(historyRows(world)).toHaveLength(1);
    // Reasons used before are offered.
    await page.waitForSelector('#lost-chips .chip');
    expect(await page.textContent('#lost-chips .chip')).toBe('Price');
    await page.click('#lost-chips .chip');
    await page.click('#lost-submit');
    await expectStatus('Marked "Initech expansion" lost (Price).', 'ok');
    expect(cell(`${col('Lost Reason')}4`)).toBe('Price');
  });

  test("a probability over 100 % is refused in the field's own terms; 40 is saved as 40 %", async () => {
    const before = world.sheetValues('Deals');
    await page.fill('#d-probability', '150');
    await page.click('#details-save');
    await expectStatus('Probability must be a number from 0 to 100.', 'error');
    expect(world.sheetValues('Deals')).toEqual(before);
    await page.fill('#d-probability', '40');
    await page.click('#details-save');
    await page.waitForFunction(() => document.getElementById('status')?.classList.contains('ok'));
    expect(cell(`${col('Probability')}2`)).toBe(0.4); // 40 % typed in the field = 0.4 in the cell
  });

  test('the Amount field takes what the sheet reads, refuses the rest by name, and never blanks by accident', async () => {
    const amount = () => cell(`${col('Amount')}2`);
    const save = async (typed: string) => {
      await page.fill('#d-amount', typed);
      await page.click('#details-save');
    };
    // Refused, naming the value; the cell keeps 12000 (the issue: `12k` saved 12, `abc` cleared it).
    for (const [typed, message] of [
      ['12k', 'Amount "12k" is not an amount the sheet reads: type 12000 instead of 12k.'],
      ['1.5m', 'Amount "1.5m" is not an amount the sheet reads: type 1500000 instead of 1.5m.'],
      ['abc', 'Amount "abc" is not an amount: type a number such as 12500, $12,500.50 or 12500 USD.'],
    ] as const) {
      await save(typed);
      await expectStatus(message, 'error');
      expect(amount()).toBe(12000);
      expect(await page.getAttribute('#d-amount', 'aria-invalid')).toBe('true');
    }
    expect(server.calls.filter((c) => c.name === 'sidebarUpdate')).toHaveLength(0);
    // The server refuses it too, whatever a client sends (the client check is only a courtesy).
    const direct = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          // google.script.run, as anyone with edit access could call it from the console.
          interface Runner {
            withSuccessHandler(fn: (value: unknown) => void): Runner;
            withFailureHandler(fn: (error: Error) => void): Runner;
            sidebarUpdate(request: unknown): void;
          }
          const run = (window as unknown as { google: { script: { run: Runner } } }).google.script.run;
          run
            .withSuccessHandler(() => resolve('saved'))
            .withFailureHandler((e) => resolve(e.message))
            .sidebarUpdate({
              id: 'D-ACME0001',
              row: 2,
              name: 'Acme renewal',
              expectedStage: 'Proposal',
              changes: { amount: '12k' },
              seen: { amount: 12000 },
            });
        }),
    );
    expect(direct).toBe('Amount "12k" is not an amount the sheet reads: type 12000 instead of 12k.');
    expect(amount()).toBe(12000);
    // What the sheet reads, the field reads: `$12,500.50` is 12500.5 and `13000 USD` is 13000.
    await save('$12,500.50');
    await expectStatus('Saved Amount of "Acme renewal".', 'ok');
    expect(amount()).toBe(12500.5);
    expect(await page.textContent('#f-amount')).toBe('12,500.5');
    await save('13000 USD');
    await expectStatus('Saved Amount of "Acme renewal".', 'ok');
    expect(amount()).toBe(13000);
    // Editing another field leaves the Amount alone.
    await page.fill('#d-next', 'Call the CFO');
    await page.click('#details-save');
    await expectStatus('Saved Next Step of "Acme renewal".', 'ok');
    expect(amount()).toBe(13000);
    // Only emptying the field on purpose clears it, and the sidebar says "Cleared", not "Saved".
    await save('');
    await expectStatus('Cleared Amount of "Acme renewal".', 'ok');
    expect(amount()).toBe('');
  });

  test('an Amount cell the sheet cannot read shows as typed and survives an edit of another field', async () => {
    world.setCell(`Deals!${col('Amount')}2`, 'TBD');
    world.select(ANA, 'Deals!A3');
    await expectName('Globex pilot');
    world.select(ANA, 'Deals!A2');
    await expectName('Acme renewal');
    expect(await page.inputValue('#d-amount')).toBe('TBD');
    expect(await page.textContent('#f-amount')).toBe('TBD (not a number)');
    await page.fill('#d-next', 'Ask for a budget');
    await page.click('#details-save');
    await expectStatus('Saved Next Step of "Acme renewal".', 'ok');
    expect(cell(`${col('Amount')}2`)).toBe('TBD');
  });

  test('the final amount of a won deal is read like the sheet reads it', async () => {
    world.select(ANA, 'Deals!A3');
    await expectName('Globex pilot');
    await page.click('button[data-stage="Won"]');
    await page.fill('#won-amount', '12k');
    await page.click('#won-submit');
    await expectStatus(
      'The final amount "12k" is not an amount the sheet reads: type 12000 instead of 12k.',
      'error',
    );
    expect(cell(`${col('Stage')}3`)).toBe('Lead');
    await page.fill('#won-amount', '$6,500 ');
    await page.click('#won-submit');
    await expectStatus('Marked "Globex pilot" won.', 'ok');
    expect(cell(`${col('Amount')}3`)).toBe(6500);
  });

  const visible = (selector: string) => page.isVisible(selector);
  const shot = async (name: string) => {
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, name), fullPage: true });
  };

  test('an open deal: the pipeline, details and snooze; no accessibility violations', async () => {
    await page.waitForFunction(() => document.querySelectorAll('#history li').length === 1);
    expect(await visible('#stage-card')).toBe(true);
    expect(await visible('#details-card')).toBe(true);
    expect(await visible('#snooze-card')).toBe(true);
    expect(await visible('#closed-card')).toBe(false);
    expect(await visible('#reopen-card')).toBe(false);
    expect(await page.textContent('#f-probability')).toBe('60% (stage)');
    expect(await axeViolations(page)).toEqual([]);
    await shot('sidebar-deal-open.png');
  });

  test('no deal selected: the sidebar says what to do, with no accessibility violations', async () => {
    world.select(ANA, 'History!A2');
    await page.waitForFunction(() => !document.getElementById('empty')?.hidden);
    expect(await page.textContent('#empty-text')).toBe('Select a deal in the Deals sheet to see it here.');
    expect(await axeViolations(page)).toEqual([]);
    await shot('sidebar-empty.png');
  });

  test('the status line never covers the stage list, wherever the sidebar is scrolled', async () => {
    await page.setViewportSize({ width: 300, height: 480 });
    await page.fill('#d-amount', 'abc');
    await page.click('#details-save');
    await expectStatus('Amount "abc" is not an amount', 'error');
    for (const block of ['start', 'center', 'end'] as const) {
      const covered = await page.evaluate((where) => {
        document.getElementById('pipeline')?.scrollIntoView({ block: where });
        const status = (document.getElementById('status') as HTMLElement).getBoundingClientRect();
        // Every stage button that is on screen is itself what the user would click.
        return [...document.querySelectorAll<HTMLElement>('#pipeline button')]
          .filter((b) => {
            const r = b.getBoundingClientRect();
            return r.bottom > status.top && r.top < window.innerHeight;
          })
          .filter((b) => {
            const r = b.getBoundingClientRect();
            const y = Math.max(r.top + 2, status.bottom + 1);
            const hit = document.elementFromPoint(r.left + r.width / 2, Math.min(y, r.bottom - 2));
            // (a button scrolled under the top edge is clipped by the scrolling area, not covered)
            return (r.top < status.bottom - 1 && r.top > status.top) || !b.contains(hit);
          })
          .map((b) => b.dataset.stage);
      }, block);
      expect([block, covered]).toEqual([block, []]);
    }
    await shot('sidebar-status-scrolled.png');
  });

  test('a won deal shows its outcome, Closed date and final amount; edit them, or reopen (in History)', async () => {
    // Globex pilot, won on 2026-01-12 for 6,500 (typed into the sheet).
    world.setCell(`Deals!${col('Stage')}3`, 'Won');
    world.setCell(`Deals!${col('Closed')}3`, d('2026-01-12'));
    world.setCell(`Deals!${col('Amount')}3`, 6500);
    world.select(ANA, 'Deals!A3');
    await expectName('Globex pilot');
    expect(await page.textContent('#stage-pill')).toBe('Won');
    expect(await page.textContent('#days-pill')).toBe('Closed Jan 12, 2026');
    expect(await page.textContent('#f-amount-label')).toBe('Final amount');
    expect(await page.textContent('#f-amount')).toBe('6,500');
    expect(await page.textContent('#f-closed')).toBe('Jan 12, 2026');
    // Nothing of an open deal: no probability, no expected close, no stage list, no snooze.
    for (const hidden of [
      '#f-probability-row',
      '#f-close-row',
      '#stage-card',
      '#details-card',
      '#snooze-card',
    ]) {
      expect([hidden, await visible(hidden)]).toEqual([hidden, false]);
    }
    expect(await visible('#closed-card')).toBe(true);
    expect(await visible('#c-reason-box')).toBe(false);
    expect(await page.inputValue('#c-closed')).toBe('2026-01-12');
    expect(await page.inputValue('#c-amount')).toBe('6500');
    expect(await page.$$eval('#reopen-stage option', (o) => o.map((x) => x.textContent))).toEqual([
      'Lead',
      'Qualified',
      'Contacted',
      'Needs Assessment',
      'Proposal',
      'Negotiation',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await shot('sidebar-deal-won.png');

    // Edit the closed details: a later Closed date and the final amount as the sheet reads it.
    await page.fill('#c-closed', '2026-01-13');
    await page.fill('#c-amount', '$7,250');
    await page.click('#closed-save');
    await expectStatus('Saved Amount, Closed of "Globex pilot".', 'ok');
    expect(cell(`${col('Closed')}3`)).toEqual(d('2026-01-13'));
    expect(cell(`${col('Amount')}3`)).toBe(7250);
    // A Closed date in the future is refused by the server.
    await page.evaluate(() => {
      const input = document.getElementById('c-closed') as HTMLInputElement;
      input.removeAttribute('max');
      input.value = '2026-02-01';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.click('#closed-save');
    await expectStatus('The Closed date cannot be in the future.', 'error');
    expect(cell(`${col('Closed')}3`)).toEqual(d('2026-01-13'));
    await page.click('#closed-reset');

    // Reopen to a chosen stage: Stage written, Closed cleared, a History row Won → Negotiation.
    const history = historyRows(world).length;
    await page.selectOption('#reopen-stage', 'Negotiation');
    await page.click('#reopen-submit');
    await expectStatus('Reopened "Globex pilot" in Negotiation.', 'ok');
    expect(cell(`${col('Stage')}3`)).toBe('Negotiation');
    expect(cell(`${col('Closed')}3`)).toBe('');
    const added = historyRows(world).slice(history);
    expect(added.map((r) => r.slice(1, 5).concat(r.slice(6)))).toEqual([
      ['D-GLOB0002', 'Globex pilot', 'Won', 'Negotiation', ANA, 'sidebar'],
    ]);
    expect(await visible('#stage-card')).toBe(true);
    expect(await visible('#closed-card')).toBe(false);
  });

  test('a Stage typed as Lost with no reason: the sidebar asks for the reason and records it', async () => {
    // Typed straight into the sheet (the edit trigger sets Closed, nobody asked for a reason).
    world.setCell(`Deals!${col('Stage')}2`, 'Lost');
    world.setCell(`Deals!${col('Closed')}2`, d('2026-01-14'));
    world.select(ANA, 'Deals!A3');
    await expectName('Globex pilot');
    world.select(ANA, 'Deals!A2');
    await expectName('Acme renewal');
    expect(await page.textContent('#stage-pill')).toBe('Lost');
    expect(await visible('#closed-ask')).toBe(true);
    expect(await page.textContent('#closed-ask')).toContain('marked lost without a reason');
    expect(await page.textContent('#f-reason')).toBe('None given');
    expect(await page.getAttribute('#c-reason', 'aria-invalid')).toBe('true');
    // Reasons used before are offered (Umbrella deal was lost on Price).
    await page.waitForSelector('#c-chips .chip');
    expect(await axeViolations(page)).toEqual([]);
    await shot('sidebar-deal-lost.png');
    // A blank reason is refused; a typed one is kept exactly.
    await page.click('#closed-save');
    await expectStatus('Nothing to save', 'info');
    await page.fill('#c-reason', '  ');
    await page.click('#closed-save');
    await expectStatus('A reason is required for a lost deal.', 'error');
    await page.fill('#c-reason', 'Went with a competitor');
    await page.click('#closed-save');
    await expectStatus('Saved Lost Reason of "Acme renewal".', 'ok');
    expect(cell(`${col('Lost Reason')}2`)).toBe('Went with a competitor');
    expect(await visible('#closed-ask')).toBe(false);
    expect(await page.textContent('#f-reason')).toBe('Went with a competitor');
  });

  test('a lost deal with its reason; screenshot', async () => {
    world.select(ANA, 'Deals!A5');
    await expectName('Umbrella deal');
    expect(await page.textContent('#f-reason')).toBe('Price');
    expect(await visible('#closed-ask')).toBe(false);
    expect(await visible('#c-reason-box')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot('sidebar-deal-lost-reason.png');
  });

  test('a Stage that is no stage (Closing): "unknown stage — pick one", and picking one moves it', async () => {
    world.setCell(`Deals!${col('Stage')}2`, 'Closing');
    world.select(ANA, 'Deals!A3');
    await expectName('Globex pilot');
    world.select(ANA, 'Deals!A2');
    await expectName('Acme renewal');
    expect(await page.textContent('#stage-pill')).toBe('Closing: unknown stage — pick one');
    expect(await page.textContent('#stage-unknown')).toBe(
      '"Closing" is not a stage of this pipeline. Pick one to move the deal there.',
    );
    expect(await page.$$eval('[aria-current="step"]', (n) => n.length)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot('sidebar-deal-unknown-stage.png');
    await page.click('button[data-stage="Negotiation"]');
    await expectStatus('Moved "Acme renewal" to Negotiation.', 'ok');
    expect(cell(`${col('Stage')}2`)).toBe('Negotiation');
    expect(historyRows(world).at(-1)?.slice(3, 5)).toEqual(['Closing', 'Negotiation']);
    expect(await visible('#stage-unknown')).toBe(false);
  });

  test('a conflict: someone else moved the deal first; nothing is written and the sidebar shows it', async () => {
    server.setBeforeCall((name) => {
      if (name !== 'sidebarMove') return;
      server.setBeforeCall(null);
      run(world, BEN, 'sidebarMove', {
        id: 'D-ACME0001',
        row: 2,
        name: 'Acme renewal',
        expectedStage: 'Proposal',
        toStage: 'Negotiation',
      });
    });
    await page.click('button[data-stage="Contacted"]');
    await expectStatus('is now in Negotiation (it was in Proposal when you looked)', 'error');
    expect(cell(`${col('Stage')}2`)).toBe('Negotiation');
    expect(historyRows(world)).toHaveLength(2); // Ben's move only
    expect(await currentStage()).toBe('Negotiation');
  });

  test('deal text renders as text and runs nothing; screenshot', async () => {
    world.select(ANA, 'Deals!A6');
    await expectName(XSS);
    expect(await page.textContent('#deal-sub')).toBe('"><script>window.__xss=1</script> · Eve');
    expect(await page.textContent('#f-next')).toBe('<b onmouseover=alert(2)>hover</b>');
    expect(await page.$$eval('main img, main script, #f-next b', (n) => n.length)).toBe(0);
    await page.hover('#f-next');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // The screenshot: a typical deal with history.
    world.select(ANA, 'Deals!B2');
    await expectName('Acme renewal');
    await page.waitForFunction(() => document.querySelectorAll('#history li').length === 1);
    mkdirSync(OUTPUT, { recursive: true });
    await page.focus('button[data-stage="Negotiation"]');
    await page.screenshot({ path: path.join(OUTPUT, 'sidebar.png'), fullPage: true });
  });
});
