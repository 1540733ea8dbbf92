import { mapColumns } from './columns';
import { type Calendar, type Day, readDate } from './dates';
import type { Stage, StageSet } from './stages';
import { cellText } from './text';
import { readAmount } from './values';

/** One row of the append-only `History` sheet. */
export interface HistoryEntry {
  readonly row: number;
  readonly when: Day | null;
  readonly dealId: string;
  readonly deal: string;
  readonly from: Stage | null;
  readonly to: Stage | null;
  readonly fromText: string;
  readonly toText: string;
  readonly daysInStage: number | null;
  readonly changedBy: string;
  readonly via: string;
}

/** One History row as the add-on writes it: `When | Deal ID | Deal | From | To | Days In Stage | Changed By | Via`. */
export interface HistoryRecord {
  readonly when: Date;
  readonly dealId: string;
  readonly deal: string;
  readonly from: string;
  readonly to: string;
  /** Days spent in `from`; null when unknown. */
  readonly daysInStage: number | null;
  readonly changedBy: string;
  readonly via: 'sidebar' | 'board' | 'edit' | 'import' | 'sync';
}

export const HISTORY_HEADERS = [
  'When',
  'Deal ID',
  'Deal',
  'From',
  'To',
  'Days In Stage',
  'Changed By',
  'Via',
];

const HISTORY_COLUMNS = {
  when: ['When', 'Date', 'Timestamp'],
  dealId: ['Deal ID', 'ID'],
  deal: ['Deal', 'Deal Name', 'Name'],
  from: ['From', 'From Stage'],
  to: ['To', 'To Stage'],
  daysInStage: ['Days In Stage', 'Days'],
  changedBy: ['Changed By', 'User', 'By'],
  via: ['Via', 'Source'],
} as const;

/** History's columns by header name (aliases, any order), 0-based. */
export function historyColumns(headerRow: readonly unknown[]) {
  return mapColumns(headerRow, HISTORY_COLUMNS).index;
}

/** Reads the `History` sheet (header row first). Rows without a deal or a To stage are ignored. */
export function parseHistory(
  rows: readonly (readonly unknown[])[],
  stages: StageSet,
  calendar: Calendar,
  options: { readonly timing?: boolean } = {},
): HistoryEntry[] {
  if (rows.length === 0) return [];
  // Without timing (the funnel and conversions need only who went where), When, Days In Stage,
  // Changed By and Via are not read: History is often several times longer than Deals.
  const timing = options.timing ?? true;
  const col = historyColumns(rows[0] ?? []);
  const text = (row: readonly unknown[], i: number | undefined) => (i === undefined ? '' : cellText(row[i]));
  const entries: HistoryEntry[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const dealId = text(row, col.dealId);
    const deal = text(row, col.deal);
    const toText = text(row, col.to);
    if ((dealId === '' && deal === '') || toText === '') continue;
    const fromText = text(row, col.from);
    const when = !timing || col.when === undefined ? null : readDate(row[col.when], calendar);
    const days = !timing || col.daysInStage === undefined ? null : readAmount(row[col.daysInStage]);
    entries.push({
      row: r + 1,
      when: when?.kind === 'day' ? when.day : null,
      dealId,
      deal,
      from: stages.find(fromText) ?? null,
      to: stages.find(toText) ?? null,
      fromText,
      toText,
      daysInStage: days?.kind === 'number' && days.value >= 0 ? days.value : null,
      changedBy: timing ? text(row, col.changedBy) : '',
      via: timing ? text(row, col.via) : '',
    });
  }
  return entries;
}

/**
 * History entries grouped per deal: by Deal ID, and rows without an ID by deal name
 * (lower-cased). `of(deal)` gives a deal's entries in sheet order.
 */
export class HistoryIndex {
  private readonly byId = new Map<string, HistoryEntry[]>();
  private readonly byName = new Map<string, HistoryEntry[]>();

  constructor(entries: readonly HistoryEntry[]) {
    for (const entry of entries) {
      const [map, key] =
        entry.dealId !== '' ? [this.byId, entry.dealId] : [this.byName, entry.deal.toLowerCase()];
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    }
  }

  /** A deal's entries: those with its ID, then those naming it without an ID. */
  of(id: string, name: string): readonly HistoryEntry[] {
    const byId = id !== '' ? this.byId.get(id) : undefined;
    const byName = this.byName.size > 0 && name !== '' ? this.byName.get(name.toLowerCase()) : undefined;
    if (byId && byName) return [...byId, ...byName];
    return byId ?? byName ?? NONE;
  }

  /** Every deal's entries, one list per deal. */
  groups(): IterableIterator<HistoryEntry[]> {
    return [...this.byId.values(), ...this.byName.values()][Symbol.iterator]();
  }
}

const NONE: readonly HistoryEntry[] = [];

/**
 * Which stages History shows each deal in (its From, for open stages) or entering (its To), as a
 * bit set of stage indexes, per Deal ID and, for rows without an ID, per deal name. What
 * "reached" needs, read straight from the rows without building an entry per row (History is
 * often several times longer than Deals). Pipelines of more than 31 stages use the entries.
 */
export class StagesSeen {
  private constructor(
    private readonly byId: Map<string, number>,
    private readonly byName: Map<string, number>,
  ) {}

  static readonly MAX_STAGES = 31;

  static fromRows(rows: readonly (readonly unknown[])[], stages: StageSet): StagesSeen | null {
    if (stages.all.length > StagesSeen.MAX_STAGES) return null;
    const seen = new StagesSeen(new Map(), new Map());
    if (rows.length === 0) return seen;
    const col = historyColumns(rows[0] ?? []);
    const at = (row: readonly unknown[], i: number | undefined) => (i === undefined ? '' : cellText(row[i]));
    // Per stage text: its bit as a From (open stages only) and as a To; looked up once per text.
    const fromBits = new Map<string, number>();
    const toBits = new Map<string, number>();
    const bitsOf = (cache: Map<string, number>, text: string, from: boolean): number => {
      let bits = cache.get(text);
      if (bits === undefined) {
        const stage = stages.find(text);
        bits = stage && (!from || stage.outcome === 'Open') ? 1 << stage.index : 0;
        cache.set(text, bits);
      }
      return bits;
    };
    // A deal's rows usually follow one another: its ID is hashed once per run of rows, not per row.
    let runId = '';
    let runBits = 0;
    for (let r = 1; r < rows.length; r++) {
      const row = rows[r] ?? [];
      const dealId = at(row, col.dealId);
      const deal = dealId === '' ? at(row, col.deal) : '';
      const toText = at(row, col.to);
      if ((dealId === '' && deal === '') || toText === '') continue;
      const bits = bitsOf(fromBits, at(row, col.from), true) | bitsOf(toBits, toText, false);
      if (bits === 0) continue;
      if (dealId === '') {
        const key = deal.toLowerCase();
        seen.byName.set(key, (seen.byName.get(key) ?? 0) | bits);
      } else if (dealId === runId) runBits |= bits;
      else {
        if (runId !== '') seen.byId.set(runId, (seen.byId.get(runId) ?? 0) | runBits);
        runId = dealId;
        runBits = bits;
      }
    }
    if (runId !== '') seen.byId.set(runId, (seen.byId.get(runId) ?? 0) | runBits);
    return seen;
  }

  static fromEntries(entries: readonly HistoryEntry[], stages: StageSet): StagesSeen {
    const seen = new StagesSeen(new Map(), new Map());
    if (stages.all.length > StagesSeen.MAX_STAGES) throw new Error('too many stages for StagesSeen');
    for (const e of entries) seen.add(e.dealId, e.deal, e.from, e.to);
    return seen;
  }

  private add(dealId: string, deal: string, from: Stage | null, to: Stage | null): void {
    let bits = 0;
    if (from && from.outcome === 'Open') bits |= 1 << from.index;
    if (to) bits |= 1 << to.index;
    if (bits === 0) return;
    const [map, key] = dealId !== '' ? [this.byId, dealId] : [this.byName, deal.toLowerCase()];
    map.set(key, (map.get(key) ?? 0) | bits);
  }

  /** The stages seen for a deal: rows with its ID, and rows naming it without an ID. */
  of(id: string, name: string): number {
    let bits = id !== '' ? (this.byId.get(id) ?? 0) : 0;
    if (this.byName.size > 0 && name !== '') bits |= this.byName.get(name.toLowerCase()) ?? 0;
    return bits;
  }
}
