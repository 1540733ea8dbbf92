/**
 * The browser tests without Chromium (issue 10 §8): `npm test` must end, with a message naming
 * Chromium and how to get it — skipped locally, failing at once under CI=true — and never hang
 * on handles. Runs jest itself on the two browser test files with CHROMIUM_PATH pointing to a
 * file that does not exist, with CI=true and with CI unset.
 */
import { spawnSync } from 'node:child_process';
import { chromiumMissing, isCI } from './harness';

const FILES = ['test/browser/sidebar.test.ts', 'test/playground/playground.browser.test.ts'];
const MISSING = '/nonexistent/chromium-for-this-test';

function runJest(env: Record<string, string | undefined>) {
  const base = { ...process.env };
  delete base.CI;
  delete base.JEST_WORKER_ID;
  const started = Date.now();
  const run = spawnSync('npx', ['jest', '--runTestsByPath', ...FILES], {
    env: { ...base, ...env, CHROMIUM_PATH: MISSING } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { ...run, output: `${run.stdout}\n${run.stderr}`, seconds: (Date.now() - started) / 1000 };
}

jest.setTimeout(320_000);

describe('browser tests without Chromium', () => {
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
    const run = runJest({});
    expect(run.error).toBeUndefined(); // not killed by the timeout: it did not hang
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/0 passed, 0 failed, \d+ skipped/);
    expect(run.output).toContain(`Chromium not found at ${MISSING}`);
    expect(run.output).toContain('apt-get install chromium');
  });

  test('under CI=true: fails at once with the message, and jest exits', () => {
    const run = runJest({ CI: 'true' });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/0 passed, 3 failed/); // one per describe block that needs Chromium
    expect(run.output).toContain(`Chromium not found at ${MISSING}`);
    expect(run.output).toContain('apt-get install chromium');
  });
});
