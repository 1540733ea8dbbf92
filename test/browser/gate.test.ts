/**
 * The browser tests without Chromium (issue 10 §8): `npm test` must end, with a message naming
 * Chromium and how to get it — skipped locally, failing at once under CI=true — and never hang
 * on handles. Runs jest itself on the two browser test files with CHROMIUM_PATH pointing to a
 * file that does not exist, with CI=true and with CI unset.
 */
import { spawn } from 'node:child_process';
import { chromiumMissing, isCI } from './harness';

const FILES = [
  'test/browser/sidebar.test.ts',
  'test/browser/board.test.ts',
  'test/browser/board-demo.test.ts',
  'test/playground/playground.browser.test.ts',
  'test/playground/charts.browser.test.ts',
];
const MISSING = '/nonexistent/chromium-for-this-test';

interface Run {
  status: number | null;
  killed: boolean;
  output: string;
}

/** jest on the browser test files, with CHROMIUM_PATH missing; killed (and so failing) at 280 s. */
function runJest(env: Record<string, string>): Promise<Run> {
  const base = { ...process.env };
  delete base.CI;
  delete base.JEST_WORKER_ID;
  return new Promise((resolve) => {
    // One worker: these runs must not slow the suite they run inside.
    const child = spawn('npx', ['jest', '--maxWorkers=1', '--runTestsByPath', ...FILES], {
      env: { ...base, ...env, CHROMIUM_PATH: MISSING },
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, 280_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, killed, output });
    });
  });
}

jest.setTimeout(30_000);

describe('browser tests without Chromium', () => {
  // Both runs at once (each is a whole jest): locally, and as CI runs it.
  let local: Run;
  let ci: Run;
  beforeAll(async () => {
    [local, ci] = await Promise.all([runJest({}), runJest({ CI: 'true' })]);
  }, 300_000);

  test('the message names Chromium and how to install it', () => {
    expect(chromiumMissing(MISSING)).toBe(
      `Chromium not found at ${MISSING}: the browser tests need it. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
    expect(chromiumMissing(process.execPath)).toBeNull(); // any file that exists
  });

  test('CI is read as CI services set it', () => {
    expect(isCI({ CI: 'true' })).toBe(true);
    expect(isCI({ CI: '1' })).toBe(true);
    expect(isCI({ CI: 'false' })).toBe(false);
    expect(isCI({ CI: '0' })).toBe(false);
    expect(isCI({ CI: '' })).toBe(false);
    expect(isCI({})).toBe(false);
  });

  test('locally: skipped, jest exits 0 and says why', () => {
    const run = local;
    expect(run.killed).toBe(false); // it did not hang
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/0 passed, 0 failed, \d+ skipped/);
    expect(run.output).toContain(`Chromium not found at ${MISSING}`);
    expect(run.output).toContain('apt-get install chromium');
  });

  test('under CI=true: fails at once with the message, and jest exits', () => {
    const run = ci;
    expect(run.killed).toBe(false);
    expect(run.status).toBe(1);
    // One failure per describe block that needs Chromium, and nothing else ran.
    expect(run.output).toMatch(/\n0 passed, [1-9]\d* failed\n/);
    expect(run.output).toContain(`Chromium not found at ${MISSING}`);
    expect(run.output).toContain('apt-get install chromium');
  });
});
