import { HISTORY_HEADERS, type HistoryRecord } from '../core/model/history';

export type { HistoryRecord };

import { writeCells } from './cellWrite';
import { SHEET_NAMES } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The History sheet, created with its header row when missing. */
export function historySheet(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const existing = ss.getSheetByName(SHEET_NAMES.history);
  if (existing) return existing;
  const sheet = ss.insertSheet(SHEET_NAMES.history);
  writeCells(sheet.getRange(1, 1, 1, HISTORY_HEADERS.length), [HISTORY_HEADERS]);
  sheet.setFrozenRows(1);
  return sheet;
}

/** Appends History rows in one write; deal text (IDs, names, stages) is stored exactly as text. */
export function appendHistory(ss: Spreadsheet, records: readonly HistoryRecord[]): void {
  if (records.length === 0) return;
  const sheet = historySheet(ss);
  const rows = records.map((r) => [
    r.when,
    r.dealId,
    r.deal,
    r.from,
    r.to,
    r.daysInStage ?? '',
    r.changedBy,
    r.via,
  ]);
  const first = sheet.getLastRow() + 1;
  // A sheet has a fixed number of rows: writing below the last one throws, so grow it first.
  const maxRows = sheet.getMaxRows();
  const missing = first + rows.length - 1 - maxRows;
  if (missing > 0) sheet.insertRowsAfter(maxRows, Math.max(missing, 100));
  writeCells(sheet.getRange(first, 1, rows.length, HISTORY_HEADERS.length), rows);
}
