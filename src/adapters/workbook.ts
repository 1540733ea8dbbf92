import type { RangeNames } from '../core/dashboard/layout';
import { PipelineError } from '../core/errors';
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
import { writeCells } from './cellWrite';
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

/** The range names the built sheets' formulas use: the add-on's own where the team has DEALS… */
export function ownRangeNames(ss: Spreadsheet): RangeNames {
  return {
    deals: ownRangeName(ss, 'deals'),
    history: ownRangeName(ss, 'history'),
    snapshots: ownRangeName(ss, 'snapshots'),
  };
}

/**
 * The add-on's sheet of a kind, for reading, without a read: the last of `History`, `Pipeline
 * History`… that exists (Set up only makes `Pipeline History` when `History` is the team's own).
 * Writers use `ensureOwnSheet`, which checks the header before writing.
 */
export function ownSheet(ss: Spreadsheet, kind: OwnSheetKind): Sheet | null {
  let found: Sheet | null = null;
  for (const name of ownSheetNames(kind)) found = ss.getSheetByName(name) ?? found;
  return found;
}

/** The add-on's own table sheet, found or made by `ensureOwnSheet`. */
export interface OwnTableSheet {
  readonly sheet: Sheet;
  /** Its last row with content: 1 when only the header row is there. */
  readonly last: number;
  /** Its row 1 as it is (every column: a table whose columns were moved is written by header). */
  readonly header: readonly unknown[];
}

/**
 * The add-on's own table sheet of a kind, found or made: the one writers use. With `name` (Set up,
 * which chose it from its reading: `chooseOwnSheet`) that sheet; else the first of `History`,
 * `Pipeline History`… that exists and whose header fits (or is empty), else the first free name,
 * created (the same choice as `chooseOwnSheet`). A new or empty sheet gets `headers` as its row 1
 * (bold, frozen); a sheet with content is kept as it is. A team's own sheet of the same name
 * (other columns) is never written: the add-on's goes beside it. Reads at most row 1 per
 * candidate; `insert` makes a sheet (default: appended at the end).
 */
export function ensureOwnSheet(
  ss: Spreadsheet,
  kind: OwnSheetKind,
  headers: readonly string[],
  options: { readonly name?: string; readonly insert?: (name: string) => Sheet } = {},
): OwnTableSheet {
  let free: string | null = null;
  for (const name of options.name ? [options.name] : ownSheetNames(kind)) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) {
      free ??= name;
      continue;
    }
    const last = sheet.getLastRow();
    if (last === 0) return { sheet, last: writeHeader(sheet, headers), header: headers };
    const header = headerRow(sheet);
    if (options.name || fitsOwnSheet(kind, header)) return { sheet, last, header };
  }
  if (free === null) {
    throw new PipelineError(
      `The sheets ${ownSheetNames(kind).join(', ')} are all your own: rename one so the add-on has a sheet for its ${kind}.`,
    );
  }
  const made = options.insert ? options.insert(free) : ss.insertSheet(free, ss.getNumSheets());
  return { sheet: made, last: writeHeader(made, headers), header: headers };
}

/** Row 1 of a sheet with content, every column (one small read). */
function headerRow(sheet: Sheet): unknown[] {
  const columns = Math.max(1, sheet.getLastColumn());
  return sheet.getRange(1, 1, 1, columns).getValues()[0] ?? [];
}

/** Writes the header row of a new or empty table sheet; returns its last row (1). */
function writeHeader(sheet: Sheet, headers: readonly string[]): number {
  writeCells(sheet.getRange(1, 1, 1, headers.length), [headers.slice()]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return 1;
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
