/**
 * Reconciling Stage with History (SPEC §3) for the daily check, the board and the sidebar: the
 * moves the edit trigger missed (a dropped event, a busy lock, a timeout) get their History row,
 * Via = `sync`. Decisions are in src/core/moves/reconcile.ts; this file reads and appends under
 * the document lock, and flushes before releasing it (Google's Lock reference).
 */
import type { Calendar } from '../core/model/dates';
import { type Deal, parseDeals } from '../core/model/deals';
import {
  HISTORY_HEADERS,
  type HistoryEntry,
  type HistoryRecord,
  historyColumns,
} from '../core/model/history';
import type { StageSet } from '../core/model/stages';
import { cellText } from '../core/model/text';
import { missingMoves } from '../core/moves/reconcile';
import { spreadsheetCalendar } from './calendar';
import { withDocumentLock } from './context';
import { DealsSheet } from './dealsSheet';
import { appendHistory } from './historySheet';
import { LOCK_WAIT_MS } from './messages';
import { PipelineCache } from './pipelineCache';
import { loadStages, readDealHistory } from './pipelineReads';
import { activeUserEmail } from './session';
import { findDealsSheet, readSheet, SHEET_NAMES } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ReconcileResult {
  /** Deals compared. */
  readonly checked: number;
  /** History rows added (Via = sync). */
  readonly added: number;
  /** The lock was busy: nothing was compared (the next reconcile will). */
  readonly busy: boolean;
}

/**
 * Each deal ID's last `To` in History: one read of History's header, then one of its Deal ID
 * column and one of its To column (not the whole sheet).
 */
export function lastStagesInHistory(ss: Spreadsheet): Map<string, string> {
  const last = new Map<string, string>();
  const sheet = ss.getSheetByName(SHEET_NAMES.history);
  if (!sheet) return last;
  const rows = sheet.getLastRow() - 1;
  if (rows < 1) return last;
  const width = Math.max(sheet.getLastColumn(), HISTORY_HEADERS.length);
  const col = historyColumns(sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  if (col.dealId === undefined || col.to === undefined) return last;
  const ids = sheet.getRange(2, col.dealId + 1, rows, 1).getValues();
  const tos = sheet.getRange(2, col.to + 1, rows, 1).getValues();
  for (let i = 0; i < rows; i++) {
    const id = cellText(ids[i]?.[0]);
    const to = cellText(tos[i]?.[0]);
    if (id !== '' && to !== '') last.set(id, to);
  }
  return last;
}

/** Every deal: under the lock, one read of the deals sheet and History's ID and To columns. */
export function reconcileAll(ss: Spreadsheet): ReconcileResult {
  return withDocumentLock<ReconcileResult>(
    LOCK_WAIT_MS,
    () => {
      const sheet = findDealsSheet(ss);
      const rows = readSheet(sheet);
      if (!sheet || !rows) return { checked: 0, added: 0, busy: false };
      const stages = loadStages(ss, PipelineCache.document());
      return { ...reconcileRows(ss, rows, sheet.getName(), stages), busy: false };
    },
    () => ({ checked: 0, added: 0, busy: true }),
  );
}

/**
 * The same from the deals as already read (the daily check's rows), by a caller holding the
 * document lock: reads History's ID and To columns, appends the missing rows.
 */
export function reconcileRows(
  ss: Spreadsheet,
  rows: readonly (readonly unknown[])[],
  sheetName: string,
  stages: StageSet,
): { checked: number; added: number } {
  const calendar = spreadsheetCalendar(ss.getSpreadsheetTimeZone());
  return reconcileDeals(ss, parseDeals(rows, stages, calendar, { sheet: sheetName }).deals, stages);
}

/** The same for deals already parsed (the daily check's, so the sheet is not parsed twice). */
export function reconcileDeals(
  ss: Spreadsheet,
  deals: readonly Deal[],
  stages: StageSet,
): { checked: number; added: number } {
  const records = missingMoves(deals, lastStagesInHistory(ss), {
    stages,
    now: new Date(),
    user: activeUserEmail(),
  });
  appendHistory(ss, records);
  return { checked: deals.length, added: records.length };
}

/**
 * One deal (the sidebar, when it shows a deal's history): `entries` is its History as just read.
 * When its Stage differs from the last `To` there, the difference is checked again under the
 * lock (History re-read) and the sync row appended. Returns the row added, or null.
 */
export function reconcileDeal(
  ss: Spreadsheet,
  id: string,
  entries: readonly HistoryEntry[],
  stages: StageSet,
  calendar: Calendar,
): HistoryRecord | null {
  if (id === '' || entries.length === 0) return null;
  const sheet = findDealsSheet(ss);
  if (!sheet) return null;
  const ds = DealsSheet.of(sheet);
  if (!ds.has('id') || !ds.has('stage')) return null;
  const find = (): { deal: ReturnType<typeof parseDeals>['deals'][number] } | null => {
    const row = ds.findRowById(id);
    if (row === null) return null;
    const deal = parseDeals([ds.headers, ds.readRow(row)], stages, calendar, {
      sheet: ds.name,
      headerRow: row - 1,
    }).deals[0];
    return deal ? { deal } : null;
  };
  const ctx = { stages, now: new Date(), user: activeUserEmail() };
  const lastOf = (list: readonly HistoryEntry[]) => {
    const e = list[list.length - 1];
    return new Map(e ? [[id, e.to?.name ?? e.toText]] : []);
  };
  const found = find();
  if (!found || missingMoves([found.deal], lastOf(entries), ctx).length === 0) return null;
  return withDocumentLock(
    LOCK_WAIT_MS,
    () => {
      const again = find();
      const fresh = readDealHistory(ss, id, '', stages, calendar, 1);
      const record = again ? missingMoves([again.deal], lastOf(fresh), ctx)[0] : undefined;
      if (!record) return null;
      appendHistory(ss, [record]);
      return record;
    },
    () => null,
  );
}
