// The ES2019 gate of the build. Google documents no ECMAScript version for Apps Script V8 and its
// TypeScript guide for clasp targets ES2019, so dist/Code.js must be ES2019 syntax and must not use
// a built-in that arrived later. The code is parsed by a real parser (acorn) at ecmaVersion 2019,
// so `?.`, `??`, class fields, `??=`, numeric separators, regex flag `d`… are parse errors, and
// the syntax tree is walked for the later built-ins: a name used as a variable (`globalThis`), a
// static member (`Object.hasOwn`) or a method called on anything (`x.at(-1)`).
import { readFileSync } from 'node:fs';
import { parse } from 'acorn';
import { simple } from 'acorn-walk';

/** Globals that do not exist in ES2019, with the edition that added them. */
const NEWER_GLOBALS = {
  globalThis: 'ES2020',
  BigInt: 'ES2020',
  BigInt64Array: 'ES2020',
  BigUint64Array: 'ES2020',
  WeakRef: 'ES2021',
  FinalizationRegistry: 'ES2021',
  AggregateError: 'ES2021',
  structuredClone: 'HTML, not ECMAScript',
};

/** Static members added after ES2019: `Object.hasOwn`… */
const NEWER_STATICS = {
  Object: { hasOwn: 'ES2022', groupBy: 'ES2024' },
  Promise: { allSettled: 'ES2020', any: 'ES2021', withResolvers: 'ES2024', try: 'ES2025' },
  Map: { groupBy: 'ES2024' },
  Array: { fromAsync: 'ES2024' },
  Atomics: { waitAsync: 'ES2024' },
  Symbol: { matchAll: 'ES2020' },
};

/**
 * Prototype methods added after ES2019. A call of a member of that name on anything counts
 * (the bundle is untyped, so `x.at(-1)` is flagged whether x is an array or a string); our own
 * objects simply do not use these names for their methods.
 */
const NEWER_METHODS = {
  at: 'ES2022 (Array/String.prototype.at)',
  replaceAll: 'ES2021 (String.prototype.replaceAll)',
  matchAll: 'ES2020 (String.prototype.matchAll)',
  findLast: 'ES2023 (Array.prototype.findLast)',
  findLastIndex: 'ES2023 (Array.prototype.findLastIndex)',
  toSorted: 'ES2023 (Array.prototype.toSorted)',
  toReversed: 'ES2023 (Array.prototype.toReversed)',
  toSpliced: 'ES2023 (Array.prototype.toSpliced)',
  isWellFormed: 'ES2024 (String.prototype.isWellFormed)',
  toWellFormed: 'ES2024 (String.prototype.toWellFormed)',
  transferToFixedLength: 'ES2024 (ArrayBuffer.prototype)',
};

/** The name of a member expression's property (`a.b` and `a['b']`), or null. */
function memberName(node) {
  if (node.type !== 'MemberExpression') return null;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string')
    return node.property.value;
  return null;
}

/**
 * Every reason `code` is not ES2019, as messages with a line number; [] when it is. A script
 * (not a module): Apps Script loads files as classic scripts.
 */
export function es2019Problems(code) {
  let ast;
  try {
    ast = parse(code, { ecmaVersion: 2019, sourceType: 'script', locations: true });
  } catch (error) {
    return [`not ES2019 syntax: ${error.message}`];
  }
  const problems = [];
  const at = (node) =>
    `line ${node.loc.start.line} \`${code.slice(node.start, Math.min(node.end, node.start + 60))}\``;
  simple(ast, {
    // Identifiers reached here are references: acorn-walk skips declarations, non-computed
    // member names and object keys.
    Identifier(node) {
      const edition = NEWER_GLOBALS[node.name];
      if (edition) problems.push(`${at(node)}: ${node.name} (${edition})`);
    },
    MemberExpression(node) {
      const name = memberName(node);
      if (name === null || node.object.type !== 'Identifier') return;
      const statics = NEWER_STATICS[node.object.name];
      if (statics && Object.hasOwn(statics, name))
        problems.push(`${at(node)}: ${node.object.name}.${name} (${statics[name]})`);
    },
    CallExpression(node) {
      const name = memberName(node.callee);
      if (name !== null && Object.hasOwn(NEWER_METHODS, name))
        problems.push(`${at(node)}: .${name}() (${NEWER_METHODS[name]})`);
    },
  });
  return problems;
}

/** Throws, naming every problem, when `code` is not ES2019. */
export function assertEs2019(code, file = 'dist/Code.js') {
  const problems = es2019Problems(code);
  if (problems.length > 0)
    throw new Error(
      `${file} is not ES2019, which Apps Script V8 is promised to run:\n  ${problems.join('\n  ')}`,
    );
}

// `node scripts/es2019.mjs [--json] [file…]` checks files (default dist/Code.js): exit code 1 and
// the problems when one is not ES2019; with --json, prints { file: problems } for every file.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const json = args[0] === '--json';
  const files = json ? args.slice(1) : args;
  if (files.length === 0) files.push('dist/Code.js');
  const report = {};
  for (const file of files) report[file] = es2019Problems(readFileSync(file, 'utf8'));
  const failed = Object.values(report).some((p) => p.length > 0);
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else
    for (const [file, problems] of Object.entries(report))
      console.log(problems.length === 0 ? `${file}: ES2019` : `${file}:\n  ${problems.join('\n  ')}`);
  process.exitCode = failed ? 1 : 0;
}
