/** The Help / About dialog's HTML: version, what the add-on does, its functions, the docs link. */
import { escapeHtml } from '../model/text';

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
    '<!DOCTYPE html><html><head><style>',
    'body{font-family:Arial,sans-serif;font-size:13px}li{margin-bottom:4px}code{font-size:12px}',
    '</style></head><body>',
    `<p><b>Sheets Pipeline</b> ${escapeHtml(version)}</p>`,
    '<p>Turns your deals sheet into a managed sales pipeline: <b>Set up</b> adopts the sheet and adds the ',
    'columns, Stages, History and Team; the <b>sidebar</b> moves deals between stages and records each move; ',
    '<b>Dashboard</b> builds live metrics and charts; <b>Alerts</b> emails owners about stalled deals; ',
    '<b>Check data</b> lists rows the metrics cannot read.</p>',
    '<p>Functions (use them on the named ranges <code>DEALS</code> and <code>HISTORY</code>):</p>',
    `<ul>\n${list}\n</ul>`,
    docs,
    '</body></html>',
  ].join('\n');
}
