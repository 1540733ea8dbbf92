/** Pipeline › Check data's dialog: each problem of the deals sheet with a link to its row. */
import { escapeHtml } from '../core/model/text';
import type { CheckItem } from '../core/setup/checkReport';

/** The dialog's HTML; every user value is escaped. */
export function checkReportHtml(items: readonly CheckItem[], sheetName: string): string {
  const intro =
    items.length === 1
      ? `1 row of ${escapeHtml(sheetName)} needs a look.`
      : `${items.length} rows of ${escapeHtml(sheetName)} need a look.`;
  const rows = items
    .map(
      (i) =>
        `<tr><td><a href="${escapeHtml(i.link)}" target="_top">Row ${i.row}</a></td>` +
        `<td>${escapeHtml(i.deal)}</td><td>${escapeHtml(i.problem)}</td></tr>`,
    )
    .join('\n');
  return [
    '<!DOCTYPE html><html lang="en"><head><base target="_top"><title>Check data</title><style>',
    'body{font-family:Arial,sans-serif;font-size:13px}table{border-collapse:collapse;width:100%}',
    '.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    'td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left;vertical-align:top}',
    '</style></head><body><main>',
    '<h1 class="visually-hidden">Check data</h1>',
    `<p>${intro} The metrics skip or doubt these rows; fix them in the sheet.</p>`,
    '<table><thead><tr><th>Row</th><th>Deal</th><th>Problem</th></tr></thead><tbody>',
    rows,
    '</tbody></table></main></body></html>',
  ].join('\n');
}
