/** Deploy (issue 10 §7): `clasp push` replaces the whole script project, and the user is told first. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

describe('npm run deploy', () => {
  test('prints the warning before clasp push runs', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    const steps = (pkg.scripts.deploy ?? '').split('&&').map((s) => s.trim());
    const notice = steps.indexOf('node scripts/deploy-notice.mjs');
    expect(notice).toBeGreaterThan(-1);
    expect(steps.indexOf('clasp push')).toBe(notice + 1);
    const out = execFileSync('node', ['scripts/deploy-notice.mjs'], { encoding: 'utf8' });
    expect(out).toMatch(/clasp push REPLACES THE WHOLE SCRIPT PROJECT/);
  });

  test('the README says so before "bind to an existing spreadsheet" is explained', () => {
    const readme = readFileSync('README.md', 'utf8');
    const warning = readme.indexOf('`clasp push` replaces the whole');
    const bind = readme.indexOf('To bind:');
    expect(warning).toBeGreaterThan(-1);
    expect(bind).toBeGreaterThan(warning);
    expect(readme.indexOf('bind to an existing spreadsheet')).toBeLessThan(bind);
  });
});
