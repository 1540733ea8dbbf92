/** The Help / About dialog's HTML: version, what the add-on does, its functions, the docs link. */
import { escapeHtml } from '../core/model/text';

export interface AboutFunction {
  readonly name: string;
  readonly description: string;
}

export function aboutHtml(version: string, functions: readonly AboutFunction[], docsUrl: string): string {
  const list = functions
    .map((f) => `<li><code>${escapeHtml(f.name)}</code> — ${escapeHtml(f.description)}</li>`)
    .join('\n');
  const docs =
    docsUrl === ''
      ? '<p>Type <code>=PIPELINE_</code> in any cell: Sheets lists each function with its arguments.</p>'
      : `<p>Full reference: <a href="${escapeHtml(docsUrl)}" target="_blank" rel="noopener">${escapeHtml(docsUrl)}</a></p>`;
  return [
    // lang, title, one main landmark and an h1 (the dialog's own title bar shows the name).
    '<!DOCTYPE html><html lang="en"><head><title>About Sheets Pipeline</title><style>',
    'body{font-family:Arial,sans-serif;font-size:13px}li{margin-bottom:4px}code{font-size:12px}',
    '.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    '</style></head><body><main>',
    '<h1 class="visually-hidden">About Sheets Pipeline</h1>',
    `<p><b>Sheets Pipeline</b> ${escapeHtml(version)}</p>`,
    '<p>Turns your deals sheet into a managed sales pipeline: <b>Set up</b> adopts the sheet and adds the ',
    'columns, Stages, History and Team; the <b>sidebar</b> moves deals between stages and records each move; ',
    '<b>Dashboard</b> builds live metrics and charts; <b>Alerts</b> emails owners about stalled deals; ',
    '<b>Check data</b> lists rows the metrics cannot read.</p>',
    '<p>Functions (use them on the named ranges <code>DEALS</code> and <code>HISTORY</code>):</p>',
    `<ul>\n${list}\n</ul>`,
    docs,
    '</main></body></html>',
  ].join('\n');
}
