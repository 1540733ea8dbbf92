/**
 * The build's ES2019 gate (scripts/es2019.mjs): a real parser at ecmaVersion 2019 and a walk of
 * the syntax tree for the built-ins newer than ES2019. Each planted snippet must be caught, with
 * the reason named; look-alikes that are ES2019 must pass; and the real dist/Code.js passes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODE_PATH } from '../support/code';

const dir = mkdtempSync(path.join(os.tmpdir(), 'es2019-'));

/** The checker's problems for each snippet, from one run of the CLI. */
function check(snippets: Record<string, string>): Record<string, string[]> {
  const files = Object.entries(snippets).map(([name, code]) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '_')}.js`);
    writeFileSync(file, code);
    return [name, file] as const;
  });
  const run = spawnSync('node', ['scripts/es2019.mjs', '--json', ...files.map(([, f]) => f)], {
    encoding: 'utf8',
  });
  const report = JSON.parse(run.stdout) as Record<string, string[]>;
  return Object.fromEntries(files.map(([name, file]) => [name, report[file] ?? ['missing']]));
}

describe('the ES2019 check', () => {
  const planted: Record<string, [string, RegExp]> = {
    'optional chaining': ['var a = {}; var x = a?.b;', /not ES2019 syntax/],
    'nullish coalescing': ['var a = null, b = 1; var x = a ?? b;', /not ES2019 syntax/],
    'class field': ['class C { x = 1; }', /not ES2019 syntax/],
    'static class field': ['class C { static y = 2; }', /not ES2019 syntax/],
    'logical assignment': ['var a; a ??= 1;', /not ES2019 syntax/],
    globalThis: ['var G = globalThis.Math;', /globalThis \(ES2020\)/],
    'Array.prototype.at': ['var x = [1, 2]; var y = x.at(-1);', /\.at\(\) \(ES2022/],
    'String.prototype.replaceAll': ['var s = "a-b"; s.replaceAll("-", "+");', /\.replaceAll\(\) \(ES2021/],
    'computed member': ['var x = [1]; x["at"](0);', /\.at\(\)/],
    'Object.hasOwn': ['Object.hasOwn({}, "a");', /Object\.hasOwn \(ES2022\)/],
    findLast: ['[1].findLast(function (v) { return v; });', /\.findLast\(\) \(ES2023/],
    findLastIndex: ['[1].findLastIndex(function (v) { return v; });', /\.findLastIndex\(\)/],
    structuredClone: ['var c = structuredClone({});', /structuredClone/],
    matchAll: ['"ab".matchAll(/a/g);', /\.matchAll\(\) \(ES2020/],
    'Promise.allSettled': ['Promise.allSettled([]);', /Promise\.allSettled \(ES2020\)/],
    BigInt: ['var n = BigInt(1);', /BigInt \(ES2020\)/],
    'BigInt literal': ['var n = 1n;', /not ES2019 syntax/],
    WeakRef: ['var r = new WeakRef({});', /WeakRef \(ES2021\)/],
    toSorted: ['[2, 1].toSorted();', /\.toSorted\(\) \(ES2023/],
    'import statement': ['import x from "y";', /not ES2019 syntax/],
  };

  test('catches each planted construct, naming it', () => {
    const report = check(Object.fromEntries(Object.entries(planted).map(([k, [code]]) => [k, code])));
    for (const [name, [, reason]] of Object.entries(planted)) {
      const problems = report[name] ?? [];
      expect({ name, problems }).toEqual({ name, problems: [expect.stringMatching(reason)] });
    }
  });

  test('lets through ES2019 that only looks like the newer forms', () => {
    const fine: Record<string, string> = {
      'property named at': 'var o = { at: 1, replaceAll: 2 }; var v = o.at + o.replaceAll;',
      'local variable named globalThis-like': 'function f(globalThisish) { return globalThisish; }',
      'flat, flatMap, fromEntries, trimStart (ES2019)':
        'var a = [[1]].flat(); [1].flatMap(function (x) { return [x]; }); Object.fromEntries([]); " a".trimStart();',
      'optional catch binding (ES2019)': 'try { f(); } catch { }',
      'object spread (ES2018)': 'var a = {}; var b = { ...a };',
      'ternary with a dot number': 'var a = true ? .5 : 1;',
    };
    const report = check(fine);
    for (const name of Object.keys(fine))
      expect({ name, problems: report[name] }).toEqual({ name, problems: [] });
  });

  test('passes the real dist/Code.js', () => {
    expect(check({ real: '' }).real).toEqual([]); // an empty script is ES2019 too
    const out = execFileSync('node', ['scripts/es2019.mjs', CODE_PATH], { encoding: 'utf8' });
    expect(out.trim()).toBe(`${CODE_PATH}: ES2019`);
  });

  test('the build refuses a bundle that is not ES2019', () => {
    // The build calls the same check on every Code.js it writes.
    const run = spawnSync(
      'node',
      [
        '--input-type=module',
        '-e',
        `import { assertEs2019 } from '${path.resolve('scripts/es2019.mjs')}';
         try { assertEs2019('var x = [1].at(-1); var g = globalThis;'); console.log('passed'); }
         catch (e) { console.log(e.message); }`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.stdout).toMatch(/dist\/Code\.js is not ES2019/);
    expect(run.stdout).toMatch(/line 1 `\[1\]\.at\(-1\)`: \.at\(\)/);
    expect(run.stdout).toMatch(/globalThis \(ES2020\)/);
  });
});
