import { PipelineError } from '../errors';
import { DEAL_COLUMNS, type DealField, mapColumns, requireColumns } from './columns';
import { type Calendar, type Day, readDate } from './dates';
import type { Outcome, Stage, StageSet } from './stages';
import { cellText, isBlank, isDateLike, quote } from './text';
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
};

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
  const sheet = options.sheet ?? 'Deals';
  const headerRow = options.headerRow ?? 1;
  if (rows.length === 0)
    throw new PipelineError(`${sheet} is empty: it needs a header row with a Stage column.`);
  const map = mapColumns(rows[0] ?? [], DEAL_COLUMNS);
  requireColumns(map, ['stage', ...(options.required ?? [])], DEAL_COLUMNS, sheet);
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
  const stageCache = new Map<string, Stage | null>();
  const keep = options.outcomes ? new Set<Outcome>(options.outcomes) : null;
  const deals: Deal[] = [];
  const problems: Problem[] = [];
  const width = rows[0]?.length ?? 0;
  // The hot loop: 100k rows must parse in a few ms, so no per-row closures or spreads.
  let rowNumber = 0;
  let label = '';
  const report = (problem: string) => {
    problems.push({ row: rowNumber, deal: label, problem });
  };
  /** An unreadable value as the user sees it: a Date as its local day, not a JS date string. */
  const badText = (value: unknown, text: string): string =>
    isDateLike(value) ? cellText(value, calendar) : text;
  const date = (row: readonly unknown[], index: number, field: DateField): Day | null => {
    if (index < 0) return null;
    const value = row[index];
    if (value === '' || value === null || value === undefined) return null;
    if (isDateLike(value)) {
      const day = calendar.dayOf(value);
      if (day !== null) return day;
    }
    const read = readDate(value, calendar);
    if (read.kind === 'day') return read.day;
    if (read.kind === 'bad') report(`${LABELS[field]} ${quote(read.text)} is not a date`);
    return null;
  };

  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const stageText = cellText(row[c.stage], calendar);
    // Only a row without a stage can be blank: check the rest of it then.
    if (stageText === '' && isBlankRow(row, width)) continue;

    let stage: Stage | null | undefined = stageCache.get(stageText);
    if (stage === undefined) {
      stage = stageText === '' ? null : (stages.find(stageText) ?? null);
      stageCache.set(stageText, stage);
    }
    if (keep !== null && (stage === null || !keep.has(stage.outcome))) continue;
    rowNumber = headerRow + r;
    // ID and Deal are identities the sidebar and the daily check match against their own
    // `cellText` of the cell (without a calendar), so they are rendered the same way here.
    const name = c.deal >= 0 ? cellText(row[c.deal]) : '';
    const id = c.id >= 0 ? cellText(row[c.id]) : '';
    label = name || id;
    if (stageText === '') report('Stage is blank');
    else if (stage === null) report(`Unknown stage ${quote(stageText)} (stages are: ${stages.names()})`);

    let amount: number | null = null;
    if (c.amount >= 0) {
      const value = row[c.amount];
      if (typeof value === 'number' && Number.isFinite(value)) amount = value;
      else {
        const read = readAmount(value);
        if (read.kind === 'number') amount = read.value;
        else if (read.kind === 'bad') report(`Amount ${quote(badText(value, read.text))} is not a number`);
      }
    }
    let probability: number | null = null;
    if (c.probability >= 0 && row[c.probability] !== '') {
      const value = row[c.probability];
      const read = readProbability(value);
      if (read.kind === 'number') probability = read.value;
      else if (read.kind === 'bad')
        report(`Probability ${quote(badText(value, read.text))} is not a percentage`);
    }
    const lostReason = c.lostReason >= 0 ? cellText(row[c.lostReason], calendar) : '';
    // SPEC §3: a lost deal needs a reason; a Stage typed as Lost skips the sidebar's question.
    // Only a sheet with a Lost Reason column has somewhere to put one.
    if (c.lostReason >= 0 && stage !== null && stage.outcome === 'Lost' && lostReason.trim() === '') {
      report('Lost without a reason');
    }
    deals.push({
      row: rowNumber,
      id,
      name,
      company: c.company >= 0 ? cellText(row[c.company], calendar) : '',
      owner: c.owner >= 0 ? cellText(row[c.owner], calendar) : '',
      amount,
      stage,
      stageText,
      probability,
      created: d.created < 0 ? null : date(row, d.created, 'created'),
      stageEntered: d.stageEntered < 0 ? null : date(row, d.stageEntered, 'stageEntered'),
      expectedClose: d.expectedClose < 0 ? null : date(row, d.expectedClose, 'expectedClose'),
      closed: d.closed < 0 ? null : date(row, d.closed, 'closed'),
      lastActivity: d.lastActivity < 0 ? null : date(row, d.lastActivity, 'lastActivity'),
      snoozedUntil: d.snoozedUntil < 0 ? null : date(row, d.snoozedUntil, 'snoozedUntil'),
      stalledSince: d.stalledSince < 0 ? null : date(row, d.stalledSince, 'stalledSince'),
      nextStep: c.nextStep >= 0 ? cellText(row[c.nextStep], calendar) : '',
      nextStepDate: d.nextStepDate < 0 ? null : date(row, d.nextStepDate, 'nextStepDate'),
      lostReason,
    });
  }
  return { deals, problems, columns: map.index, headers: map.headers };
}

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
