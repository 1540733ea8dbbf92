/**
 * What the sidebar and the server exchange. Everything here crosses `google.script.run`, which
 * cannot carry Date objects: days travel as ISO text (`2026-11-23`), amounts as numbers.
 */
import type { DealField } from '../model/columns';
import type { Outcome } from '../model/stages';

export interface StageView {
  readonly name: string;
  readonly outcome: Outcome;
  /** Fraction 0–1. */
  readonly probability: number;
}

/**
 * An open stage's chance of winning, set against History: the probability in Stages and the
 * stage's historical win rate, on how many closed deals — PIPELINE_CALIBRATION's row.
 */
export interface StageOddsView {
  readonly stage: string;
  /** Fraction 0–1, as set in Stages. */
  readonly set: number;
  /** Won ÷ closed deals that reached the stage; null when no closed deal reached it. */
  readonly historical: number | null;
  readonly closedDeals: number;
}

/** A deal as the sidebar shows it. */
export interface DealView {
  /** '' when the row has no ID yet (the first write assigns one). */
  readonly id: string;
  /** Sheet row when it was read: a hint only, writes find the deal by ID. */
  readonly row: number;
  readonly name: string;
  readonly company: string;
  readonly owner: string;
  readonly amount: number | null;
  /** The Amount cell as text when it could not be read as a number, else ''. */
  readonly amountText: string;
  /** The Stage cell as written. */
  readonly stage: string;
  /** The stage's canonical name, null when the cell is blank or not a known stage. */
  readonly stageName: string | null;
  readonly outcome: Outcome | null;
  /** The deal's own Probability (fraction), null when blank. */
  readonly probability: number | null;
  /** The probability used for weighting: its own, else its stage's. */
  readonly effectiveProbability: number | null;
  readonly daysInStage: number | null;
  readonly stageEntered: string | null;
  readonly expectedClose: string | null;
  readonly closed: string | null;
  readonly lastActivity: string | null;
  readonly snoozedUntil: string | null;
  readonly stalledSince: string | null;
  readonly nextStep: string;
  /** When the next step is due (ISO day), null when blank. */
  readonly nextStepDate: string | null;
  readonly lostReason: string;
}

export type SelectionView =
  | {
      readonly kind: 'deal';
      readonly sheet: string;
      readonly deal: DealView;
      readonly stages: readonly StageView[];
      /** Deal fields that have a column in the sheet (others cannot be edited). */
      readonly fields: readonly DealField[];
      readonly today: string;
    }
  | { readonly kind: 'none'; readonly message: string };

export interface HistoryItemView {
  readonly when: string | null;
  readonly from: string;
  readonly to: string;
  readonly days: number | null;
  readonly by: string;
  readonly via: string;
}

/** Which deal a write is about, and what the sidebar saw of it. */
export interface DealRef {
  readonly id: string;
  /** The row the sidebar read it from (a hint). */
  readonly row: number;
  /** The deal name the sidebar saw (identifies a row that has no ID yet). */
  readonly name: string;
  /** The Stage cell the sidebar saw: the write is refused when it changed. */
  readonly expectedStage: string;
}

export interface MoveRequest extends DealRef {
  readonly toStage: string;
  /** Won/Lost: the Closed day (ISO); blank = today. */
  readonly closedOn?: string;
  /** Won: the final amount; null/undefined keeps the current amount. */
  readonly amount?: number | null;
  /** Lost: why (required when the sheet has a Lost Reason column). */
  readonly lostReason?: string;
}

/** Editable fields. A date is ISO text, '' clears; a number null clears. */
export interface DealChanges {
  readonly nextStep?: string;
  readonly nextStepDate?: string;
  readonly expectedClose?: string;
  readonly amount?: number | null;
  /** Fraction 0–1. */
  readonly probability?: number | null;
  /** A closed (won or lost) deal's Closed day, ISO; it cannot be cleared. */
  readonly closed?: string;
  /** A lost deal's reason; it cannot be cleared. */
  readonly lostReason?: string;
}

/**
 * An amount as the client sends it: the field's text exactly as typed (the server reads it as
 * the sheet would, and refuses what it cannot read), or a number.
 */
export type AmountInput = number | string | null;

/** A move as the client sends it: the final amount may be the text typed. */
export interface MoveRequestInput extends Omit<MoveRequest, 'amount'> {
  readonly amount?: AmountInput;
}

/** An update as the client sends it: the Amount may be the text typed. */
export interface UpdateRequestInput extends DealRef {
  readonly changes: Omit<DealChanges, 'amount'> & { readonly amount?: AmountInput };
  readonly seen: DealChanges;
}

export interface UpdateRequest extends DealRef {
  readonly changes: DealChanges;
  /** The values the sidebar saw for the changed fields: the write is refused when they changed. */
  readonly seen: DealChanges;
}

export interface SnoozeRequest extends DealRef {
  /** ISO day after today; '' ends the snooze. */
  readonly until: string;
}

export type WriteResult =
  | { readonly ok: true; readonly message: string; readonly deal: DealView }
  | {
      readonly ok: false;
      /** conflict: the deal changed; missing: it is gone; locked: someone else is writing. */
      readonly code: 'conflict' | 'missing' | 'locked';
      readonly message: string;
      /** The deal as it is now (null when it is gone or was not read). */
      readonly deal: DealView | null;
    };
