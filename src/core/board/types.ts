/**
 * What the board and the server exchange. Everything crosses `google.script.run`, which cannot
 * carry Date objects: days travel as ISO text (`2026-11-23`), amounts as numbers.
 */
import type { DealRef, StageView, WriteResult } from '../moves/types';

/** The hygiene state of a card's next step, the way Pipedrive marks a deal's next activity. */
export type NextStepState = 'overdue' | 'today' | 'planned' | 'none';

/** One open deal as a card. */
export interface CardView {
  /** '' when the row has no ID yet (the first move assigns one). */
  readonly id: string;
  /** Sheet row when read: a hint, moves find the deal by ID. */
  readonly row: number;
  readonly name: string;
  readonly company: string;
  readonly owner: string;
  readonly amount: number | null;
  /** The Amount cell as text when it is not a number, else ''. */
  readonly amountText: string;
  /** The Stage cell as written (what a move expects to find). */
  readonly stage: string;
  /** Index of its column in `BoardView.columns`. */
  readonly column: number;
  readonly daysInStage: number | null;
  readonly nextStep: string;
  readonly nextStepDate: string | null;
  readonly nextStepState: NextStepState;
  readonly expectedClose: string | null;
  /** Expected Close is before today. */
  readonly closePassed: boolean;
  /** Stalled (SPEC §2): days since its clock started, else null. */
  readonly stalledDays: number | null;
  readonly snoozedUntil: string | null;
}

/** One open stage: its name and its totals (the same figures as PIPELINE_FUNNEL). */
export interface ColumnView {
  readonly name: string;
  readonly probability: number;
  /** Stalled After days, null = never. */
  readonly stalledAfter: number | null;
  readonly count: number;
  readonly value: number;
  readonly weighted: number;
  /** Deals in it not sent as cards (the column is longer than the board shows). */
  readonly notShown: number;
}

/** An owner for the filter: the Owner cell's first spelling, and per column their totals. */
export interface OwnerView {
  /** '' = deals with no owner. */
  readonly name: string;
  readonly totals: readonly { readonly count: number; readonly value: number; readonly weighted: number }[];
}

export interface BoardView {
  readonly kind: 'board';
  /** A fingerprint of everything below: the same board gives the same text. */
  readonly version: string;
  readonly sheet: string;
  readonly today: string;
  readonly columns: readonly ColumnView[];
  /** The Won and Lost targets (every stage that is not open), in Stages order. */
  readonly outcomes: readonly StageView[];
  readonly cards: readonly CardView[];
  readonly owners: readonly OwnerView[];
  /** Lost reasons used before, most used first. */
  readonly lostReasons: readonly string[];
  /** Does the sheet have these columns? (Lost needs Lost Reason; Won's final amount needs Amount.) */
  readonly hasLostReason: boolean;
  readonly hasAmount: boolean;
  /** Rows of open-looking deals the board cannot place (unknown stage), for a note. */
  readonly unplaced: number;
  /** Stage moves typed in the sheet that History lacked, recorded by this load (Via = sync). */
  readonly synced?: number;
}

/** The board, or `same` when it has not changed since the version the client holds. */
export type BoardLoad =
  | BoardView
  | { readonly kind: 'same'; readonly version: string }
  | { readonly kind: 'none'; readonly message: string };

/** A move's result and the board read right after it (null when it could not be read). */
export interface BoardMoveResult {
  readonly result: WriteResult;
  readonly board: BoardLoad | null;
}

export type { DealRef };
