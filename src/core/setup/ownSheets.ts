/**
 * Which sheets and named ranges are the add-on's, and which are the team's. A team may already
 * have a sheet called `History` or `Stages` for something else, or a named range `DEALS` over
 * its own cells: those stay the team's, and the add-on uses names of its own beside them
 * (`Pipeline History`, `PIPELINE_DEALS`). Pure: the adapters pass header rows and A1 texts, and
 * every reader and Set up decide the same way.
 */
import { mapColumns } from '../model/columns';
import { historyColumns } from '../model/history';
import { stageColumns } from '../model/stages';
import { normalizeKey } from '../model/text';

export type OwnSheetKind = 'stages' | 'history' | 'team' | 'snapshots';

/** The name the add-on gives each of its sheets when nothing is in the way. */
export const OWN_SHEET_NAMES: Readonly<Record<OwnSheetKind, string>> = {
  stages: 'Stages',
  history: 'History',
  team: 'Team',
  snapshots: 'Snapshots',
};

const TEAM_FIT = {
  owner: ['Owner', 'Name', 'Rep', 'Salesperson'],
  email: ['Email', 'E-mail', 'Email Address'],
};
const SNAPSHOT_FIT = { taken: ['Taken'], dealId: ['Deal ID', 'ID'] };

/** The names tried for a kind of sheet, in order: `History`, then `Pipeline History`, `Pipeline History 2`… */
export function ownSheetNames(kind: OwnSheetKind): string[] {
  const base = OWN_SHEET_NAMES[kind];
  return [base, `Pipeline ${base}`, `Pipeline ${base} 2`, `Pipeline ${base} 3`];
}

/**
 * Is a sheet with this header row the add-on's kind of sheet (or blank, so free to use)? A
 * team's `Stages` listing something else, or a `History` of its own with other columns, is not.
 */
export function fitsOwnSheet(kind: OwnSheetKind, headerRow: readonly unknown[]): boolean {
  if (headerRow.every((h) => normalizeKey(h) === '')) return true;
  switch (kind) {
    case 'stages': {
      const c = stageColumns(headerRow);
      return c.stage !== undefined && (c.probability !== undefined || c.outcome !== undefined);
    }
    case 'history': {
      const c = historyColumns(headerRow);
      return c.to !== undefined && (c.dealId !== undefined || c.deal !== undefined);
    }
    case 'team': {
      const c = mapColumns(headerRow, TEAM_FIT).index;
      return c.owner !== undefined && c.email !== undefined;
    }
    case 'snapshots': {
      const c = mapColumns(headerRow, SNAPSHOT_FIT).index;
      return c.taken !== undefined && c.dealId !== undefined;
    }
  }
}

export interface ExistingSheet {
  readonly name: string;
  /** Row 1 as read ([] for a sheet with nothing in it). */
  readonly headers: readonly unknown[];
  /** Nothing at all in the sheet. */
  readonly empty: boolean;
}

export interface OwnSheetChoice {
  readonly kind: OwnSheetKind;
  /** The sheet the add-on uses. */
  readonly name: string;
  /** It does not exist yet: Set up creates it. */
  readonly create: boolean;
  /** Sheets with the add-on's names that are the team's own and stay untouched. */
  readonly keptAsYours: readonly string[];
}

/**
 * The sheet the add-on uses for `kind`: the first of `ownSheetNames(kind)` that exists and fits
 * (or is empty), else the first that does not exist (to be created). Sheet names compare
 * case-insensitively, as Sheets does.
 */
export function chooseOwnSheet(kind: OwnSheetKind, sheets: readonly ExistingSheet[]): OwnSheetChoice {
  const byName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));
  const keptAsYours: string[] = [];
  let free: string | null = null;
  for (const name of ownSheetNames(kind)) {
    const sheet = byName.get(name.toLowerCase());
    if (!sheet) {
      free ??= name;
      continue;
    }
    if (sheet.empty || fitsOwnSheet(kind, sheet.headers)) {
      return { kind, name: sheet.name, create: false, keptAsYours };
    }
    keptAsYours.push(sheet.name);
  }
  return { kind, name: free ?? `${OWN_SHEET_NAMES[kind]} (Pipeline)`, create: true, keptAsYours };
}

export type RangeKind = 'deals' | 'history' | 'snapshots';

export const RANGE_NAME_OF: Readonly<Record<RangeKind, string>> = {
  deals: 'DEALS',
  history: 'HISTORY',
  snapshots: 'SNAPSHOTS',
};

/** The add-on's own name for a table when the team already uses the usual one. */
export const ALT_RANGE_NAME_OF: Readonly<Record<RangeKind, string>> = {
  deals: 'PIPELINE_DEALS',
  history: 'PIPELINE_HISTORY',
  snapshots: 'PIPELINE_SNAPSHOTS',
};

/** What Set up names: whole columns from A (`A:R`), the only shape the add-on ever gives a name. */
export function isWholeColumnsFromA(a1: string): boolean {
  return /^A:[A-Z]{1,3}$/.test(a1);
}

export interface ExistingRange {
  readonly sheet: string;
  readonly a1: string;
}

export interface RangeNameChoice {
  readonly kind: RangeKind;
  /** The name Set up points at the table. */
  readonly name: string;
  /** The usual name is the team's (it points elsewhere) and stays as it is. */
  readonly keptAsYours: ExistingRange | null;
}

/**
 * The name for a table on `sheet`: `DEALS` when it is free or already the add-on's (whole
 * columns from A of that very sheet), else `PIPELINE_DEALS`: a team's `DEALS` over other cells
 * is never written through nor repointed.
 */
export function chooseRangeName(
  kind: RangeKind,
  sheet: string,
  existing: ExistingRange | null,
): RangeNameChoice {
  const usual = RANGE_NAME_OF[kind];
  if (
    !existing ||
    (existing.sheet.toLowerCase() === sheet.toLowerCase() && isWholeColumnsFromA(existing.a1))
  ) {
    return { kind, name: usual, keptAsYours: null };
  }
  return { kind, name: ALT_RANGE_NAME_OF[kind], keptAsYours: existing };
}
