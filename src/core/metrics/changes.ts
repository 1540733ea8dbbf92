import { PipelineError } from '../errors';
import type { Day } from '../model/dates';
import { type Deal, isLost, isOpen, isWon } from '../model/deals';
import { dayText, dealKey, type SnapshotRow, snapshotDays, snapshotOn } from '../model/snapshots';
import type { Pipeline, Table } from '../pipeline';

export const CHANGES_HEADERS = ['Change', 'Deals', 'Amount'];

/** The waterfall's rows in SPEC order: the identity rows, then Slipped and Pulled In. */
export const CHANGE_KINDS = [
  'Start',
  'New',
  'Increased',
  'Decreased',
  'Won',
  'Lost',
  'Removed',
  'End',
  'Slipped',
  'Pulled In',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One deal behind a row of the waterfall (the weekly report links to it). */
export interface ChangedDeal {
  readonly id: string;
  readonly deal: string;
  /** Its row in the deals table now; null when it is gone from it. */
  readonly row: number | null;
  /** What it adds to the row's Amount (always as the row defines it). */
  readonly amount: number;
}

export interface ChangeLine {
  readonly change: ChangeKind;
  readonly deals: ChangedDeal[];
  /** Sum of the deals' amounts (positive). */
  amount: number;
}

export interface Waterfall {
  /** The snapshot the waterfall starts from. */
  readonly startDay: Day;
  /** The snapshot it ends at; null when it ends at the deals as they are now. */
  readonly endDay: Day | null;
  readonly lines: readonly ChangeLine[];
}

/** One deal's state at either end: what the waterfall compares. */
interface State {
  readonly id: string;
  readonly deal: string;
  readonly amount: number;
  readonly expectedClose: Day | null;
}

const fromSnapshot = (r: SnapshotRow): State => ({
  id: r.dealId,
  deal: r.deal,
  amount: r.amount ?? 0,
  expectedClose: r.expectedClose,
});
const fromDeal = (d: Deal): State => ({
  id: d.id,
  deal: d.name,
  amount: d.amount ?? 0,
  expectedClose: d.expectedClose,
});

/**
 * Which snapshots a waterfall compares (SPEC §2): Start is the last snapshot on or before `from`
 * (blank: the latest before the newest one); End the last on or before `to` (blank: now).
 */
export function waterfallEnds(
  snapshots: readonly SnapshotRow[],
  from: Day | null,
  to: Day | null,
): { startDay: Day; endDay: Day | null } {
  const days = snapshotDays(snapshots);
  if (days.length === 0) {
    throw new PipelineError(
      'Snapshots holds no snapshot yet: the weekly snapshot (Pipeline › Alerts) adds one each report day.',
    );
  }
  if (from !== null && to !== null && from > to) throw new PipelineError('from is after to.');
  const onOrBefore = (day: Day, what: string): Day => {
    let found: Day | null = null;
    for (const d of days) if (d <= day) found = d;
    if (found === null) {
      throw new PipelineError(
        `No snapshot was taken on or before ${what} ${dayText(day)}: the first was taken ${dayText(days[0]!)}.`,
      );
    }
    return found;
  };
  let startDay: Day;
  if (from !== null) startDay = onOrBefore(from, 'from');
  else if (days.length >= 2) startDay = days[days.length - 2]!;
  else {
    throw new PipelineError(
      `Snapshots holds one snapshot (${dayText(days[0]!)}): with no from date the waterfall starts at the one before the newest. Give a from date on or after ${dayText(days[0]!)}.`,
    );
  }
  return { startDay, endDay: to === null ? null : onOrBefore(to, 'to') };
}

/**
 * PIPELINE_CHANGES as data: the deals behind each row. Deals are matched on Deal ID, else on
 * the deal's name. New: open at End, not at Start. Won/Lost: open at Start and now won/lost
 * (Amount as at Start). Removed: open at Start, and neither open at End nor won or lost (deleted,
 * or its stage no longer readable). Increased/Decreased: open at both with another Amount (the
 * change). Slipped/Pulled In: open at both with a later/earlier Expected Close (Amount at End).
 */
export function waterfall(pipeline: Pipeline, from: Day | null, to: Day | null): Waterfall {
  const snapshots = pipeline.snapshots ?? [];
  const { startDay, endDay } = waterfallEnds(snapshots, from, to);
  const start = snapshotOn(snapshots, startDay);
  const now = new Map<string, Deal>();
  pipeline.deals.forEach((d) => {
    const key = dealKey(d.id, d.name) || `row:${d.row}`;
    if (!now.has(key)) now.set(key, d);
  });
  const end = new Map<string, State>();
  if (endDay === null) {
    now.forEach((d, key) => {
      if (isOpen(d)) end.set(key, fromDeal(d));
    });
  } else {
    snapshotOn(snapshots, endDay).forEach((r, key) => {
      end.set(key, fromSnapshot(r));
    });
  }

  const lines = new Map<ChangeKind, ChangeLine>(
    CHANGE_KINDS.map((change) => [change, { change, deals: [], amount: 0 }]),
  );
  const add = (change: ChangeKind, key: string, state: State, amount: number): void => {
    const line = lines.get(change)!;
    const deal = now.get(key);
    line.deals.push({ id: state.id, deal: state.deal, row: deal ? deal.row : null, amount });
    line.amount += amount;
  };
  start.forEach((row, key) => {
    const before = fromSnapshot(row);
    add('Start', key, before, before.amount);
    const after = end.get(key);
    if (after) {
      const change = after.amount - before.amount;
      if (change > 0) add('Increased', key, after, change);
      else if (change < 0) add('Decreased', key, after, -change);
      if (before.expectedClose !== null && after.expectedClose !== null) {
        if (after.expectedClose > before.expectedClose) add('Slipped', key, after, after.amount);
        else if (after.expectedClose < before.expectedClose) add('Pulled In', key, after, after.amount);
      }
      return;
    }
    const deal = now.get(key);
    if (deal && isWon(deal)) add('Won', key, before, before.amount);
    else if (deal && isLost(deal)) add('Lost', key, before, before.amount);
    else add('Removed', key, before, before.amount);
  });
  end.forEach((state, key) => {
    add('End', key, state, state.amount);
    if (!start.has(key)) add('New', key, state, state.amount);
  });
  return { startDay, endDay, lines: CHANGE_KINDS.map((k) => lines.get(k)!) };
}

/** PIPELINE_CHANGES: `Change, Deals, Amount` for Start, New, …, End, then Slipped and Pulled In. */
export function changesTable(pipeline: Pipeline, from: Day | null, to: Day | null): Table {
  const w = waterfall(pipeline, from, to);
  return [CHANGES_HEADERS.slice(), ...w.lines.map((l) => [l.change, l.deals.length, l.amount])];
}
