// Builds the sidebar into ONE self-contained file, dist/Sidebar.html: sidebar/main.ts (and what
// it imports) bundled and minified by esbuild, sidebar/styles.css bundled the same way, both
// inlined into sidebar/index.html. No CDN: the sidebar works offline and in tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const SIDEBAR_DIR = 'sidebar';
/** Apps Script serves it with HtmlService.createHtmlOutputFromFile('Sidebar'). */
export const SIDEBAR_FILE = 'Sidebar.html';

async function bundle(entry, loader) {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    format: loader === 'css' ? undefined : 'iife',
    target: loader === 'css' ? ['chrome100', 'firefox100', 'safari15'] : 'es2019',
    platform: 'browser',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** Text safe inside an inline <script> / <style> element. */
function inline(code, tag) {
  return code.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

export async function buildSidebar(distDir) {
  const [js, css] = await Promise.all([
    bundle(`${SIDEBAR_DIR}/main.ts`, 'ts'),
    bundle(`${SIDEBAR_DIR}/styles.css`, 'css'),
  ]);
  const template = readFileSync(`${SIDEBAR_DIR}/index.html`, 'utf8');
  for (const marker of ['<!-- sidebar:styles -->', '<!-- sidebar:script -->']) {
    if (!template.includes(marker)) throw new Error(`sidebar/index.html has no ${marker} marker`);
  }
  const html = template
    .replace('<!-- sidebar:styles -->', () => `<style>${inline(css.trim(), 'style')}</style>`)
    .replace('<!-- sidebar:script -->', () => `<script>${inline(js.trim(), 'script')}</script>`);
  if (/<(script|link)[^>]+(src|href)=["']?https?:/i.test(html)) {
    throw new Error('dist/Sidebar.html must not load anything from the network');
  }
  writeFileSync(`${distDir}/${SIDEBAR_FILE}`, html);
  return html.length;
}
