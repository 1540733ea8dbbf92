/**
 * What a sidebar action writes: the cells of the deal's row (only the add-on's own columns) and
 * the History row. Pure: the adapter reads the row under the lock, asks for a plan, writes it.
 */
import { PipelineError } from '../errors';
import { daysInStage } from '../metrics/stalled';
import type { DealField } from '../model/columns';
import { type Calendar, type Day, formatDay, readDate } from '../model/dates';
import type { Deal } from '../model/deals';
import type { HistoryRecord } from '../model/history';
import type { Stage, StageSet } from '../model/stages';
import { cellText, normalizeKey, quote } from '../model/text';
import type { DealChanges, DealRef, MoveRequest, SnoozeRequest, UpdateRequest } from './types';

/** A value for one of the add-on's cells: '' clears it. Text is NOT yet neutralised. */
export type CellWrite = string | number | Date | boolean;
export type Cells = Partial<Record<DealField, CellWrite>>;

/** One History row, written by the adapter as it is. */
export type HistoryDraft = HistoryRecord;

export interface Plan {
  readonly cells: Cells;
  readonly history: HistoryDraft | null;
  readonly message: string;
}

export interface WriteContext {
  readonly stages: StageSet;
  readonly calendar: Calendar;
  readonly today: Day;
  /** The instant written as History's When. */
  readonly now: Date;
  /** Changed By. */
  readonly user: string;
  /** Deal fields that have a column in the sheet. */
  readonly fields: ReadonlySet<DealField>;
  /** A new unique deal ID (called only for a row without one that has an ID column). */
  readonly newId: () => string;
  /** Where a move was made, for History's Via (default `sidebar`). */
  readonly via?: MoveVia;
  /**
   * The sheet keeps each deal's outcome in a Status column (open/won/lost) and Stage stays at
   * the stage where a deal closed (SPEC §1 *Status*): Won and Lost are written to Status.
   */
  readonly statusColumn?: boolean;
}

/** The places a user moves a deal from (SPEC §1 History `Via`). */
export type MoveVia = 'sidebar' | 'board';

/** Do two Stage cells name the same stage? Known stages by identity, other text by normalised key. */
export function sameStage(a: string, b: string, stages: StageSet): boolean {
  const sa = stages.find(a);
  const sb = stages.find(b);
  if (sa || sb) return sa === sb;
  return normalizeKey(a) === normalizeKey(b);
}

const label = (deal: Deal) => quote(deal.name || deal.id || `row ${deal.row}`);
const stageLabel = (text: string, stages: StageSet) => stages.find(text)?.name ?? (text || '(no stage)');

/** Null when the deal is still as the sidebar saw it; otherwise what changed, in words. */
export function staleMessage(deal: Deal, ref: DealRef, stages: StageSet): string | null {
  if (sameStage(deal.stageText, ref.expectedStage, stages)) return null;
  return (
    `${label(deal)} is now in ${stageLabel(deal.stageText, stages)} (it was in ` +
    `${stageLabel(ref.expectedStage, stages)} when you looked): someone else changed it. ` +
    'Nothing was written; this is its current state.'
  );
}

function dayOfIso(text: string, calendar: Calendar): Day {
  const read = readDate(text, calendar);
  if (read.kind !== 'day') throw new PipelineError(`${quote(text)} is not a date.`);
  return read.day;
}

function requireColumn(ctx: WriteContext, field: DealField, header: string): void {
  if (!ctx.fields.has(field)) {
    throw new PipelineError(`The deals sheet has no ${header} column: add one to record it.`);
  }
}

/** Adds the ID for a row without one (the first write assigns it). */
function withId(deal: Deal, cells: Cells, ctx: WriteContext): string {
  if (deal.id !== '' || !ctx.fields.has('id')) return deal.id;
  const id = ctx.newId();
  cells.id = id;
  return id;
}

export function planMove(deal: Deal, req: MoveRequest, ctx: WriteContext): Plan {
  const { stages, calendar, today } = ctx;
  const to: Stage = stages.require(req.toStage);
  if (deal.stage === to) throw new PipelineError(`${label(deal)} is already in ${to.name}.`);
  const won = to.outcome === 'Won';
  const lost = to.outcome === 'Lost';
  if (!won && req.amount !== null && req.amount !== undefined) {
    throw new PipelineError('A final amount is only taken when a deal is won.');
  }
  if (!lost && req.lostReason) throw new PipelineError('A lost reason is only taken when a deal is lost.');
  if (!won && !lost && req.closedOn)
    throw new PipelineError('A Closed date is only taken when a deal is won or lost.');

  // With a Status column, Won and Lost go to Status and Stage keeps where the deal closed; a
  // closed deal moved back to an open stage is open again.
  const cells: Cells = {};
  if (ctx.statusColumn && (won || lost)) cells.status = won ? 'Won' : 'Lost';
  else {
    cells.stage = to.name;
    if (ctx.statusColumn && deal.stage !== null && deal.stage.outcome !== 'Open') cells.status = 'Open';
  }
  let entered = today;
  if (won || lost) {
    const closed = req.closedOn ? dayOfIso(req.closedOn, calendar) : today;
    if (closed > today) throw new PipelineError('The Closed date cannot be in the future.');
    if (deal.created !== null && closed < deal.created) {
      throw new PipelineError(`The Closed date is before the deal was created (${formatDay(deal.created)}).`);
    }
    entered = closed;
    cells.closed = calendar.startOf(closed);
    if (won && req.amount !== null && req.amount !== undefined) {
      requireColumn(ctx, 'amount', 'Amount');
      cells.amount = req.amount;
    }
    if (lost) {
      // SPEC §3: Lost requires a reason, and the reason is kept in the deal's row.
      const reason = req.lostReason ?? '';
      if (reason === '') throw new PipelineError('A reason is required to mark a deal lost.');
      requireColumn(ctx, 'lostReason', 'Lost Reason');
      cells.lostReason = reason;
    }
  } else if (deal.closed !== null) {
    cells.closed = ''; // reopened: no longer closed
  }
  if (!lost && deal.lostReason !== '') cells.lostReason = '';
  // A deal that just moved is not stalled any more (SPEC: Stalled Since is blank otherwise).
  if (deal.stalledSince !== null) cells.stalledSince = '';
  cells.stageEntered = calendar.startOf(entered);
  cells.lastActivity = calendar.startOf(today);

  const days = daysInStage(deal, entered);
  const id = withId(deal, cells, ctx);
  const name = deal.name || id;
  const reopened = deal.stage !== null && deal.stage.outcome !== 'Open';
  const message = won
    ? `Marked ${quote(name)} won.`
    : lost
      ? `Marked ${quote(name)} lost (${req.lostReason || 'no reason'}).`
      : reopened
        ? `Reopened ${quote(name)} in ${to.name}.`
        : `Moved ${quote(name)} to ${to.name}.`;
  return {
    cells,
    message,
    history: {
      when: ctx.now,
      dealId: id,
      deal: deal.name,
      from: deal.stage?.name ?? deal.stageText,
      to: to.name,
      daysInStage: days !== null && days >= 0 ? days : null,
      changedBy: ctx.user,
      via: ctx.via ?? 'sidebar',
    },
  };
}

const FIELD_LABELS: Record<keyof DealChanges, string> = {
  nextStep: 'Next Step',
  nextStepDate: 'Next Step Date',
  expectedClose: 'Expected Close',
  amount: 'Amount',
  probability: 'Probability',
  closed: 'Closed',
  lostReason: 'Lost Reason',
};

type Comparable = string | number | null;

function currentValue(deal: Deal, key: keyof DealChanges): Comparable {
  switch (key) {
    case 'nextStep':
      return deal.nextStep;
    case 'expectedClose':
      return deal.expectedClose === null ? '' : formatDay(deal.expectedClose);
    case 'nextStepDate':
      return deal.nextStepDate === null ? '' : formatDay(deal.nextStepDate);
    case 'amount':
      return deal.amount;
    case 'probability':
      return deal.probability;
    case 'closed':
      return deal.closed === null ? '' : formatDay(deal.closed);
    case 'lostReason':
      return deal.lostReason;
  }
}

function same(a: Comparable | undefined, b: Comparable | undefined): boolean {
  const blank = (v: Comparable | undefined) => v === null || v === undefined || v === '';
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return cellText(a) === cellText(b);
}

/**
 * The edits of Next Step / Expected Close / Amount / Probability. Refused (a conflict message)
 * when a field changed since the sidebar read it, so one person's edit never silently replaces
 * another's.
 */
export function planUpdate(deal: Deal, req: UpdateRequest, ctx: WriteContext): Plan | { conflict: string } {
  const cells: Cells = {};
  const changed: string[] = [];
  const cleared: string[] = [];
  for (const key of Object.keys(req.changes) as (keyof DealChanges)[]) {
    const next = req.changes[key] as Comparable | undefined;
    const now = currentValue(deal, key);
    if (key in req.seen && !same(req.seen[key] as Comparable | undefined, now)) {
      return {
        conflict:
          `${FIELD_LABELS[key]} of ${label(deal)} was changed by someone else. ` +
          'Nothing was written; this is its current state.',
      };
    }
    if (same(next, now)) continue;
    checkClosedEdit(deal, key, next, ctx);
    requireColumn(ctx, key, FIELD_LABELS[key]);
    if (key === 'expectedClose' || key === 'closed' || key === 'nextStepDate') {
      cells[key] = next ? ctx.calendar.startOf(dayOfIso(String(next), ctx.calendar)) : '';
    } else {
      cells[key] = next === null || next === undefined ? '' : next;
    }
    // A blank clears the cell: say so, so a clear is never reported as a save.
    (next === null || next === undefined || next === '' ? cleared : changed).push(FIELD_LABELS[key]);
  }
  if (changed.length + cleared.length === 0)
    return { cells, history: null, message: 'Nothing to save: no field was changed.' };
  withId(deal, cells, ctx);
  const parts = [
    changed.length > 0 ? `Saved ${changed.join(', ')}` : '',
    cleared.length > 0 ? `${changed.length > 0 ? 'cleared' : 'Cleared'} ${cleared.join(', ')}` : '',
  ].filter(Boolean);
  return { cells, history: null, message: `${parts.join(' and ')} of ${label(deal)}.` };
}

/**
 * The closed details (Closed date, Lost Reason) are edited only on a deal that is closed, and
 * never blanked: a won or lost deal keeps a Closed date, a lost deal keeps a reason.
 */
function checkClosedEdit(
  deal: Deal,
  key: keyof DealChanges,
  next: Comparable | undefined,
  ctx: WriteContext,
) {
  const outcome = deal.stage?.outcome;
  if (key === 'closed') {
    if (outcome !== 'Won' && outcome !== 'Lost') {
      throw new PipelineError(`${label(deal)} is open: a Closed date is set when it is won or lost.`);
    }
    if (!next) throw new PipelineError('A won or lost deal needs a Closed date.');
    const day = dayOfIso(String(next), ctx.calendar);
    if (day > ctx.today) throw new PipelineError('The Closed date cannot be in the future.');
    if (deal.created !== null && day < deal.created) {
      throw new PipelineError(`The Closed date is before the deal was created (${formatDay(deal.created)}).`);
    }
  }
  if (key === 'lostReason') {
    if (outcome !== 'Lost') throw new PipelineError(`${label(deal)} is not lost: it takes no lost reason.`);
    if (!next || String(next).trim() === '') throw new PipelineError('A reason is required for a lost deal.');
  }
}

export function planSnooze(deal: Deal, req: SnoozeRequest, ctx: WriteContext): Plan {
  requireColumn(ctx, 'snoozedUntil', 'Snoozed Until');
  const cells: Cells = {};
  let message: string;
  if (req.until === '') {
    if (deal.snoozedUntil === null) throw new PipelineError(`${label(deal)} is not snoozed.`);
    cells.snoozedUntil = '';
    message = `${label(deal)} is no longer snoozed.`;
  } else {
    const until = dayOfIso(req.until, ctx.calendar);
    if (until <= ctx.today) throw new PipelineError('Pick a day after today to snooze until.');
    cells.snoozedUntil = ctx.calendar.startOf(until);
    if (deal.stalledSince !== null) cells.stalledSince = '';
    message = `${label(deal)} is snoozed until ${formatDay(until)}.`;
  }
  withId(deal, cells, ctx);
  return { cells, history: null, message };
}

/**
 * The cells as written. Text is passed as the user typed it: the adapters' one write path
 * (`writeCells`) stores it as text and neutralises formulas, so nothing is escaped twice.
 */
export function toCellValues(cells: Cells): Cells {
  return { ...cells };
}

/** A copy of a row (as read) with the planned cells applied, as Sheets will return it. */
export function applyCells(
  row: readonly unknown[],
  columns: Partial<Record<DealField, number>>,
  cells: Cells,
): unknown[] {
  const out = [...row];
  for (const key of Object.keys(cells) as DealField[]) {
    const index = columns[key];
    if (index !== undefined) out[index] = cells[key];
  }
  return out;
}
