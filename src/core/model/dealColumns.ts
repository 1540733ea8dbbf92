/**
 * The deals table as typed columns: one entry per kept deal (sheet order) in each column, read
 * once by `parseDealColumns` (deals.ts). The hot metrics loop over these arrays; `Deal` objects
 * are only built (`dealAt`) for the metrics that still want them. Null is `NO_DAY` in a day
 * column, NaN in a number column, -1 in a stage column.
 */
import type { Day } from './dates';
import type { Deal } from './deals';
import type { Stage } from './stages';

/** A blank or unreadable date in a day column: -2^30, the smallest Smi (a Date reaches ±10^8 days). */
export const NO_DAY = -1_073_741_824;

export const OPEN = 0;
export const WON = 1;
export const LOST = 2;

export interface DealColumns {
  readonly length: number;
  /** The stages the `stage` and `closedIn` columns index (the StageSet's `all`, in parses). */
  readonly stageList: readonly Stage[];
  /** Per entry of `stageList`: OPEN, WON or LOST. */
  readonly outcome: Int8Array;
  readonly row: Int32Array;
  readonly stage: Int32Array;
  /** Null without a Status column (no deal has one). */
  readonly closedIn: Int32Array | null;
  readonly amount: Float64Array;
  readonly probability: Float64Array;
  readonly created: Int32Array;
  readonly stageEntered: Int32Array;
  readonly expectedClose: Int32Array;
  readonly closed: Int32Array;
  readonly lastActivity: Int32Array;
  readonly snoozedUntil: Int32Array;
  readonly stalledSince: Int32Array;
  readonly nextStepDate: Int32Array;
  /**
   * Text fields of deal `i`, read from its cell when asked (the parse keeps no string column:
   * storing 100k strings costs more than the loops that read them); '' for a column not read.
   */
  readonly id: (i: number) => string;
  readonly name: (i: number) => string;
  readonly owner: (i: number) => string;
  readonly stageText: (i: number) => string;
  readonly company: (i: number) => string;
  readonly nextStep: (i: number) => string;
  readonly lostReason: (i: number) => string;
}

export function outcomeCodes(stages: readonly Stage[]): Int8Array {
  const codes = new Int8Array(stages.length);
  for (let i = 0; i < stages.length; i++) {
    const o = stages[i]!.outcome;
    codes[i] = o === 'Open' ? OPEN : o === 'Won' ? WON : LOST;
  }
  return codes;
}

const day = (column: Int32Array, i: number): Day | null => {
  const v = column[i]!;
  return v === NO_DAY ? null : v;
};

const num = (column: Float64Array, i: number): number | null => {
  const v = column[i]!;
  return Number.isNaN(v) ? null : v;
};

/** Deal number `i` as an object, exactly as `parseDeals` returns it. */
export function dealAt(c: DealColumns, i: number): Deal {
  const s = c.stage[i]!;
  const k = c.closedIn ? c.closedIn[i]! : -1;
  return {
    row: c.row[i]!,
    id: c.id(i),
    name: c.name(i),
    company: c.company(i),
    owner: c.owner(i),
    amount: num(c.amount, i),
    stage: s < 0 ? null : c.stageList[s]!,
    stageText: c.stageText(i),
    closedIn: k < 0 ? null : c.stageList[k]!,
    probability: num(c.probability, i),
    created: day(c.created, i),
    stageEntered: day(c.stageEntered, i),
    expectedClose: day(c.expectedClose, i),
    closed: day(c.closed, i),
    lastActivity: day(c.lastActivity, i),
    snoozedUntil: day(c.snoozedUntil, i),
    stalledSince: day(c.stalledSince, i),
    nextStep: c.nextStep(i),
    nextStepDate: day(c.nextStepDate, i),
    lostReason: c.lostReason(i),
  };
}

/** Every deal as an object, in order. */
export function dealsOf(c: DealColumns): Deal[] {
  const deals: Deal[] = new Array(c.length);
  for (let i = 0; i < c.length; i++) deals[i] = dealAt(c, i);
  return deals;
}

const built = new WeakMap<readonly Deal[], DealColumns>();

/** Columns of a pipeline's deals given as objects (unit tests, pipelines built by hand): built once per array. */
export function columnsFromDeals(deals: readonly Deal[]): DealColumns {
  let columns = built.get(deals);
  if (!columns) {
    columns = buildColumns(deals);
    built.set(deals, columns);
  }
  return columns;
}

/** Columns of deals given as objects, built afresh. */
export function buildColumns(deals: readonly Deal[]): DealColumns {
  const n = deals.length;
  const stageList: Stage[] = [];
  const at = new Map<Stage, number>();
  const stageIndex = (s: Stage | null): number => {
    if (!s) return -1;
    let i = at.get(s);
    if (i === undefined) {
      i = stageList.length;
      stageList.push(s);
      at.set(s, i);
    }
    return i;
  };
  const days = () => new Int32Array(n);
  const c = {
    length: n,
    stageList,
    outcome: new Int8Array(0),
    row: new Int32Array(n),
    stage: new Int32Array(n),
    closedIn: new Int32Array(n),
    amount: new Float64Array(n),
    probability: new Float64Array(n),
    created: days(),
    stageEntered: days(),
    expectedClose: days(),
    closed: days(),
    lastActivity: days(),
    snoozedUntil: days(),
    stalledSince: days(),
    nextStepDate: days(),
    id: (i: number) => deals[i]!.id,
    name: (i: number) => deals[i]!.name,
    owner: (i: number) => deals[i]!.owner,
    stageText: (i: number) => deals[i]!.stageText,
    company: (i: number) => deals[i]!.company,
    nextStep: (i: number) => deals[i]!.nextStep,
    lostReason: (i: number) => deals[i]!.lostReason,
  };
  const put = (v: Day | null) => (v === null ? NO_DAY : v);
  for (let i = 0; i < n; i++) {
    const d = deals[i]!;
    c.row[i] = d.row;
    c.stage[i] = stageIndex(d.stage);
    c.closedIn[i] = stageIndex(d.closedIn);
    c.amount[i] = d.amount === null ? Number.NaN : d.amount;
    c.probability[i] = d.probability === null ? Number.NaN : d.probability;
    c.created[i] = put(d.created);
    c.stageEntered[i] = put(d.stageEntered);
    c.expectedClose[i] = put(d.expectedClose);
    c.closed[i] = put(d.closed);
    c.lastActivity[i] = put(d.lastActivity);
    c.snoozedUntil[i] = put(d.snoozedUntil);
    c.stalledSince[i] = put(d.stalledSince);
    c.nextStepDate[i] = put(d.nextStepDate);
  }
  return { ...c, outcome: outcomeCodes(stageList) };
}
