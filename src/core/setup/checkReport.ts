/**
 * Pipeline › Check data: the rows PIPELINE_CHECK lists, as an HTML dialog with a link to each
 * row. Pure: the adapter passes the check table, the spreadsheet URL and the deals sheet's id.
 */

import { cellText } from '../model/text';
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
