import type { Calendar } from '../core/model/dates';
import {
  ALT_RANGE_NAME_OF,
  fitsOwnSheet,
  isWholeColumnsFromA,
  type OwnSheetKind,
  ownSheetNames,
  RANGE_NAME_OF,
  type RangeKind,
} from '../core/setup/ownSheets';
import type { WorkbookSource } from '../core/source';
import { spreadsheetCalendar } from './calendar';
import { CACHE_KEYS, PipelineCache } from './pipelineCache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const SHEET_NAMES = { deals: 'Deals', stages: 'Stages', history: 'History', team: 'Team' } as const;
/** The weekly snapshot's sheet (SPEC §1), read by the functions that take the snapshots table. */
export const SNAPSHOTS_SHEET = 'Snapshots';
export const RANGE_NAMES = { deals: 'DEALS', history: 'HISTORY', snapshots: 'SNAPSHOTS' } as const;

/**
 * The deals sheet: the one Set up named (`PIPELINE_DEALS`, or `DEALS` when it is the add-on's
 * shape: whole columns from A), else `Deals`. A team's own `DEALS` over other cells is ignored.
 */
export function findDealsSheet(ss: Spreadsheet): Sheet | null {
  const own = ss.getRangeByName(ALT_RANGE_NAME_OF.deals);
  if (own) return own.getSheet();
  const named = ss.getRangeByName(RANGE_NAMES.deals);
  if (named && isWholeColumnsFromA(named.getA1Notation())) return named.getSheet();
  return ss.getSheetByName(SHEET_NAMES.deals);
}

/** The name the add-on's table of this kind goes by: `PIPELINE_DEALS` when Set up needed it, else `DEALS`. */
export function ownRangeName(ss: Spreadsheet, kind: RangeKind): string {
  return ss.getRangeByName(ALT_RANGE_NAME_OF[kind]) ? ALT_RANGE_NAME_OF[kind] : RANGE_NAME_OF[kind];
}

/**
 * The add-on's sheet of a kind, for reading, without a read: the last of `History`, `Pipeline
 * History`… that exists (Set up only makes `Pipeline History` when `History` is the team's own).
 * Writers check the header too (`fitsOwnSheet`) before writing.
 */
export function ownSheet(ss: Spreadsheet, kind: OwnSheetKind): Sheet | null {
  let found: Sheet | null = null;
  for (const name of ownSheetNames(kind)) found = ss.getSheetByName(name) ?? found;
  return found;
}

/** `Stages`, or the `Pipeline Stages` Set up uses when a team's own `Stages` is something else. */
export function isStagesSheet(name: string): boolean {
  const lower = name.toLowerCase();
  return ownSheetNames('stages').some((n) => n.toLowerCase() === lower);
}

/** The add-on's table of a kind, one read per candidate sheet: rows of the first that fits, else null. */
export function readOwnTable(ss: Spreadsheet, kind: OwnSheetKind): unknown[][] | null {
  for (const name of ownSheetNames(kind)) {
    const rows = readSheet(ss.getSheetByName(name));
    if (!rows || (rows[0] ?? []).every((h) => h === '' || h === null)) continue;
    if (fitsOwnSheet(kind, rows[0] ?? [])) return rows;
  }
  return null;
}

/** One batch read of a sheet's data range; null when the sheet does not exist. */
export function readSheet(sheet: Sheet | null): unknown[][] | null {
  if (!sheet) return null;
  return sheet.getDataRange().getValues();
}

/** Reads the pipeline's tables from a spreadsheet, one `getValues` per sheet, only when asked. */
export class SpreadsheetSource implements WorkbookSource {
  constructor(private readonly ss: Spreadsheet) {}

  deals(): { rows: unknown[][]; sheet: string } | null {
    const sheet = findDealsSheet(this.ss);
    const rows = readSheet(sheet);
    return sheet && rows ? { rows, sheet: sheet.getName() } : null;
  }
  /** Stages come through the document cache (shared with the sidebar): usually no read at all. */
  stages(): unknown[][] | null {
    const rows = stageRows(this.ss, PipelineCache.document());
    return rows.length > 0 ? rows : null;
  }
  team(): unknown[][] | null {
    return readOwnTable(this.ss, 'team');
  }
  history(): unknown[][] | null {
    return readOwnTable(this.ss, 'history');
  }
  snapshots(): unknown[][] | null {
    return readOwnTable(this.ss, 'snapshots');
  }
  timeZone(): string {
    return this.ss.getSpreadsheetTimeZone();
  }
  calendar(): Calendar {
    return spreadsheetCalendar(this.timeZone());
  }
}

const STAGES_TTL_SECONDS = 300;

/**
 * The `Stages` sheet's rows ([] when it is absent), from the document cache for up to five
 * minutes (shared by custom functions and the sidebar); the edit trigger drops the entry when
 * the sheet is edited.
 */
export function stageRows(ss: Spreadsheet, cache: PipelineCache): unknown[][] {
  let rows = cache.get<unknown[][]>(CACHE_KEYS.stages);
  if (!rows) {
    rows = readOwnTable(ss, 'stages') ?? [];
    cache.put(CACHE_KEYS.stages, rows, STAGES_TTL_SECONDS);
  }
  return rows;
}
