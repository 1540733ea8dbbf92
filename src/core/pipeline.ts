import type { DealField } from './model/columns';
import type { Day } from './model/dates';
import type { DealColumns } from './model/dealColumns';
import type { Deal, Problem } from './model/deals';
import type { HistoryEntry, StagesSeen } from './model/history';
import type { SnapshotRow } from './model/snapshots';
import type { StageSet } from './model/stages';
import type { Team } from './model/team';

/** Everything a metric needs, already read and parsed. */
export interface Pipeline {
  readonly deals: readonly Deal[];
  /** The same deals as typed columns (what the hot metrics read); absent: built from `deals`. */
  readonly columns?: DealColumns;
  readonly problems: readonly Problem[];
  readonly stages: StageSet;
  readonly team: Team;
  /** History entries; empty when there is no History sheet (or when only `stagesSeen` was read). */
  readonly history: readonly HistoryEntry[];
  /** What History shows of the stages each deal was in, read without entries (the funnel's fast path). */
  readonly stagesSeen?: StagesSeen;
  /** Today in the spreadsheet's time zone. */
  readonly today: Day;
  /** The deals table's columns as found, its headers and its name in messages (absent in some unit tests). */
  readonly dealTable?: DealTableShape;
  /** Snapshots rows, for the functions that take the snapshots table. */
  readonly snapshots?: readonly SnapshotRow[];
}

export interface DealTableShape {
  readonly columns: Partial<Record<DealField, number>>;
  readonly headers: readonly string[];
  readonly sheet: string;
  /** Whether a Status column gave the deals' outcomes (SPEC §1 *Status*); absent: not known. */
  readonly usesStatus?: boolean;
}

/** Inclusive window of days; null ends are open. */
export interface Window {
  readonly start: Day | null;
  readonly end: Day | null;
}

export const ALL_TIME: Window = { start: null, end: null };

export function inWindow(day: Day | null, window: Window): boolean {
  if (window.start === null && window.end === null) return true;
  if (day === null) return false;
  return (window.start === null || day >= window.start) && (window.end === null || day <= window.end);
}

export type Cell = string | number;
export type Table = Cell[][];
