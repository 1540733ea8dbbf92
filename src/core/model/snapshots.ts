import { PipelineError } from '../errors';
import { columnLetter, mapColumns, requireColumns } from './columns';
import { type Calendar, type Day, formatDay, readDate } from './dates';
import type { Stage, StageSet } from './stages';
import { cellText, isBlank, quote } from './text';
import { readAmount, readProbability } from './values';

/** The `Snapshots` sheet's header, as the weekly snapshot writes it (SPEC §1). */
export const SNAPSHOT_HEADERS = [
  'Taken',
  'Deal ID',
  'Deal',
  'Owner',
  'Stage',
  'Amount',
  'Probability',
  'Expected Close',
];

const SNAPSHOT_COLUMNS = {
  taken: ['Taken', 'Snapshot', 'Snapshot Date', 'Taken On', 'Date'],
  dealId: ['Deal ID', 'ID'],
  deal: ['Deal', 'Deal Name', 'Name'],
  owner: ['Owner'],
  stage: ['Stage'],
  amount: ['Amount', 'Value'],
  probability: ['Probability'],
  expectedClose: ['Expected Close', 'Expected Close Date', 'Close Date'],
} as const;

/** One row of `Snapshots`: a deal open when the snapshot was taken. */
export interface SnapshotRow {
  /** Sheet row number (header is row 1). */
  readonly row: number;
  readonly taken: Day;
  readonly dealId: string;
  readonly deal: string;
  readonly owner: string;
  readonly stage: Stage | null;
  readonly stageText: string;
  /** null when blank or unreadable. */
  readonly amount: number | null;
  /** The deal's effective probability then (fraction); null when blank or unreadable. */
  readonly probability: number | null;
  readonly expectedClose: Day | null;
}

/**
 * Reads the `Snapshots` table (header row first). Blank rows are skipped. A Taken cell that is
 * not a date is an error naming the cell: the snapshot it belongs to cannot be known, and a
 * waterfall silently missing a deal would not add up to what the team saw.
 */
export function parseSnapshots(
  rows: readonly (readonly unknown[])[],
  stages: StageSet,
  calendar: Calendar,
  sheet = 'Snapshots',
): SnapshotRow[] {
  if (rows.length === 0) return [];
  const map = mapColumns(rows[0] ?? [], SNAPSHOT_COLUMNS);
  requireColumns(map, ['taken'], SNAPSHOT_COLUMNS, sheet);
  const col = map.index;
  if (col.dealId === undefined && col.deal === undefined) {
    requireColumns(map, ['dealId'], SNAPSHOT_COLUMNS, sheet);
  }
  const text = (row: readonly unknown[], i: number | undefined) => (i === undefined ? '' : cellText(row[i]));
  const out: SnapshotRow[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const takenCell = row[col.taken!];
    const dealId = text(row, col.dealId);
    const deal = text(row, col.deal);
    if (isBlank(takenCell) && dealId === '' && deal === '') continue;
    const taken = readDate(takenCell, calendar);
    if (taken.kind !== 'day') {
      const shown = taken.kind === 'bad' ? quote(taken.text) : 'blank';
      throw new PipelineError(
        `${sheet}!${columnLetter(col.taken!)}${r + 1}: Taken ${shown} is not a date; each snapshot row needs the day it was taken.`,
      );
    }
    const stageText = text(row, col.stage);
    const amount = col.amount === undefined ? null : readAmount(row[col.amount]);
    const probability = col.probability === undefined ? null : readProbability(row[col.probability]);
    const close = col.expectedClose === undefined ? null : readDate(row[col.expectedClose], calendar);
    out.push({
      row: r + 1,
      taken: taken.day,
      dealId,
      deal,
      owner: text(row, col.owner),
      stage: stageText === '' ? null : (stages.find(stageText) ?? null),
      stageText,
      amount: amount?.kind === 'number' ? amount.value : null,
      probability: probability?.kind === 'number' ? probability.value : null,
      expectedClose: close?.kind === 'day' ? close.day : null,
    });
  }
  return out;
}

/** The key a snapshot row and a deal are matched on: the Deal ID, else the deal's name. */
export function dealKey(id: string, name: string): string {
  if (id !== '') return `id:${id}`;
  return name === '' ? '' : `name:${name.trim().toLowerCase()}`;
}

/** The days snapshots were taken, oldest first. */
export function snapshotDays(rows: readonly SnapshotRow[]): Day[] {
  const days = new Set<Day>();
  for (const r of rows) days.add(r.taken);
  return [...days].sort((a, b) => a - b);
}

/** The rows of the snapshot taken on `day`, first row per deal kept. */
export function snapshotOn(rows: readonly SnapshotRow[], day: Day): Map<string, SnapshotRow> {
  const deals = new Map<string, SnapshotRow>();
  for (const r of rows) {
    if (r.taken !== day) continue;
    const key = dealKey(r.dealId, r.deal) || `row:${r.row}`;
    if (!deals.has(key)) deals.set(key, r);
  }
  return deals;
}

/** The probability a snapshot row was forecast with: its own, else its stage's; null when neither is known. */
export function snapshotProbability(row: SnapshotRow): number | null {
  if (row.probability !== null) return row.probability;
  return row.stage ? row.stage.probability : null;
}

/** `2026-11-16` for messages. */
export function dayText(day: Day): string {
  return formatDay(day);
}
