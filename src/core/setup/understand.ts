/**
 * What Set up understood of a workbook, before it writes anything (SPEC §5): each header and
 * the column it was taken as (or kept as the team's), the columns it will add, the stages it
 * will use with each one's outcome and number of deals, how many deals are open, won and lost,
 * the rows it cannot read, and which sheets and names are the team's. Pure: the adapter reads
 * once and passes the facts; the same facts always give the same plan and the same token, so
 * "Go on" can check that nothing moved since the preview.
 */

import { columnLetter, DEAL_COLUMNS, type DealField, headerOf, mapDealColumns } from '../model/columns';
import type { Calendar } from '../model/dates';
import { isLost, isOpen, isWon, parseDeals } from '../model/deals';
import { learnStages } from '../model/learn';
import { indexOfColumn } from '../model/sheetColumn';
import { type Outcome, parseStages, type StageSet } from '../model/stages';
import { cellText, isBlank, normalizeKey } from '../model/text';
import {
  chooseOwnSheet,
  chooseRangeName,
  type ExistingRange,
  type ExistingSheet,
  type OwnSheetChoice,
  type OwnSheetKind,
  type RangeKind,
  type RangeNameChoice,
} from './ownSheets';
import { type ColumnPlan, planColumns } from './plan';
import { type RefusedFunction, refusedCall } from './volatile';

export type DealsSheetHow = 'remembered' | 'exact' | 'adopted' | 'new';

/** Fields the add-on never writes: a team's formulas there are read, never overwritten. */
const READ_ONLY_FIELDS: ReadonlySet<DealField> = new Set<DealField>([
  'id',
  'deal',
  'company',
  'owner',
  'created',
]);

export interface SetupFacts {
  readonly dealsSheet: { readonly name: string; readonly how: DealsSheetHow };
  /** The deals table as read (header row first; [] for a sheet Set up creates). */
  readonly values: readonly (readonly unknown[])[];
  /** The deals sheet's last column with content. */
  readonly lastColumn: number;
  /** Per column (0-based): how many data cells hold a formula. */
  readonly formulaCounts: readonly number[];
  /**
   * Per column (0-based): the first data formula calling a function custom functions may not
   * read (NOW, RAND…, see ./volatile), '' when none. Absent: none anywhere.
   */
  readonly refusedFormulas?: readonly string[];
  /** Every sheet of the spreadsheet: name and row 1. */
  readonly sheets: readonly ExistingSheet[];
  /** The named ranges `DEALS`, `HISTORY`, `SNAPSHOTS` as they are now. */
  readonly ranges: Readonly<Record<RangeKind, ExistingRange | null>>;
  /** The rows of the Stages sheet the add-on uses, when it exists (null: none yet). */
  readonly stagesRows: readonly (readonly unknown[])[] | null;
  /** Validation already on the Stage cells below the header (existing Stage column only). */
  readonly stageValidation: StageValidationFacts;
  /** The spreadsheet's calendar (its time zone). */
  readonly calendar: Calendar;
}

export interface StageValidationFacts {
  /** Cells with the add-on's Stage drop-down. */
  readonly ours: number;
  /** Cells with a rule of the team's own. */
  readonly theirs: number;
  /** Where the team's rules are, e.g. `E5:E16` (first to last). */
  readonly theirsA1: string;
  /** Cells with no rule. */
  readonly none: number;
}

export interface HeaderView {
  readonly column: string;
  readonly header: string;
  /** The column it was taken as (canonical header), or null: kept as the team's. */
  readonly takenAs: string | null;
  /** Why it is kept, when it is. */
  readonly note: string;
}

export interface StageView {
  readonly name: string;
  readonly outcome: Outcome;
  readonly probability: number;
  readonly stalledAfter: number | null;
  readonly deals: number;
}

export type StageSource = 'sheet' | 'defaults' | 'learned';

export interface SetupPlan {
  readonly dealsSheet: { readonly name: string; readonly how: DealsSheetHow };
  readonly headers: readonly HeaderView[];
  readonly columns: ColumnPlan;
  /** Columns of formulas the add-on leaves alone (never written). */
  readonly formulaColumns: readonly {
    readonly column: string;
    readonly header: string;
    readonly field: string;
  }[];
  /** A formula column carrying a managed column's own name: the add-on cannot add its own beside it. */
  readonly blockedFields: readonly DealField[];
  /**
   * Columns whose formulas call NOW(), RAND()…: Sheets refuses every custom function whose range
   * covers them, so `=PIPELINE_…(DEALS)` would show an error until they hold values.
   */
  readonly refusedColumns: readonly {
    readonly column: string;
    readonly header: string;
    readonly formula: string;
    readonly calls: RefusedFunction;
  }[];
  readonly sheets: Readonly<Record<OwnSheetKind, OwnSheetChoice>>;
  readonly ranges: Readonly<Record<RangeKind, RangeNameChoice>>;
  readonly stages: {
    readonly source: StageSource;
    readonly sheet: string;
    readonly list: readonly StageView[];
    /** A Stages sheet that cannot be read: its message. */
    readonly error: string;
  };
  readonly counts: {
    readonly deals: number;
    readonly open: number;
    readonly won: number;
    readonly lost: number;
  };
  readonly problems: readonly { readonly row: number; readonly deal: string; readonly problem: string }[];
  /** The Stage drop-down: added, already there, or not added because the team has rules there. */
  readonly stageDropDown: 'add' | 'present' | 'kept';
  readonly stageValidation: StageValidationFacts;
  /** Changes iff what Set up would write changes (for "the sheet changed since the preview"). */
  readonly token: string;
}

/** Works out the whole plan from what was read. */
export function understandSetup(facts: SetupFacts, learn: LearnStages = learnFromDeals): SetupPlan {
  const headerRow = facts.values[0] ?? [];
  const formulaCols = new Set<number>();
  facts.formulaCounts.forEach((n, i) => {
    if (n > 0) formulaCols.add(i);
  });
  // Columns of formulas under a managed name the add-on writes are planned as if unnamed:
  // never adopted. Where the header is the managed column's own name, nothing can be added
  // beside it (the first of two equal headers is the one read): that field is blocked.
  const found = mapDealColumns(headerRow).index;
  const blocked: DealField[] = [];
  const formulaColumns: SetupPlan['formulaColumns'][number][] = [];
  const planningRow = headerRow.map((h, i) => {
    if (!formulaCols.has(i)) return h;
    const field = (Object.keys(found) as DealField[]).find((f) => found[f] === i);
    const key = normalizeKey(h);
    const anyField =
      field ??
      (Object.keys(DEAL_COLUMNS) as DealField[]).find((f) =>
        DEAL_COLUMNS[f].some((a) => normalizeKey(a) === key),
      );
    if (!anyField || READ_ONLY_FIELDS.has(anyField)) return h;
    formulaColumns.push({ column: columnLetter(i), header: cellText(h), field: headerOf(anyField) });
    if (key === normalizeKey(headerOf(anyField))) {
      blocked.push(anyField);
      return h;
    }
    return '';
  });
  // A blocked column keeps its header in `planningRow`, so it is found, never added twice.
  const columns = planColumns(planningRow, facts.lastColumn);
  const added = columns.added;

  const taken = new Map<number, DealField>();
  for (const field of Object.keys(columns.columns) as DealField[]) {
    if (!added.some((c) => c.field === field)) taken.set(indexOfColumn(columns.columns[field]), field);
  }
  const headers: HeaderView[] = [];
  for (let i = 0; i < Math.max(headerRow.length, facts.lastColumn); i++) {
    const header = cellText(headerRow[i]);
    const field = taken.get(i);
    const formula = formulaColumns.some((f) => f.column === columnLetter(i));
    const column = columnLetter(i);
    if (field && blocked.includes(field)) {
      const note = 'your formulas: read as they are; rename the header to keep the add-on from writing here';
      headers.push({ column, header, takenAs: headerOf(field), note });
    } else if (field) headers.push({ column, header, takenAs: headerOf(field), note: '' });
    else {
      const same = fieldOfHeader(header);
      const note = formula
        ? 'your formulas: left alone'
        : header === ''
          ? 'no header'
          : same
            ? `a second ${headerOf(same)} column`
            : '';
      headers.push({ column, header, takenAs: null, note });
    }
  }

  const sheets = {} as Record<OwnSheetKind, OwnSheetChoice>;
  for (const kind of ['stages', 'history', 'team', 'snapshots'] as OwnSheetKind[]) {
    sheets[kind] = chooseOwnSheet(kind, facts.sheets);
  }
  const ranges: Record<RangeKind, RangeNameChoice> = {
    deals: chooseRangeName('deals', facts.dealsSheet.name, facts.ranges.deals),
    history: chooseRangeName('history', sheets.history.name, facts.ranges.history),
    snapshots: chooseRangeName('snapshots', sheets.snapshots.name, facts.ranges.snapshots),
  };

  const stages = readStages(facts, sheets.stages.name, learn);
  // Counted as the add-on will read the sheet: a formula column it leaves alone is not read.
  const { counts, problems, perStage } = countDeals(
    [planningRow, ...facts.values.slice(1)],
    facts,
    stages.set,
  );
  const list = (stages.set?.all ?? []).map((s) => ({
    name: s.name,
    outcome: s.outcome,
    probability: s.probability,
    stalledAfter: s.stalledAfter,
    deals: perStage.get(s.name) ?? 0,
  }));

  const v = facts.stageValidation;
  const stageIsNew = added.some((c) => c.field === 'stage');
  const stageDropDown =
    stageIsNew || v.theirs === 0 ? (v.none === 0 && v.ours > 0 ? 'present' : 'add') : 'kept';

  const plan = {
    dealsSheet: facts.dealsSheet,
    headers,
    columns,
    formulaColumns,
    blockedFields: blocked,
    refusedColumns: refusedColumns(facts),
    sheets,
    ranges,
    stages: { source: stages.source, sheet: sheets.stages.name, list, error: stages.error },
    counts,
    problems,
    stageDropDown: stageDropDown as SetupPlan['stageDropDown'],
    stageValidation: v,
  };
  return { ...plan, token: tokenOf(plan) };
}

function fieldOfHeader(header: string): DealField | undefined {
  const key = normalizeKey(header);
  return (Object.keys(DEAL_COLUMNS) as DealField[]).find((f) =>
    DEAL_COLUMNS[f].some((a) => normalizeKey(a) === key),
  );
}

/** Stages learned from the deals when there is no Stages sheet (null: the defaults). */
export type LearnStages = (values: readonly (readonly unknown[])[], calendar: Calendar) => StageSet | null;

/**
 * The learner the custom functions use (SPEC §1 "Without a `Stages` sheet"), so the preview shows
 * the stages every function already reads: a sheet that follows the defaults says "defaults".
 */
export const learnFromDeals: LearnStages = (values) => {
  const learned = learnStages(values);
  return learned.source === 'defaults' ? null : learned.stages;
};

function readStages(
  facts: SetupFacts,
  sheet: string,
  learn: LearnStages | undefined,
): { set: StageSet | null; source: StageSource; error: string } {
  const rows = facts.stagesRows;
  const calendar = facts.calendar;
  if (rows?.some((r) => r.some((c) => !isBlank(c)))) {
    try {
      return { set: parseStages(rows, sheet), source: 'sheet', error: '' };
    } catch (error) {
      return { set: null, source: 'sheet', error: (error as Error).message };
    }
  }
  const learned = learn && facts.values.length > 1 ? safely(() => learn(facts.values, calendar)) : null;
  if (learned) return { set: learned, source: 'learned', error: '' };
  return { set: safely(() => parseStages([])), source: 'defaults', error: '' };
}

function safely<T>(run: () => T): T | null {
  try {
    return run();
  } catch {
    return null;
  }
}

function countDeals(
  rows: readonly (readonly unknown[])[],
  facts: SetupFacts,
  stages: StageSet | null,
): {
  counts: SetupPlan['counts'];
  problems: SetupPlan['problems'];
  perStage: Map<string, number>;
} {
  const perStage = new Map<string, number>();
  const empty = { counts: { deals: 0, open: 0, won: 0, lost: 0 }, problems: [], perStage };
  if (rows.length < 2) return empty;
  const dealRows = rows.slice(1).filter((r) => r.some((c) => !isBlank(c))).length;
  if (!stages || mapDealColumns(rows[0] ?? []).index.stage === undefined) {
    return { ...empty, counts: { ...empty.counts, deals: dealRows } };
  }
  const table = parseDeals(rows, stages, facts.calendar, { sheet: facts.dealsSheet.name });
  let open = 0;
  let won = 0;
  let lost = 0;
  for (const deal of table.deals) {
    if (deal.stage) perStage.set(deal.stage.name, (perStage.get(deal.stage.name) ?? 0) + 1);
    if (isOpen(deal)) open++;
    else if (isWon(deal)) won++;
    else if (isLost(deal)) lost++;
  }
  return { counts: { deals: table.deals.length, open, won, lost }, problems: table.problems, perStage };
}

/** A short, stable fingerprint (FNV-1a, 32-bit, hex) of what Set up would write. */
function tokenOf(plan: Omit<SetupPlan, 'token'>): string {
  const text = JSON.stringify([
    plan.dealsSheet,
    plan.columns.added,
    plan.blockedFields,
    plan.sheets,
    plan.ranges,
    plan.stages.source,
    plan.stages.list.map((s) => [s.name, s.outcome, s.probability]),
    plan.stageDropDown,
  ]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The deals columns holding a formula Sheets will not let a custom function read. */
function refusedColumns(facts: SetupFacts): SetupPlan['refusedColumns'][number][] {
  const header = facts.values[0] ?? [];
  const out: SetupPlan['refusedColumns'][number][] = [];
  (facts.refusedFormulas ?? []).forEach((formula, i) => {
    const calls = refusedCall(formula);
    if (calls) out.push({ column: columnLetter(i), header: cellText(header[i]), formula, calls });
  });
  return out;
}
