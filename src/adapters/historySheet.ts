import { HISTORY_HEADERS, type HistoryRecord, historyColumns } from '../core/model/history';

export type { HistoryRecord };

import { fitsOwnSheet, ownSheetNames } from '../core/setup/ownSheets';
import { writeCells } from './cellWrite';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The add-on's History and its header row: `History` when it is one (its headers fit, or it is
 * empty: the header is written then), else `Pipeline History`…; created when missing. A team's
 * own `History` with other columns is never written.
 */
export function historyTarget(ss: Spreadsheet): { sheet: Sheet; header: unknown[] } {
  for (const name of ownSheetNames('history')) {
    const existing = ss.getSheetByName(name);
    if (!existing) return { sheet: createHistory(ss, name), header: HISTORY_HEADERS.slice() };
    const width = existing.getLastColumn();
    const header = width > 0 ? (existing.getRange(1, 1, 1, width).getValues()[0] ?? []) : [];
    if (!fitsOwnSheet('history', header)) continue;
    if (existing.getLastRow() === 0) {
      writeCells(existing.getRange(1, 1, 1, HISTORY_HEADERS.length), [HISTORY_HEADERS]);
      existing.setFrozenRows(1);
      return { sheet: existing, header: HISTORY_HEADERS.slice() };
    }
    return { sheet: existing, header };
  }
  throw new Error('No sheet name is free for the History.');
}

function createHistory(ss: Spreadsheet, name: string): Sheet {
  const sheet = ss.insertSheet(name);
  writeCells(sheet.getRange(1, 1, 1, HISTORY_HEADERS.length), [HISTORY_HEADERS]);
  sheet.setFrozenRows(1);
  return sheet;
}

/** The History sheet, created with its header row when missing. */
export function historySheet(ss: Spreadsheet): Sheet {
  return historyTarget(ss).sheet;
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
