/**
 * Server-side validation of every sidebar request. Any top-level function of the script can be
 * called by anyone with edit access (google.script.run from the browser console), so nothing
 * the client sends is trusted: shapes, types, lengths, ID format, dates and numbers are checked
 * here and a bad request is a PipelineError that says what is wrong.
 */
import { PipelineError } from '../errors';
import { isDealId, MAX_DEAL_ID_LENGTH } from '../model/ids';
import { readAmount } from '../model/values';
import type { DealChanges, DealRef, MoveRequest, SnoozeRequest, UpdateRequest } from './types';

export const LIMITS = {
  name: 500,
  stage: 100,
  nextStep: 1000,
  lostReason: 300,
  /** Largest amount accepted (a typo guard, and far from float trouble). */
  amount: 1e13,
  /** Sheets has at most 10 million cells, so no row number is larger. */
  row: 10_000_000,
} as const;

type Raw = Record<string, unknown>;

function object(value: unknown, what: string): Raw {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PipelineError(`The ${what} request is malformed.`);
  }
  return value as Raw;
}

/**
 * Text of at most `max` characters. Identifiers are trimmed; free text (`raw`) is kept exactly
 * as typed so it reads back unchanged, unless it is only blanks.
 */
function text(value: unknown, label: string, max: number, { required = false, raw = false } = {}): string {
  if (value === undefined || value === null) {
    if (required) throw new PipelineError(`${label} is required.`);
    return '';
  }
  if (typeof value !== 'string') throw new PipelineError(`${label} must be text.`);
  const trimmed = value.trim();
  if (required && trimmed === '') throw new PipelineError(`${label} is required.`);
  const out = raw && trimmed !== '' ? value : trimmed;
  if (out.length > max) throw new PipelineError(`${label} is too long (at most ${max} characters).`);
  return out;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO day `YYYY-MM-DD` between 1900 and 2199, or '' when blank is allowed. */
export function isoDay(value: unknown, label: string, { blank = true } = {}): string {
  const t = text(value, label, 10);
  if (t === '') {
    if (blank) return '';
    throw new PipelineError(`${label} is required.`);
  }
  const m = ISO_DAY.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (
      y >= 1900 &&
      y < 2200 &&
      date.getUTCFullYear() === y &&
      date.getUTCMonth() === mo - 1 &&
      date.getUTCDate() === d
    ) {
      return t;
    }
  }
  throw new PipelineError(`${label} must be a date like 2026-11-23.`);
}

/** A finite number within ±max, or null for blank (null/undefined/''). */
export function finiteNumber(value: unknown, label: string, min: number, max: number): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new PipelineError(`${label} must be a number.`);
  if (value < min || value > max) throw new PipelineError(`${label} must be between ${min} and ${max}.`);
  return value;
}

/** Shorthand such as `12k` or `1.5m`: the sheet does not read it, so it is refused with a hint. */
const SHORTHAND = /^[$€£]?\s*(\d+(?:\.\d+)?)\s*([kKmM])$/;

/**
 * An amount as the user typed it in the sidebar: what the sheet itself reads as an amount
 * (`12500`, `$12,500.50`, `12500 USD`), the same reader as the metrics use, so a value the
 * sidebar saves is a value every function reads. Blank (null, undefined, '' or only spaces)
 * is null: the caller decides whether that clears the cell or keeps it. Anything else is an
 * error naming the value, never a silent 0 or a blank.
 */
export function parseAmountInput(
  value: unknown,
  label: string,
): { value: number | null } | { error: string } {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: `${label} must be a number.` };
    return amountInRange(value, String(value), label);
  }
  if (typeof value !== 'string') return { error: `${label} must be a number.` };
  const text = value.trim();
  if (text === '') return { value: null };
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  const read = readAmount(text);
  if (read.kind !== 'number') {
    const short = SHORTHAND.exec(text);
    if (short) {
      const times = /k/i.test(short[2] ?? '') ? 1e3 : 1e6;
      const full = Math.round(Number(short[1]) * times * 100) / 100;
      return {
        error: `${label} "${shown}" is not an amount the sheet reads: type ${full} instead of ${text}.`,
      };
    }
    return {
      error: `${label} "${shown}" is not an amount: type a number such as 12500, $12,500.50 or 12500 USD.`,
    };
  }
  return amountInRange(read.value, shown, label);
}

function amountInRange(value: number, shown: string, label: string): { value: number } | { error: string } {
  // A negative amount is the team's data (a credit, a refund): saved as typed; PIPELINE_CHECK
  // lists it as doubtful.
  if (Math.abs(value) > LIMITS.amount) {
    return { error: `${label} "${shown}" is too large (at most 10,000,000,000,000).` };
  }
  return { value };
}

/** parseAmountInput, throwing its message as a PipelineError. */
export function amountInput(value: unknown, label: string): number | null {
  const read = parseAmountInput(value, label);
  if ('error' in read) throw new PipelineError(read.error);
  return read.value;
}

export function readDealRef(raw: Raw): DealRef {
  const id = text(raw.id, 'The deal ID', MAX_DEAL_ID_LENGTH);
  if (id !== '' && !isDealId(id)) throw new PipelineError('The deal ID holds a line break or tab.');
  const row = raw.row;
  if (typeof row !== 'number' || !Number.isInteger(row) || row < 2 || row > LIMITS.row) {
    throw new PipelineError('The row number is not valid.');
  }
  const name = text(raw.name, 'The deal name', LIMITS.name);
  if (id === '' && name === '') throw new PipelineError('The request names no deal (no ID and no name).');
  return { id, row, name, expectedStage: text(raw.expectedStage, 'The current stage', LIMITS.stage) };
}

export function readMoveRequest(value: unknown): MoveRequest {
  const raw = object(value, 'move');
  const ref = readDealRef(raw);
  const toStage = text(raw.toStage, 'The new stage', LIMITS.stage, { required: true });
  return {
    ...ref,
    toStage,
    closedOn: isoDay(raw.closedOn, 'The Closed date'),
    amount: amountInput(raw.amount, 'The final amount'),
    lostReason: text(raw.lostReason, 'The lost reason', LIMITS.lostReason, { raw: true }),
  };
}

function readChanges(value: unknown, what: string): DealChanges {
  const raw = object(value ?? {}, what);
  const out: { -readonly [K in keyof DealChanges]: DealChanges[K] } = {};
  for (const key of Object.keys(raw)) {
    if (
      ![
        'nextStep',
        'nextStepDate',
        'expectedClose',
        'amount',
        'probability',
        'closed',
        'lostReason',
      ].includes(key)
    ) {
      throw new PipelineError(`${key} cannot be edited from the sidebar.`);
    }
  }
  if (raw.nextStep !== undefined)
    out.nextStep = text(raw.nextStep, 'Next Step', LIMITS.nextStep, { raw: true });
  if (raw.expectedClose !== undefined) out.expectedClose = isoDay(raw.expectedClose, 'Expected Close');
  if (raw.nextStepDate !== undefined) out.nextStepDate = isoDay(raw.nextStepDate, 'Next Step Date');
  if (raw.amount !== undefined) out.amount = amountInput(raw.amount, 'Amount');
  if (raw.probability !== undefined) out.probability = finiteNumber(raw.probability, 'Probability', 0, 1);
  if (raw.closed !== undefined) out.closed = isoDay(raw.closed, 'The Closed date');
  if (raw.lostReason !== undefined)
    out.lostReason = text(raw.lostReason, 'The lost reason', LIMITS.lostReason, { raw: true });
  return out;
}

export function readUpdateRequest(value: unknown): UpdateRequest {
  const raw = object(value, 'update');
  const ref = readDealRef(raw);
  const changes = readChanges(raw.changes, 'update');
  if (Object.keys(changes).length === 0) throw new PipelineError('Nothing to save: no field was changed.');
  const seen = readChanges(raw.seen, 'update');
  return { ...ref, changes, seen };
}

export function readSnoozeRequest(value: unknown): SnoozeRequest {
  const raw = object(value, 'snooze');
  return { ...readDealRef(raw), until: isoDay(raw.until, 'Snoozed Until') };
}
