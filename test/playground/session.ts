/**
 * The start-up every playground browser test shares: Chromium and `npm start` at once, the page
 * open on the Deals grid, page errors collected; and the page helpers they all use. Tests are
 * wrapped in `describeBrowser` (test/browser/harness.ts): skipped without Chromium locally,
 * failing at once under CI.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import type { World } from '../../host';
import { type PlaygroundServer, type ServerOptions, startPlaygroundServer } from '../../playground/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser/harness';

export const OUTPUT = path.resolve(__dirname, '../../test-output');
export const DIST = path.resolve(__dirname, '../../dist');

/** Chromium and the playground take over a minute to start on a loaded 2-core machine. */
export const START_TIMEOUT_MS = 180_000;

export interface PlaygroundSession {
  readonly browser: Browser;
  readonly server: PlaygroundServer;
  readonly page: Page;
  readonly world: World;
  /** Uncaught errors of the page, for `expect(...).toEqual([])` at the end. */
  readonly pageErrors: string[];
}

/**
 * Starts Chromium and the playground side by side and opens the page on the Deals grid. When
 * either fails to start, whichever did start is closed before the error is thrown.
 */
export async function openPlayground(
  options: ServerOptions = {},
  viewport: { width: number; height: number } = { width: 1600, height: 900 },
): Promise<PlaygroundSession> {
  mkdirSync(OUTPUT, { recursive: true });
  const [launched, started] = await Promise.allSettled([
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    startPlaygroundServer({ port: 0, distDir: DIST, ...options }),
  ]);
  if (launched.status === 'rejected' || started.status === 'rejected') {
    if (launched.status === 'fulfilled') await launched.value.close();
    if (started.status === 'fulfilled') await started.value.close();
    throw launched.status === 'rejected' ? launched.reason : (started as PromiseRejectedResult).reason;
  }
  const browser = launched.value;
  const server = started.value;
  const pageErrors: string[] = [];
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector('#grid[data-sheet="Deals"] td[data-row="2"][data-col="2"]', {
    timeout: START_TIMEOUT_MS / 2,
  });
  return { browser, server, page, world: server.playground.world, pageErrors };
}

/** Closes what `openPlayground` started (safe on a session that never opened). */
export async function closePlayground(session: PlaygroundSession | undefined): Promise<void> {
  await session?.browser.close();
  await session?.server.close();
}

export async function openTab(page: Page, name: string): Promise<void> {
  await page.click(`#tabs button:text-is("${name}")`);
  await page.waitForSelector(`#grid[data-sheet="${name}"]`);
}

/** The grid cell at a 1-based row and column. */
export function td(row: number, col: number): string {
  return `#grid td[data-row="${row}"][data-col="${col}"]`;
}

export async function cellText(page: Page, row: number, col: number): Promise<string> {
  return (await page.textContent(td(row, col))) ?? '';
}

/** The frame of an iframe on the page (the sidebar's, a dialog's). */
export async function frameOf(page: Page, selector: string): Promise<Frame> {
  const handle = await page.waitForSelector(selector);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame in ${selector}`);
  return frame;
}
