/**
 * The README and docs/ as a clone's reader gets them: every relative link points at a file in
 * the repository, and docs/SHEETS.md describes every sheet and every header the add-on reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEAL_COLUMNS } from '../../src/core/model/columns';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Markdown links `[text](target)` that are not web addresses or anchors. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^(https?:|mailto:|#)/.test(target));
}

describe('documentation links', () => {
  test.each(['README.md', 'docs/SHEETS.md'])('%s links only to files inside the repository', (file) => {
    for (const target of relativeLinks(read(file))) {
      const resolved = path.resolve(path.dirname(path.join(ROOT, file)), target.split('#')[0] ?? '');
      expect([target, resolved.startsWith(ROOT + path.sep) && existsSync(resolved)]).toEqual([target, true]);
    }
  });

  test('the README points at docs/SHEETS.md, not at a contract outside the repository', () => {
    const readme = read('README.md');
    expect(readme).toContain('(docs/SHEETS.md)');
    expect(readme).not.toMatch(/\]\(\.\.\//);
  });
});

describe('docs/SHEETS.md', () => {
  const doc = read('docs/SHEETS.md');

  test('has a section for every sheet a user sees', () => {
    for (const sheet of ['Deals', 'Stages', 'Team', 'History', 'Snapshots']) {
      expect(doc).toMatch(new RegExp(`^## ${sheet}\\b`, 'm'));
    }
  });

  test('names every header the add-on reads for a Deals column', () => {
    const table = doc.slice(doc.indexOf('## Deals'), doc.indexOf('## Stages'));
    for (const aliases of Object.values(DEAL_COLUMNS)) {
      for (const header of aliases) expect([header, table.includes(header)]).toEqual([header, true]);
    }
  });
});
