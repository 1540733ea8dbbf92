/**
 * Reads for the sidebar and the edit trigger, each as few `getValues` as it can: the Stages
 * table and the deals header come from the cache when it is still valid; a deal's History is
 * found through History's ID column and read as one block.
 */
import type { Calendar } from '../core/model/dates';
import { HISTORY_HEADERS, type HistoryEntry, parseHistory } from '../core/model/history';
import { parseStages, type StageSet } from '../core/model/stages';
import { cellText, normalizeKey } from '../core/model/text';
import { rankReasons } from '../core/moves/reasons';
import { DealsSheet } from './dealsSheet';
import { CACHE_KEYS, type PipelineCache } from './pipelineCache';
import { ownSheet, stageRows } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const HEADER_TTL = 1800;
const LOST_TTL = 600;

/** The pipeline's stages: cached rows of the `Stages` sheet (defaults when it is absent). */
export function loadStages(ss: Spreadsheet, cache: PipelineCache): StageSet {
  return parseStages(stageRows(ss, cache));
}

interface CachedHeader {
  readonly width: number;
  readonly headers: string[];
}

/**
 * The deals sheet with its header from the cache, valid while the sheet's last column is the
 * same (inserting or deleting a column changes it; editing row 1 drops the entry in onEdit).
 * For display only: writes read the header afresh.
 */
export function cachedDealsSheet(sheet: Sheet, cache: PipelineCache): DealsSheet {
  const width = Math.max(sheet.getLastColumn(), 1);
  const key = CACHE_KEYS.header(sheet.getSheetId());
  const hit = cache.get<CachedHeader>(key);
  if (hit && hit.width === width) return DealsSheet.fromHeaderRow(sheet, hit.headers);
  const ds = DealsSheet.of(sheet);
  rememberHeader(ds, cache);
  return ds;
}

export function rememberHeader(ds: DealsSheet, cache: PipelineCache): void {
  const width = Math.max(ds.headers.length, 1);
  cache.put(CACHE_KEYS.header(ds.sheet.getSheetId()), { width, headers: ds.headers }, HEADER_TTL);
}

const HISTORY_SPAN_LIMIT = 2000;

/**
 * A deal's History entries in sheet order: one read of History's Deal ID (or Deal) column,
 * then one read of the block holding its last `limit` rows (row by row when they are spread
 * over more than 2,000 rows).
 */
export function readDealHistory(
  ss: Spreadsheet,
  id: string,
  name: string,
  stages: StageSet,
  calendar: Calendar,
  limit = 50,
): HistoryEntry[] {
  const sheet = ownSheet(ss, 'history');
  if (!sheet) return [];
  const last = sheet.getLastRow();
  if (last < 2) return [];
  const width = Math.max(sheet.getLastColumn(), HISTORY_HEADERS.length);
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const keys = header.map((h) => normalizeKey(h));
  const byId = id !== '';
  const column = byId
    ? keys.findIndex((k) => k === 'dealid' || k === 'id')
    : keys.findIndex((k) => k === 'deal' || k === 'dealname' || k === 'name');
  if (column < 0) return [];
  const wanted = byId ? id : name.toLowerCase();
  const cells = sheet.getRange(2, column + 1, last - 1, 1).getValues();
  const rows: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const text = cellText(cells[i]?.[0]);
    if ((byId ? text : text.toLowerCase()) === wanted) rows.push(i + 2);
  }
  const recent = rows.slice(-limit);
  if (recent.length === 0) return [];
  const first = recent[0]!;
  const lastRow = recent[recent.length - 1]!;
  let data: unknown[][];
  if (lastRow - first < HISTORY_SPAN_LIMIT) {
    const block = sheet.getRange(first, 1, lastRow - first + 1, width).getValues();
    data = recent.map((r) => block[r - first] ?? []);
  } else {
    data = recent.map((r) => sheet.getRange(r, 1, 1, width).getValues()[0] ?? []);
  }
  return parseHistory([header, ...data], stages, calendar);
}

/** History rows the edit trigger reads back at most, whatever History's length (30 s budget). */
export const HISTORY_TAIL_ROWS = 2000;

/**
 * The last `rows` History entries: the header and the tail, two reads of bounded size however
 * long History is. `complete` says the tail is the whole of History.
 */
export function readHistoryTail(
  ss: Spreadsheet,
  stages: StageSet,
  calendar: Calendar,
  rows = HISTORY_TAIL_ROWS,
): { entries: HistoryEntry[]; complete: boolean } {
  const sheet = ownSheet(ss, 'history');
  if (!sheet) return { entries: [], complete: true };
  const last = sheet.getLastRow();
  if (last < 2) return { entries: [], complete: true };
  const width = Math.max(sheet.getLastColumn(), HISTORY_HEADERS.length);
  const first = Math.max(2, last - rows + 1);
  if (first === 2) {
    const all = sheet.getRange(1, 1, last, width).getValues();
    return { entries: parseHistory(all, stages, calendar, { timing: false }), complete: true };
  }
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const tail = sheet.getRange(first, 1, last - first + 1, width).getValues();
  return { entries: parseHistory([header, ...tail], stages, calendar, { timing: false }), complete: false };
}

/** Lost reasons used before, most used first (one read of the Lost Reason column, cached). */
export function lostReasons(ds: DealsSheet, cache: PipelineCache, limit = 30): string[] {
  const hit = cache.get<string[]>(CACHE_KEYS.lostReasons);
  if (hit) return hit;
  if (!ds.has('lostReason')) return [];
  const list = rankReasons(ds.readColumn('lostReason'), limit);
  cache.put(CACHE_KEYS.lostReasons, list, LOST_TTL);
  return list;
}

/** After a deal is lost with `reason`: keep the cached list current without a re-read. */
export function noteLostReason(cache: PipelineCache, reason: string): void {
  const hit = cache.get<string[]>(CACHE_KEYS.lostReasons);
  if (!hit || reason === '') return;
  if (hit.some((r) => r.toLowerCase() === reason.toLowerCase())) return;
  cache.put(CACHE_KEYS.lostReasons, [...hit, reason], LOST_TTL);
}
