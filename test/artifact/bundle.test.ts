/**
 * The built dist/Code.js as Apps Script sees it: plain top-level functions with the JSDoc that
 * Sheets' autocomplete reads, nothing V8-in-Apps-Script cannot load, and every custom function
 * answering in a bare V8 context.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MENU, menuHandlers } from '../../src/entry/menuItems';
import { FUNCTIONS } from '../../src/functions/catalog';
import { builtCode, call, DIST, loadBare, thrown } from '../support/code';
import { SAMPLE_DEALS, SAMPLE_HISTORY } from '../support/sample';

const code = builtCode();

/** The JSDoc block right before `function NAME(`, or null. */
function jsdocOf(name: string): string | null {
  const match = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*\\nfunction ${name}\\(([^)]*)\\)`).exec(
    code,
  );
  return match ? `${match[1]}\u0000${match[2]}` : null;
}

describe('dist/Code.js', () => {
  test('has no import, export, require, static class field or Node global', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/(^|[^.\w$])require\s*\(\s*['"`]/);
    expect(code).not.toMatch(/^\s*static\s+[\w$]+\s*[=;]/m);
    expect(code).not.toMatch(/\bprocess\.(env|argv)\b|\b__dirname\b/);
  });

  test.each(FUNCTIONS.map((f) => [f.name, f] as const))(
    '%s is a top-level function with its JSDoc',
    (name, spec) => {
      const doc = jsdocOf(name);
      expect(doc).not.toBeNull();
      const [comment = '', params = ''] = (doc as string).split('\u0000');
      expect(comment).toContain('@customfunction');
      expect(comment).toContain(spec.description);
      expect(comment).toMatch(/@return \{[^}]+\} \S/);
      const documented = [...comment.matchAll(/@param \{[^}]+\} (\w+) \S/g)].map((m) => m[1]);
      const expected = [...spec.tables, ...spec.params.map((p) => p.name)];
      expect(documented).toEqual(expected);
      expect(params.split(',').map((p) => p.trim())).toEqual(expected);
    },
  );

  test('only entry points are global: the bundle lives in one private namespace', () => {
    const globals = Object.keys(loadBare());
    const custom = new Set(FUNCTIONS.map((f) => f.name));
    const others = globals.filter((g) => !custom.has(g as string));
    expect(others).toContain('SheetsPipeline_');
    // Internal helpers such as parseDeals must not be callable from google.script.run.
    expect(globals).not.toContain('parseDeals');
    expect(globals).not.toContain('pipelineRun_');
  });

  test('loads in a bare V8 context, where every custom function answers with the ranges given', () => {
    const ctx = loadBare();
    for (const spec of FUNCTIONS) {
      const tables = spec.tables.map((t) => (t === 'deals' ? SAMPLE_DEALS : SAMPLE_HISTORY));
      const args = spec.params.map((p) =>
        p.name === 'from' ? 'Lead' : p.name === 'to' || p.name === 'stage' ? 'Proposal' : '',
      );
      let result: unknown;
      const error = thrown(() => {
        result = call(ctx, spec.name, ...tables, ...args);
      });
      if (error) {
        // Only the documented "nothing to measure" answers; never a crash.
        expect(error.name).toBe('PipelineError');
        expect(error.message.length).toBeGreaterThan(10);
      } else {
        expect(typeof result === 'number' || Array.isArray(result)).toBe(true);
      }
    }
    // With no spreadsheet there is nothing to read: a clear error, not a ReferenceError.
    expect(thrown(() => call(ctx, 'PIPELINE_COUNT'))).toEqual({
      name: 'PipelineError',
      message: 'No Deals sheet: run Pipeline › Set up, or pass the deals range (e.g. Deals!A:Q).',
    });
  });

  test('every menu handler and trigger is a top-level function of Code.js', () => {
    const globals = loadBare();
    const needed = [...menuHandlers(MENU), 'onOpen', 'onInstall', 'onEdit', 'dailyStalledCheck'];
    const missing = needed.filter((name) => typeof globals[name] !== 'function');
    expect(missing).toEqual([]);
  });

  test('appsscript.json: V8, a time zone, exactly the OAuth scopes of SPEC §6', () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST, 'appsscript.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.runtimeVersion).toBe('V8');
    expect(typeof manifest.timeZone).toBe('string');
    const base = 'https://www.googleapis.com/auth/';
    expect([...(manifest.oauthScopes as string[])].sort()).toEqual(
      [
        'spreadsheets.currentonly',
        'script.container.ui',
        'script.scriptapp',
        'script.send_mail',
        'userinfo.email',
      ]
        .map((s) => base + s)
        .sort(),
    );
  });

  test('the README function reference is generated from the catalog and up to date', () => {
    const out = execFileSync('node', ['scripts/docs.mjs', '--check'], {
      cwd: path.resolve(__dirname, '../..'),
    });
    expect(out.toString()).toContain('up to date');
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    for (const spec of FUNCTIONS) expect(readme).toContain(`### \`${spec.name}(`);
  });
});
