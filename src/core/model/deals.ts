import { PipelineError } from '../errors';
import { DEAL_COLUMNS, DEAL_HEADER_NAMES, type DealField, mapDealColumns, requireColumns } from './columns';
import { type Calendar, type Day, readDate } from './dates';
import { type DealColumns, dealsOf, LOST, NO_DAY, OPEN, outcomeCodes, WON } from './dealColumns';
import type { Outcome, Stage, StageSet } from './stages';
import { cellText, isBlank, isDateLike, normalizeKey, quote } from './text';
import { readAmount, readProbability } from './values';

export interface Deal {
  /** Sheet row number (the header is row 1). */
  readonly row: number;
  readonly id: string;
  readonly name: string;
  readonly company: string;
  readonly owner: string;
  /** null when blank or unreadable. */
  readonly amount: number | null;
  /** null when blank or not a known stage. */
  readonly stage: Stage | null;
  readonly stageText: string;
  /**
   * With a Status column (SPEC §1 *Status*): the open stage a won or lost deal's Stage cell names,
   * the stage it was in when it closed (a stage it reached); null otherwise.
   */
  readonly closedIn: Stage | null;
  /** The deal's own probability override (fraction), null when blank. */
  readonly probability: number | null;
  readonly created: Day | null;
  readonly stageEntered: Day | null;
  readonly expectedClose: Day | null;
  readonly closed: Day | null;
  readonly lastActivity: Day | null;
  readonly snoozedUntil: Day | null;
  readonly stalledSince: Day | null;
  readonly nextStep: string;
  /** When the next step is due (SPEC §1 Next Step Date); null when blank or unreadable. */
  readonly nextStepDate: Day | null;
  readonly lostReason: string;
}

export interface Problem {
  readonly row: number;
  readonly deal: string;
  readonly problem: string;
}

export interface DealTable {
  readonly deals: Deal[];
  readonly problems: Problem[];
  readonly columns: Partial<Record<DealField, number>>;
  readonly headers: string[];
  /** Whether the Status column gave the deals' outcomes (its values are all open/won/lost). */
  readonly usesStatus: boolean;
}

export interface ParseOptions {
  /** Which fields to read; others are left blank. Default: all. Stage is always read. */
  readonly fields?: readonly DealField[];
  /** Fields that must have a column (Stage always does). */
  readonly required?: readonly DealField[];
  /** Name used in messages, e.g. `Deals`. */
  readonly sheet?: string;
  /** Sheet row number of the header row (1 when the table starts at row 1). */
  readonly headerRow?: number;
  /**
   * Only deals whose stage has one of these outcomes are read; other rows (and their problems)
   * are skipped without parsing. Default: every row. A metric of closed deals need not pay for
   * reading the open ones.
   */
  readonly outcomes?: readonly Outcome[];
  /** False: the caller reads no problems, so none are collected (nor the labels they need). */
  readonly problems?: boolean;
  /**
   * Whether the Status column gives the outcomes. Default: decided from these rows (its values
   * all open/won/lost); a caller reading one row passes what the whole column says.
   */
  readonly statusColumn?: boolean;
}

type DateField =
  | 'created'
  | 'stageEntered'
  | 'expectedClose'
  | 'closed'
  | 'lastActivity'
  | 'snoozedUntil'
  | 'stalledSince'
  | 'nextStepDate';

const LABELS: Record<DealField, string> = {
  id: 'ID',
  deal: 'Deal',
  company: 'Company',
  owner: 'Owner',
  amount: 'Amount',
  stage: 'Stage',
  probability: 'Probability',
  created: 'Created',
  stageEntered: 'Stage Entered',
  expectedClose: 'Expected Close',
  closed: 'Closed',
  lastActivity: 'Last Activity',
  nextStep: 'Next Step',
  nextStepDate: 'Next Step Date',
  lostReason: 'Lost Reason',
  snoozedUntil: 'Snoozed Until',
  stalledSince: 'Stalled Since',
  status: 'Status',
};

/** `open`, `won`, `lost` (any case) or blank: a Status cell that gives a deal's outcome. */
export function statusKey(value: unknown): 'open' | 'won' | 'lost' | '' | null {
  const key = normalizeKey(cellText(value));
  return key === 'open' || key === 'won' || key === 'lost' || key === '' ? key : null;
}

/**
 * The Status column gives the outcome when the sheet has a Stage column beside it and its
 * non-blank values are all open, won or lost (SPEC §1 *Status*); -1 otherwise.
 */
export function statusColumn(
  rows: readonly (readonly unknown[])[],
  columns: Partial<Record<DealField, number>>,
): number {
  const col = columns.status;
  if (col === undefined || columns.stage === undefined || col === columns.stage) return -1;
  let filled = false;
  for (let r = 1; r < rows.length; r++) {
    const key = statusKey(rows[r]?.[col]);
    if (key === null) return -1;
    if (key !== '') filled = true;
  }
  return filled ? col : -1;
}

/** The deals table as columns, with its problems (see `DealColumns`). */
export interface DealColumnTable {
  readonly columns: DealColumns;
  readonly problems: Problem[];
  readonly map: Partial<Record<DealField, number>>;
  readonly headers: string[];
  readonly usesStatus: boolean;
}

/**
 * Reads a deals table (header row first). Blank rows are skipped; unreadable cells become
 * null and are reported as problems, never as NaN.
 */
export function parseDeals(
  rows: readonly (readonly unknown[])[],
  stages: StageSet,
  calendar: Calendar,
  options: ParseOptions = {},
): DealTable {
  const table = parseDealColumns(rows, stages, calendar, options);
  return {
    deals: dealsOf(table.columns),
    problems: table.problems,
    columns: table.map,
    headers: table.headers,
    usesStatus: table.usesStatus,
  };
}

/**
 * `parseDeals` into typed columns, without an object per deal: what the metrics read. The
 * problems are the same, in the same order.
 */
export function parseDealColumns(
  rows: readonly (readonly unknown[])[],
  stages: StageSet,
  calendar: Calendar,
  options: ParseOptions = {},
): DealColumnTable {
  const sheet = options.sheet ?? 'Deals';
  const headerRow = options.headerRow ?? 1;
  if (rows.length === 0)
    throw new PipelineError(`${sheet} is empty: it needs a header row with a Stage column.`);
  const map = mapDealColumns(rows[0] ?? []);
  requireColumns(map, ['stage', ...(options.required ?? [])], DEAL_HEADER_NAMES, sheet);
  const col = map.index;
  const wanted = new Set<DealField>(options.fields ?? (Object.keys(DEAL_COLUMNS) as DealField[]));
  wanted.add('stage');
  const use = (field: DealField): number => (wanted.has(field) ? (col[field] ?? -1) : -1);
  const c = {
    id: use('id'),
    deal: use('deal'),
    company: use('company'),
    owner: use('owner'),
    amount: use('amount'),
    stage: col.stage!,
    probability: use('probability'),
    nextStep: use('nextStep'),
    lostReason: use('lostReason'),
  };
  const dateCol = (field: DateField) => use(field);
  const d = {
    created: dateCol('created'),
    stageEntered: dateCol('stageEntered'),
    expectedClose: dateCol('expectedClose'),
    closed: dateCol('closed'),
    lastActivity: dateCol('lastActivity'),
    snoozedUntil: dateCol('snoozedUntil'),
    stalledSince: dateCol('stalledSince'),
    nextStepDate: dateCol('nextStepDate'),
  };
  const status =
    options.statusColumn === undefined
      ? statusColumn(rows, col)
      : options.statusColumn
        ? (col.status ?? -1)
        : -1;
  /** With a lone Close Date, closed deals read it as Closed and open ones as Expected Close. */
  const shared = map.sharedCloseDate;
  const closedAlso = wanted.has('closed') && map.closedAlso !== undefined ? map.closedAlso : -1;
  const percent = map.probabilityPercent;
  // Stage text -> stage index (-1: blank or unknown), looked up once per distinct text.
  const stageCache = new Map<string, number>();
  const all = stages.all;
  const outcome = outcomeCodes(all);
  const wonIndex = all.indexOf(stages.won);
  const lostIndex = stages.lost[0] ? all.indexOf(stages.lost[0]) : -1;
  let keepCodes = 7;
  if (options.outcomes) {
    keepCodes = 0;
    for (const o of options.outcomes) keepCodes |= 1 << (o === 'Open' ? OPEN : o === 'Won' ? WON : LOST);
  }
  const filter = options.outcomes !== undefined;
  // Room for the deals kept: with an outcome filter (and no Status column), counted first from
  // the Stage column alone, so a metric of the won deals allocates for the won deals.
  let capacity = Math.max(0, rows.length - 1);
  const stageOf = (text: string): number => {
    let stage = stageCache.get(text);
    if (stage === undefined) {
      const found = text === '' ? undefined : stages.find(text);
      stage = found ? all.indexOf(found) : -1;
      stageCache.set(text, stage);
    }
    return stage;
  };
  // That first pass keeps each row's stage, so the main loop skips the other rows unread.
  let rowStage: Int32Array | null = null;
  if (filter && status < 0) {
    capacity = 0;
    rowStage = new Int32Array(rows.length).fill(-1);
    for (let r = 1; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      const stage = stageOf(cellText(row[c.stage], calendar));
      rowStage[r] = stage;
      if (stage >= 0 && ((keepCodes >> outcome[stage]!) & 1) === 1) capacity++;
    }
  }
  // Columns the parse does not read are not allocated (nothing writes them: every write below is
  // guarded by its column's index); they become one shared blank column when first read.
  const dayColumn = (index: number): Int32Array =>
    index >= 0 ? new Int32Array(capacity).fill(NO_DAY) : UNREAD_DAYS;
  const numberColumn = (index: number): Float64Array =>
    index >= 0 ? new Float64Array(capacity) : UNREAD_NUMBERS;
  const rowCol = new Int32Array(capacity);
  const stageCol = new Int32Array(capacity);
  const closedInCol = status >= 0 ? new Int32Array(capacity) : null;
  const amountCol = numberColumn(c.amount);
  const probabilityCol = numberColumn(c.probability);
  const createdCol = dayColumn(d.created);
  const stageEnteredCol = dayColumn(d.stageEntered);
  const expectedCloseCol = dayColumn(d.expectedClose);
  const closedCol = dayColumn(d.closed);
  const lastActivityCol = dayColumn(d.lastActivity);
  const snoozedUntilCol = dayColumn(d.snoozedUntil);
  const stalledSinceCol = dayColumn(d.stalledSince);
  const nextStepDateCol = dayColumn(d.nextStepDate);
  const problems: Problem[] = [];
  const width = rows[0]?.length ?? 0;
  // The hot loop: 100k rows must parse in a few ms, so no per-row closures, spreads or objects.
  let rowNumber = 0;
  let label = '';
  const collect = options.problems !== false;
  const report = (problem: string) => {
    if (collect) problems.push({ row: rowNumber, deal: label, problem });
  };
  /** An unreadable value as the user sees it: a Date as its local day, not a JS date string. */
  const badText = (value: unknown, text: string): string =>
    isDateLike(value) ? cellText(value, calendar) : text;
  const slowDate = (value: unknown, field: DateField): number => {
    const read = readDate(value, calendar);
    if (read.kind === 'day') return read.day;
    const what = shared && (field === 'closed' || field === 'expectedClose') ? 'Close Date' : LABELS[field];
    if (read.kind === 'bad') report(`${what} ${quote(read.text)} is not a date`);
    return NO_DAY;
  };
  const date = (row: readonly unknown[], index: number, field: DateField): number => {
    if (index < 0) return NO_DAY;
    const value = row[index];
    if (value === '' || value === null || value === undefined) return NO_DAY;
    if (isDateLike(value)) {
      const day = calendar.dayOf(value);
      if (day !== null) return day;
    }
    return slowDate(value, field);
  };

  let n = 0;
  for (let r = 1; r < rows.length; r++) {
    let stage: number;
    let row: readonly unknown[];
    let closedIn = -1;
    /** The Stage cell's problem, reported once the row's label is known. */
    let stageProblem = '';
    if (rowStage !== null) {
      // Known from the first pass: a row of another outcome (or blank, or of no known stage,
      // which no outcome filter keeps) is not read again.
      stage = rowStage[r]!;
      if (stage < 0 || ((keepCodes >> outcome[stage]!) & 1) === 0) continue;
      row = rows[r]!;
    } else {
      const read = rows[r];
      if (!read) continue;
      row = read;
      const stageText = cellText(row[c.stage], calendar);
      // Only a row without a stage can be blank: check the rest of it then.
      if (stageText === '' && isBlankRow(row, width)) continue;

      stage = stageOf(stageText);
      // With a Status column, Status gives the outcome and Stage where a closed deal closed.
      let outcomeFromStatus = false;
      if (status >= 0) {
        const key = statusKey(row[status]);
        if (key === 'won' || key === 'lost') {
          if (stage >= 0 && outcome[stage] === OPEN) closedIn = stage;
          stage = key === 'won' ? wonIndex : lostIndex;
          outcomeFromStatus = true;
        }
      }
      if (filter && (stage < 0 || ((keepCodes >> outcome[stage]!) & 1) === 0)) continue;
      if (outcomeFromStatus) {
        // The outcome is known; the Stage cell only says where it closed.
      } else if (stageText === '') stageProblem = 'Stage is blank';
      else if (stage < 0) stageProblem = `Unknown stage ${quote(stageText)} (stages are: ${stages.names()})`;
    }
    rowNumber = headerRow + r;
    if (collect) {
      // ID and Deal are identities the sidebar and the daily check match against their own
      // `cellText` of the cell (without a calendar), so they are rendered the same way here.
      const name = c.deal >= 0 ? cellText(row[c.deal]) : '';
      const id = c.id >= 0 ? cellText(row[c.id]) : '';
      label = name || id;
      if (stageProblem !== '') report(stageProblem);
    }

    let amount = Number.NaN;
    if (c.amount >= 0) {
      const value = row[c.amount];
      if (typeof value === 'number' && value - value === 0) amount = value;
      else {
        const read = readAmount(value);
        if (read.kind === 'number') amount = read.value;
        else if (read.kind === 'bad') report(`Amount ${quote(badText(value, read.text))} is not a number`);
      }
    }
    let probability = Number.NaN;
    if (c.probability >= 0 && row[c.probability] !== '') {
      const value = row[c.probability];
      const read = readProbability(value, percent);
      if (read.kind === 'number') probability = read.value;
      else if (read.kind === 'bad')
        report(`Probability ${quote(badText(value, read.text))} is not a percentage`);
    }
    // Dates in column-list order, so a row's problems read in a stable order.
    if (d.created >= 0) createdCol[n] = date(row, d.created, 'created');
    if (d.stageEntered >= 0) stageEnteredCol[n] = date(row, d.stageEntered, 'stageEntered');
    if (shared) {
      if (stage >= 0 && outcome[stage] !== OPEN) {
        if (d.closed >= 0) closedCol[n] = date(row, d.closed, 'closed');
      } else if (d.expectedClose >= 0) expectedCloseCol[n] = date(row, d.expectedClose, 'expectedClose');
    } else {
      if (d.expectedClose >= 0) expectedCloseCol[n] = date(row, d.expectedClose, 'expectedClose');
      if (d.closed >= 0) {
        let closed = date(row, d.closed, 'closed');
        if (closed === NO_DAY && closedAlso >= 0) closed = date(row, closedAlso, 'closed');
        closedCol[n] = closed;
      }
    }
    // SPEC §3: a lost deal needs a reason; a Stage typed as Lost skips the sidebar's question.
    // Only a sheet with a Lost Reason column has somewhere to put one.
    if (
      collect &&
      c.lostReason >= 0 &&
      stage >= 0 &&
      outcome[stage] === LOST &&
      cellText(row[c.lostReason], calendar).trim() === ''
    ) {
      report('Lost without a reason');
    }
    rowCol[n] = rowNumber;
    stageCol[n] = stage;
    if (closedInCol) closedInCol[n] = closedIn;
    if (c.amount >= 0) amountCol[n] = amount;
    if (c.probability >= 0) probabilityCol[n] = probability;
    if (d.lastActivity >= 0) lastActivityCol[n] = date(row, d.lastActivity, 'lastActivity');
    if (d.snoozedUntil >= 0) snoozedUntilCol[n] = date(row, d.snoozedUntil, 'snoozedUntil');
    if (d.stalledSince >= 0) stalledSinceCol[n] = date(row, d.stalledSince, 'stalledSince');
    if (d.nextStepDate >= 0) nextStepDateCol[n] = date(row, d.nextStepDate, 'nextStepDate');
    n++;
  }
  const cut = <T extends Int32Array | Float64Array>(a: T): T =>
    n === capacity || a.length === 0 ? a : (a.subarray(0, n) as T);
  const sheetRows = cut(rowCol);
  /**
   * A text column read on demand from the deal's own cell, as the loop above reads it: ID and Deal
   * without a calendar (identities the sidebar matches), the others with it.
   */
  const text = (index: number, withCalendar: boolean): ((i: number) => string) => {
    if (index < 0) return () => '';
    return withCalendar
      ? (i) => cellText(rows[sheetRows[i]! - headerRow]![index], calendar)
      : (i) => cellText(rows[sheetRows[i]! - headerRow]![index]);
  };
  const columns: DealColumns = {
    length: n,
    stageList: all,
    outcome,
    row: sheetRows,
    stage: cut(stageCol),
    closedIn: closedInCol ? cut(closedInCol) : null,
    amount: cut(amountCol),
    probability: cut(probabilityCol),
    created: cut(createdCol),
    stageEntered: cut(stageEnteredCol),
    expectedClose: cut(expectedCloseCol),
    closed: cut(closedCol),
    lastActivity: cut(lastActivityCol),
    snoozedUntil: cut(snoozedUntilCol),
    stalledSince: cut(stalledSinceCol),
    nextStepDate: cut(nextStepDateCol),
    id: text(c.id, false),
    name: text(c.deal, false),
    owner: text(c.owner, true),
    stageText: text(c.stage, true),
    company: text(c.company, true),
    nextStep: text(c.nextStep, true),
    lostReason: text(c.lostReason, true),
  };
  let blankDays: Int32Array | null = null;
  let blankNumbers: Float64Array | null = null;
  for (const key of Object.keys(columns) as (keyof DealColumns)[]) {
    const value = columns[key];
    if (value === UNREAD_DAYS || value === UNREAD_NUMBERS) {
      const days = value === UNREAD_DAYS;
      Object.defineProperty(columns, key, {
        get: () => {
          if (days) {
            blankDays ??= new Int32Array(n).fill(NO_DAY);
            return blankDays;
          }
          blankNumbers ??= new Float64Array(n).fill(Number.NaN);
          return blankNumbers;
        },
      });
    }
  }
  return { columns, problems, map: map.index, headers: map.headers, usesStatus: status >= 0 };
}

/** Placeholders of the columns a parse does not read (see `parseDealColumns`). */
const UNREAD_DAYS = new Int32Array(0);
const UNREAD_NUMBERS = new Float64Array(0);

function isBlankRow(row: readonly unknown[], width: number): boolean {
  const n = Math.max(row.length, width);
  for (let i = 0; i < n; i++) if (!isBlank(row[i])) return false;
  return true;
}

export function isOpen(deal: Deal): boolean {
  return deal.stage?.outcome === 'Open';
}
export function isWon(deal: Deal): boolean {
  return deal.stage?.outcome === 'Won';
}
export function isLost(deal: Deal): boolean {
  return deal.stage?.outcome === 'Lost';
}

/** The probability used for weighting: the deal's own, else its stage's. */
export function probabilityOf(deal: Deal): number {
  return deal.probability ?? deal.stage?.probability ?? 0;
}
