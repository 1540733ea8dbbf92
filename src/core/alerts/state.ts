/**
 * What the alerts remember between runs, as plain data: which (deal, stall) pairs were already
 * alerted, and the digests still waiting to be sent. Both are bounded so they fit the document
 * properties (9 KB a value, 500 KB a store).
 */
import { clockStart, stalledSinceDay } from '../metrics/stalled';
import type { Day } from '../model/dates';
import { type Deal, isOpen } from '../model/deals';

/** Alerted stalls: deal key → the day its stall began. One stall per deal is current at a time. */
export type Alerted = Map<string, Day>;

/** At most this many deals are listed in one digest; the rest are counted. */
export const MAX_LISTED = 50;
/** Bytes the alerted set may take once serialised (it is sharded across properties). */
export const MAX_ALERTED_BYTES = 48_000;

/**
 * A stable key per deal: its ID; a deal without an ID (or sharing its ID with another row) is
 * keyed by its ID, name and company. Keys never hold tabs or line breaks.
 */
export function dealKeys(deals: readonly Deal[]): Map<Deal, string> {
  const count = new Map<string, number>();
  for (const d of deals) if (d.id !== '') count.set(d.id, (count.get(d.id) ?? 0) + 1);
  const keys = new Map<Deal, string>();
  for (const d of deals) {
    const raw = d.id !== '' && count.get(d.id) === 1 ? d.id : `${d.id}#${d.name}|${d.company}`;
    keys.set(d, clean(raw).slice(0, 80));
  }
  return keys;
}

function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

/** One `base36(day) key` line per pair. */
export function serializeAlerted(alerted: Alerted): string {
  const lines: string[] = [];
  for (const [key, since] of alerted) lines.push(`${since.toString(36)} ${key}`);
  return lines.join('\n');
}

export function parseAlerted(text: string | null): Alerted {
  const alerted: Alerted = new Map();
  if (!text) return alerted;
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const since = Number.parseInt(line.slice(0, space), 36);
    if (Number.isFinite(since)) alerted.set(line.slice(space + 1), since);
  }
  return alerted;
}

/**
 * The day a deal that is not stalled now would stall (its clock unchanged), or null when it
 * never can (closed, no limit, no date).
 */
export function nextStallDay(deal: Deal): Day | null {
  if (!isOpen(deal)) return null;
  const limit = deal.stage?.stalledAfter;
  const start = clockStart(deal);
  if (limit === null || limit === undefined || start === null) return null;
  const became = start + limit + 1;
  return deal.snoozedUntil !== null && deal.snoozedUntil > became ? deal.snoozedUntil : became;
}

/**
 * Keeps the pairs that still matter: the deal exists and is open, and the remembered stall is
 * still its stall (stalled since that day now, or not stalled but its clock not reset since).
 * A deal that closed, moved, was touched or snoozed past that stall is forgotten, so its next
 * stall is alerted. When the set outgrows `maxBytes` the oldest stalls go first (their
 * `Stalled Since` cells still remember them).
 */
export function pruneAlerted(
  alerted: Alerted,
  deals: readonly Deal[],
  keys: ReadonlyMap<Deal, string>,
  today: Day,
  maxBytes = MAX_ALERTED_BYTES,
): Alerted {
  const byKey = new Map<string, Deal>();
  for (const d of deals) byKey.set(keys.get(d)!, d);
  const kept: [string, Day][] = [];
  for (const [key, since] of alerted) {
    const deal = byKey.get(key);
    if (!deal || !isOpen(deal)) continue;
    const now = stalledSinceDay(deal, today);
    if (now !== null ? now !== since : (nextStallDay(deal) ?? Number.POSITIVE_INFINITY) > since) continue;
    kept.push([key, since]);
  }
  return capAlerted(kept, maxBytes);
}

/** Drops the oldest stalls until the serialised set fits `maxBytes`. */
export function capAlerted(
  pairs: readonly (readonly [string, Day])[],
  maxBytes = MAX_ALERTED_BYTES,
): Alerted {
  const sorted = [...pairs].sort((a, b) => b[1] - a[1]);
  const out: Alerted = new Map();
  let bytes = 0;
  for (const [key, since] of sorted) {
    const size = utf8Length(key) + since.toString(36).length + 2;
    if (bytes + size > maxBytes) break;
    bytes += size;
    out.set(key, since);
  }
  return out;
}

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A stalled deal as the check sees it today. */
export interface StallInfo {
  readonly key: string;
  readonly deal: Deal;
  readonly since: Day;
}

/**
 * The stalls nobody was told about yet: not in the alerted set and not already in the deal's
 * `Stalled Since` cell before this run (`priorFlag`: the day that cell held, null when blank).
 */
export function newStalls(
  stalls: readonly StallInfo[],
  alerted: Alerted,
  priorFlag: (deal: Deal) => Day | null,
): StallInfo[] {
  return stalls.filter((s) => alerted.get(s.key) !== s.since && priorFlag(s.deal) !== s.since);
}

/**
 * A digest waiting to be sent: to an owner's address, to an owner who has no address yet
 * (`to` blank, `owner` the name: kept until `Team` gives one), or the manager summary.
 */
export interface PendingDigest {
  readonly manager: boolean;
  /** Owner's address ('' for the manager summary, and for an owner with no address yet). */
  readonly to: string;
  /** (deal key, stall day) pairs listed in the digest. */
  readonly items: readonly (readonly [string, Day])[];
  /** Further new stalls counted but not listed (beyond `MAX_LISTED`). */
  readonly more: number;
  /** Failed sends so far. */
  readonly attempts: number;
  /** The owner's name while they have no address ('' otherwise). */
  readonly owner?: string;
  /** Day of the first failed send of this digest (null: none failed). */
  readonly failedSince?: Day | null;
  /** The last failure's message. */
  readonly lastError?: string;
  /**
   * Sends started and not yet recorded: 1 means a run died between sending and recording (the
   * mail may have gone): it is sent once more; 2 means that happened twice: not sent again.
   */
  readonly unconfirmed?: number;
}

/** Failed sends are retried on each run for this many days, then reported and given up. */
export const RETRY_DAYS = 5;

export function digestKey(d: Pick<PendingDigest, 'manager' | 'to' | 'owner'>): string {
  if (d.manager) return '\u0000manager';
  if (d.to === '') return `\u0000owner:${(d.owner ?? '').trim().toLowerCase()}`;
  return d.to.toLowerCase();
}

/**
 * Digests that waited for an owner's address and have one now (from `Team` or the Owner cell):
 * addressed, and merged into that address's digest (still one email each).
 */
export function readdress(
  queue: readonly PendingDigest[],
  emailOf: (owner: string) => string | null,
): PendingDigest[] {
  const waiting: PendingDigest[] = [];
  const found: PendingDigest[] = [];
  for (const d of queue) {
    const to = !d.manager && d.to === '' ? emailOf(d.owner ?? '') : null;
    if (to) found.push({ ...d, to, owner: '' });
    else waiting.push(d);
  }
  return enqueue(waiting, found);
}

/** Marks a digest as being sent (before MailApp is called): see `unconfirmed`. */
export function markSending(queue: readonly PendingDigest[], sending: PendingDigest): PendingDigest[] {
  const key = digestKey(sending);
  return queue.map((d) => (digestKey(d) === key ? { ...d, unconfirmed: (d.unconfirmed ?? 0) + 1 } : d));
}

/** Adds new stalls to the queue, merged into the recipient's waiting digest (one email each). */
export function enqueue(queue: readonly PendingDigest[], add: readonly PendingDigest[]): PendingDigest[] {
  const out = new Map<string, PendingDigest>();
  for (const d of queue) out.set(digestKey(d), d);
  for (const d of add) {
    const old = out.get(digestKey(d));
    if (!old) {
      out.set(digestKey(d), limitItems(d));
      continue;
    }
    const seen = new Set(old.items.map(([k, s]) => `${s} ${k}`));
    const items = [...old.items, ...d.items.filter(([k, s]) => !seen.has(`${s} ${k}`))];
    out.set(digestKey(d), limitItems({ ...old, items, more: old.more + d.more }));
  }
  return [...out.values()];
}

function limitItems(d: PendingDigest): PendingDigest {
  if (d.items.length <= MAX_LISTED) return d;
  return { ...d, items: d.items.slice(0, MAX_LISTED), more: d.more + d.items.length - MAX_LISTED };
}

/**
 * Removes what was just sent from the queue as it is now (it may have gained items from another
 * run since): the sent items, the counted `more`, and the digest itself when nothing is left.
 */
export function markSent(queue: readonly PendingDigest[], sent: PendingDigest): PendingDigest[] {
  const key = digestKey(sent);
  const gone = new Set(sent.items.map(([k, s]) => `${s} ${k}`));
  const out: PendingDigest[] = [];
  for (const d of queue) {
    if (digestKey(d) !== key) {
      out.push(d);
      continue;
    }
    const items = d.items.filter(([k, s]) => !gone.has(`${s} ${k}`));
    const more = Math.max(0, d.more - sent.more);
    if (items.length > 0 || more > 0) {
      // Sent: what arrived since starts afresh (no failures, nothing unconfirmed).
      const { failedSince: _f, lastError: _e, unconfirmed: _u, ...rest } = d;
      out.push({ ...rest, items, more, attempts: 0 });
    }
  }
  return out;
}

/**
 * Records a failed send (MailApp threw: nothing went out). The digest stays queued and is tried
 * again on each later run; once it has failed for `RETRY_DAYS` days it is given up and returned
 * as `dropped`, for the caller to report (to the manager and in Alert settings).
 */
export function markFailed(
  queue: readonly PendingDigest[],
  failed: PendingDigest,
  today: Day,
  error: string,
  retryDays = RETRY_DAYS,
): { queue: PendingDigest[]; dropped: PendingDigest | null } {
  const key = digestKey(failed);
  let dropped: PendingDigest | null = null;
  const out: PendingDigest[] = [];
  for (const d of queue) {
    if (digestKey(d) !== key) {
      out.push(d);
      continue;
    }
    const since = d.failedSince ?? today;
    const next = { ...d, attempts: d.attempts + 1, failedSince: since, lastError: error, unconfirmed: 0 };
    if (today - since >= retryDays) dropped = next;
    else out.push(next);
  }
  return { queue: out, dropped };
}

export function serializePending(queue: readonly PendingDigest[]): string {
  return JSON.stringify(
    queue.map((d) => [
      d.manager ? 1 : 0,
      d.to,
      d.items,
      d.more,
      d.attempts,
      d.owner ?? '',
      d.failedSince ?? null,
      (d.lastError ?? '').slice(0, 200),
      d.unconfirmed ?? 0,
    ]),
  );
}

export function parsePending(text: string | null): PendingDigest[] {
  if (!text) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: PendingDigest[] = [];
  for (const entry of raw) {
    if (!Array.isArray(entry)) continue;
    const [manager, to, items, more, attempts, owner, failedSince, lastError, unconfirmed] =
      entry as unknown[];
    if (!Array.isArray(items)) continue;
    out.push({
      manager: manager === 1,
      to: String(to ?? ''),
      items: items
        .filter((i): i is [string, number] => Array.isArray(i) && typeof i[1] === 'number')
        .map(([k, s]) => [String(k), s] as const),
      more: Number(more) || 0,
      attempts: Number(attempts) || 0,
      owner: typeof owner === 'string' ? owner : '',
      failedSince: typeof failedSince === 'number' ? failedSince : null,
      lastError: typeof lastError === 'string' ? lastError : '',
      unconfirmed: Number(unconfirmed) || 0,
    });
  }
  return out;
}
