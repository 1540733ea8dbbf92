import type { Calendar } from '../core/model/dates';
import type { WorkbookSource } from '../core/source';
import { spreadsheetCalendar } from './calendar';
import { CACHE_KEYS, PipelineCache } from './pipelineCache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const SHEET_NAMES = { deals: 'Deals', stages: 'Stages', history: 'History', team: 'Team' } as const;
/** The weekly snapshot's sheet (SPEC §1), read by the functions that take the snapshots table. */
export const SNAPSHOTS_SHEET = 'Snapshots';
export const RANGE_NAMES = { deals: 'DEALS', history: 'HISTORY', snapshots: 'SNAPSHOTS' } as const;

/** The deals sheet: the one the DEALS named range points at (Set up adopts a sheet that way), else `Deals`. */
export function findDealsSheet(ss: Spreadsheet): Sheet | null {
  const named = ss.getRangeByName(RANGE_NAMES.deals);
  if (named) return named.getSheet();
  return ss.getSheetByName(SHEET_NAMES.deals);
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
    return readSheet(this.ss.getSheetByName(SHEET_NAMES.team));
  }
  history(): unknown[][] | null {
    return readSheet(this.ss.getSheetByName(SHEET_NAMES.history));
  }
  snapshots(): unknown[][] | null {
    return readSheet(this.ss.getSheetByName(SNAPSHOTS_SHEET));
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
    rows = readSheet(ss.getSheetByName(SHEET_NAMES.stages)) ?? [];
    cache.put(CACHE_KEYS.stages, rows, STAGES_TTL_SECONDS);
  }
  return rows;
}
