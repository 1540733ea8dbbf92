// Builds the Apps Script project into dist/: Code.js (all server code, one file, top-level
// functions only), appsscript.json, and the client pages (Sidebar, Board, AlertSettings .html). Run: npm run build
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { customFunctionStub, loadCatalog } from './catalog.mjs';
import { assertEs2019 } from './es2019.mjs';

const DIST = 'dist';
/** The one global object holding the bundle; its trailing underscore keeps it private. */
export const NAMESPACE = 'SheetsPipeline_';

/**
 * The built-ins the hot paths use, as locals of the namespace. In Apps Script this changes
 * nothing; in a node `vm` context (tests, benchmark, playground) every global lookup goes through
 * an interceptor and costs several times the work of the loop around it. They are the namespace
 * function's parameters, given the globals of the same names by its caller: plain ES3, with no
 * reference to the global object (`globalThis` is ES2020, and `this` depends on how the file is
 * loaded).
 */
const LOCAL_GLOBALS = [
  'Math',
  'Number',
  'String',
  'Array',
  'Object',
  'Map',
  'Set',
  'Int32Array',
  'JSON',
  'Intl',
];

/**
 * The runtime needs only the catalog's names, argument lists and one-line descriptions (for
 * About); examples and argument help live in the generated JSDoc and README. This plugin gives
 * the bundle a slim copy generated from the same catalog.
 */
function slimCatalog(catalog) {
  const functions = catalog.FUNCTIONS.map((f) => ({
    name: f.name,
    description: f.description,
    tables: f.tables,
    params: f.params.map((p) => ({ name: p.name, type: p.type, optional: p.optional })),
  }));
  return {
    name: 'slim-catalog',
    setup(b) {
      b.onLoad({ filter: /src[\\/]functions[\\/]catalog\.ts$/ }, () => ({
        contents: `export const FUNCTIONS = ${JSON.stringify(functions)};\nexport function tableDescription() { return ''; }\n`,
        loader: 'js',
      }));
    },
  };
}

export async function buildCode() {
  const catalog = await loadCatalog();
  const out = await build({
    plugins: [slimCatalog(catalog)],
    entryPoints: ['src/entry/main.ts'],
    bundle: true,
    format: 'esm',
    // es2020 lowers class fields (Apps Script V8 rejects static ones) and ??= / ||=.
    target: 'es2019',
    platform: 'neutral',
    write: false,
    legalComments: 'none',
    // Minified to stay well under Apps Script's comfortable file size (the 100 KB);
    // errors users see carry our own messages, not stack traces.
    minify: !process.env.BUILD_DEBUG,
    charset: 'utf8',
  });
  const bundle = out.outputFiles[0].text;
  // esm output ends with `export { a, b as c };`. The bundle goes inside one namespace so its
  // internals are not global functions (google.script.run can call any global function); each
  // export then gets a plain top-level function declaration, which is what Apps Script sees.
  const match = /export\s*\{([^}]*)\};?\s*$/.exec(bundle);
  if (!match) throw new Error('src/entry/main.ts must export the entry points');
  const exported = match[1]
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [local, name = local] = part.split(/\s+as\s+/);
      return { local, name };
    });
  const body = bundle.slice(0, match.index);
  const locals = LOCAL_GLOBALS.join(', ');
  // `typeof` so that an engine lacking one (say, Intl) still loads the bundle.
  const given = LOCAL_GLOBALS.map((name) => `typeof ${name} === 'undefined' ? undefined : ${name}`).join(
    ', ',
  );
  const namespace = `var ${NAMESPACE} = (function (${locals}) {\n${body}\nreturn { ${exported
    .map(({ local, name }) => `${JSON.stringify(name)}: ${local}`)
    .join(', ')} };\n})(${given});\n`;
  const entries = exported
    .filter(({ name }) => !name.endsWith('_'))
    .map(({ name }) => `function ${name}() {\n  return ${NAMESPACE}.${name}.apply(this, arguments);\n}`);
  const stubs = catalog.FUNCTIONS.map((spec) =>
    customFunctionStub(spec, catalog.tableDescription, NAMESPACE),
  );
  const code = `${header()}\n${namespace}\n// ---- Entry points (menu, triggers, sidebar API) ----\n\n${entries.join('\n\n')}\n\n// ---- Custom functions (generated from src/functions/catalog.ts) ----\n\n${stubs.join('\n\n')}\n`;
  assertAppsScriptSafe(code);
  assertEs2019(code);
  return code;
}

function header() {
  return '// Sheets Pipeline — built file. Do not edit: the sources are in src/ (npm run build).\n';
}

/** Fails the build on what Apps Script V8 cannot load. */
function assertAppsScriptSafe(code) {
  const problems = [];
  if (/^\s*(import|export)\s/m.test(code)) problems.push('an import/export statement');
  if (/(^|[^.\w$])require\s*\(\s*['"`]/.test(code)) problems.push('require()');
  if (/^\s*static\s+[A-Za-z_$][\w$]*\s*(=|;)/m.test(code)) problems.push('a static class field');
  if (/\bprocess\.(env|argv)|\b__dirname\b|\bBuffer\.from\b/.test(code)) problems.push('a Node global');
  if (problems.length > 0)
    throw new Error(`dist/Code.js would not load in Apps Script: it contains ${problems.join(', ')}.`);
}

export async function buildAll() {
  mkdirSync(DIST, { recursive: true });
  writeFileSync(`${DIST}/Code.js`, await buildCode());
  writeFileSync(`${DIST}/appsscript.json`, readFileSync('appsscript.json'));
  if (existsSync('scripts/build-sidebar.mjs')) {
    const { buildSidebar, buildBoard, buildAlertSettings } = await import('./build-sidebar.mjs');
    await buildSidebar(DIST);
    await buildBoard(DIST);
    await buildAlertSettings(DIST);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll();
  const size = readFileSync(`${DIST}/Code.js`).length;
  console.log(`built ${DIST}/Code.js (${(size / 1024).toFixed(1)} KB) and ${DIST}/appsscript.json`);
}
