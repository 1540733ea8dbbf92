/**
 * Pipeline › Check data: the rows PIPELINE_CHECK lists, as an HTML dialog with a link to each
 * row. Pure: the adapter passes the check table, the spreadsheet URL and the deals sheet's id.
 */

import { cellText, escapeHtml } from '../model/text';
import type { Table } from '../pipeline';

export interface CheckItem {
  readonly row: number;
  readonly deal: string;
  readonly problem: string;
  /** `<url>#gid=<sheetId>&range=A<row>` */
  readonly link: string;
}

/** The items of a PIPELINE_CHECK table (header row first). */
export function checkItems(table: Table, url: string, sheetId: number): CheckItem[] {
  return table.slice(1).map((r) => {
    const row = Number(r[0]);
    return { row, deal: cellText(r[1]), problem: cellText(r[2]), link: rowLink(url, sheetId, row) };
  });
}

/** A link that opens the spreadsheet on a row of a sheet. */
export function rowLink(url: string, sheetId: number, row: number): string {
  return `${url}#gid=${sheetId}&range=A${row}`;
}

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
