/**
 * The `Stalled Since` column: which deals to flag or clear, and how to place the new values on
 * the rows as they are at write time (a sort or insert between the read and the write must not
 * put a flag on the wrong row). Pure: values in, values out.
 */
import { stalledSinceDay } from '../metrics/stalled';
import { type Calendar, type Day, readDate } from '../model/dates';
import type { Deal } from '../model/deals';
import { cellText, isBlank, normalizeKey } from '../model/text';

/** What the check wants in one deal's `Stalled Since` cell. */
export interface FlagEntry {
  readonly row: number;
  readonly id: string;
  readonly name: string;
  /** The day the deal became stalled; null = not stalled (cell blank). */
  readonly since: Day | null;
}

export interface FlagPlan {
  readonly entries: readonly FlagEntry[];
  /** Deals whose cell differs from what it should be (0 = nothing to write). */
  readonly changes: number;
  /** Deals stalled today. */
  readonly stalled: number;
  /** Deals newly flagged (blank or another day before). */
  readonly flagged: number;
  /** Deals whose flag is cleared. */
  readonly cleared: number;
}

/** Does a cell already hold this flag? (blank for null; any time on that day for a day.) */
export function holdsFlag(value: unknown, since: Day | null, calendar: Calendar): boolean {
  if (since === null) return isBlank(value);
  const read = readDate(value, calendar);
  return read.kind === 'day' && read.day === since;
}

/** The day a `Stalled Since` cell holds, or null (blank or unreadable). */
export function flagDay(value: unknown, calendar: Calendar): Day | null {
  const read = readDate(value, calendar);
  return read.kind === 'day' ? read.day : null;
}

/**
 * The flag of every deal for `today` (SPEC §2 via `stalledSinceDay`), compared with the cells as
 * read. `rows` is the deals table as read (header first, sheet row = index + 1);
 * `stalledCol` the 0-based index of `Stalled Since` (-1 when the sheet has none: nothing to compare).
 */
export function planFlags(
  deals: readonly Deal[],
  rows: readonly (readonly unknown[])[],
  stalledCol: number,
  today: Day,
  calendar: Calendar,
): FlagPlan {
  const entries: FlagEntry[] = [];
  let changes = 0;
  let stalled = 0;
  let flagged = 0;
  let cleared = 0;
  for (const deal of deals) {
    const since = stalledSinceDay(deal, today);
    if (since !== null) stalled++;
    entries.push({ row: deal.row, id: deal.id, name: deal.name, since });
    if (stalledCol < 0) continue;
    const current = rows[deal.row - 1]?.[stalledCol];
    if (holdsFlag(current, since, calendar)) continue;
    changes++;
    if (since === null) cleared++;
    else flagged++;
  }
  return { entries, changes, stalled, flagged, cleared };
}

/** Where the verification block sits: 0-based indexes inside it (-1 when the sheet lacks the column). */
export interface BlockLayout {
  readonly id: number;
  readonly name: number;
  readonly stalled: number;
  /** The header texts expected at those indexes (as read at the start of the run). */
  readonly headers: { readonly id: string; readonly name: string; readonly stalled: string };
}

export type Placement =
  | { readonly kind: 'moved' }
  | {
      readonly kind: 'ok';
      /** The new `Stalled Since` column for sheet rows 2..(values.length + 1). */
      readonly values: (string | number | boolean | Date)[];
      /** Cells whose value changes (0 = no write needed). */
      readonly changes: number;
      /** Deals of the plan that could not be found again (deleted, or their row changed). */
      readonly unplaced: number;
    };

/**
 * Places the plan on the sheet as it is now. `block` is a fresh read of rows 1..last (header
 * first) covering the ID, Deal and Stalled Since columns. A deal is found by its ID when that
 * ID is unique both in the plan and now; otherwise (no ID, or an ID on two rows) only at its
 * old row, and only when that row still has the same ID and Deal name. Rows the plan does not know keep
 * their value. Returns `moved` when the columns are no longer where they were.
 */
export function placeFlags(
  plan: readonly FlagEntry[],
  block: readonly (readonly unknown[])[],
  layout: BlockLayout,
  calendar: Calendar,
): Placement {
  const header = block[0] ?? [];
  const at = (row: readonly unknown[], index: number): unknown => (index < 0 ? '' : row[index]);
  if (
    normalizeKey(at(header, layout.id)) !== normalizeKey(layout.headers.id) ||
    normalizeKey(at(header, layout.name)) !== normalizeKey(layout.headers.name) ||
    layout.stalled < 0 ||
    normalizeKey(at(header, layout.stalled)) !== normalizeKey(layout.headers.stalled)
  ) {
    return { kind: 'moved' };
  }
  const planIds = new Map<string, number>();
  for (const e of plan) if (e.id !== '') planIds.set(e.id, (planIds.get(e.id) ?? 0) + 1);
  const nowIds = new Map<string, number>();
  for (let r = 1; r < block.length; r++) {
    const id = cellText(at(block[r] ?? [], layout.id));
    if (id !== '') nowIds.set(id, (nowIds.get(id) ?? 0) + 1);
  }
  const byId = new Map<string, FlagEntry>();
  const byRow = new Map<number, FlagEntry>();
  for (const e of plan) {
    if (e.id !== '' && planIds.get(e.id) === 1) byId.set(e.id, e);
    byRow.set(e.row, e);
  }
  const values: (string | number | boolean | Date)[] = [];
  let changes = 0;
  let placed = 0;
  for (let r = 1; r < block.length; r++) {
    const line = block[r] ?? [];
    const id = cellText(at(line, layout.id));
    let entry: FlagEntry | undefined;
    if (id !== '' && nowIds.get(id) === 1) entry = byId.get(id);
    if (entry === undefined) {
      const candidate = byRow.get(r + 1);
      if (candidate && candidate.id === id && candidate.name === cellText(at(line, layout.name)))
        entry = candidate;
    }
    const current = line[layout.stalled];
    if (entry === undefined || holdsFlag(current, entry.since, calendar)) {
      if (entry !== undefined) placed++;
      values.push(keep(current));
      continue;
    }
    placed++;
    changes++;
    values.push(entry.since === null ? '' : calendar.startOf(entry.since));
  }
  return { kind: 'ok', values, changes, unplaced: plan.length - placed };
}

/** A value written back as it was (the adapters' write path keeps text as text, never a formula). */
function keep(value: unknown): string | number | boolean | Date {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date || (typeof value === 'object' && 'getTime' in value)) return value as Date;
  return String(value);
}
