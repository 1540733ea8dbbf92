import { HISTORY_HEADERS, type HistoryRecord, historyColumns } from '../core/model/history';

export type { HistoryRecord };

import { writeCells } from './cellWrite';
import { ensureOwnSheet } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The add-on's History and its header row, found or made as every own table is
 * (`ensureOwnSheet`): `History` when it is one (its headers fit, or it is empty), else `Pipeline
 * History`…, the first that fits before any free name, so moves are never written to a new
 * `History` while the add-on's `Pipeline History` holds the rest. A team's own `History` with
 * other columns is never written.
 */
function historyTarget(ss: Spreadsheet): { sheet: Sheet; header: readonly unknown[] } {
  return ensureOwnSheet(ss, 'history', HISTORY_HEADERS);
}

/**
 * Appends History rows in one write, each value in the column its header names (a History with
 * its columns in another order stays right); deal text (IDs, names, stages) is stored exactly as text.
 */
export function appendHistory(ss: Spreadsheet, records: readonly HistoryRecord[]): void {
  if (records.length === 0) return;
  const { sheet, header } = historyTarget(ss);
  const col = historyColumns(header);
  const width = Math.max(header.length, 1);
  const rows = records.map((r) => {
    const row: (string | number | Date)[] = new Array(width).fill('');
    const put = (at: number | undefined, value: string | number | Date) => {
      if (at !== undefined) row[at] = value;
    };
    put(col.when, r.when);
    put(col.dealId, r.dealId);
    put(col.deal, r.deal);
    put(col.from, r.from);
    put(col.to, r.to);
    put(col.daysInStage, r.daysInStage ?? '');
    put(col.changedBy, r.changedBy);
    put(col.via, r.via);
    return row;
  });
  const first = sheet.getLastRow() + 1;
  // A sheet has a fixed number of rows: writing below the last one throws, so grow it first.
  const maxRows = sheet.getMaxRows();
  const missing = first + rows.length - 1 - maxRows;
  if (missing > 0) sheet.insertRowsAfter(maxRows, Math.max(missing, 100));
  writeCells(sheet.getRange(first, 1, rows.length, width), rows);
}
