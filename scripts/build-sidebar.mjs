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
  return buildClient(distDir, SIDEBAR_DIR, SIDEBAR_FILE);
}

/** The board (board/), built the same way into dist/Board.html. */
export const BOARD_FILE = 'Board.html';
export async function buildBoard(distDir) {
  return buildClient(distDir, 'board', BOARD_FILE);
}

/** The Alert settings dialog (alerts/), built the same way into dist/AlertSettings.html. */
export const ALERT_SETTINGS_FILE = 'AlertSettings.html';
export async function buildAlertSettings(distDir) {
  return buildClient(distDir, 'alerts', ALERT_SETTINGS_FILE);
}

/** A client folder (index.html with `<!-- dir:styles -->` / `<!-- dir:script -->`, main.ts, styles.css) into one file. */
async function buildClient(distDir, dir, file) {
  const [js, css] = await Promise.all([bundle(`${dir}/main.ts`, 'ts'), bundle(`${dir}/styles.css`, 'css')]);
  const template = readFileSync(`${dir}/index.html`, 'utf8');
  const styles = `<!-- ${dir}:styles -->`;
  const script = `<!-- ${dir}:script -->`;
  for (const marker of [styles, script]) {
    if (!template.includes(marker)) throw new Error(`${dir}/index.html has no ${marker} marker`);
  }
  const html = template
    .replace(styles, () => `<style>${inline(css.trim(), 'style')}</style>`)
    .replace(script, () => `<script>${inline(js.trim(), 'script')}</script>`);
  if (/<(script|link)[^>]+(src|href)=["']?https?:/i.test(html)) {
    throw new Error(`dist/${file} must not load anything from the network`);
  }
  writeFileSync(`${distDir}/${file}`, html);
  return html.length;
}
