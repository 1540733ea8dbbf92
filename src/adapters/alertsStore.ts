/**
 * The alerts' state in document properties: settings, the last run's summary, the alerted set,
 * the queue of waiting digests and the sending lease. Large values are split into shards of at
 * most 8,000 bytes (a property value may hold 9 KB); the whole store is read with one call.
 */
import { type AlertConfig, parseConfig, parseSummary, type RunSummary } from '../core/alerts/settings';
import {
  type Alerted,
  type PendingDigest,
  parseAlerted,
  parsePending,
  serializeAlerted,
  serializePending,
} from '../core/alerts/state';

type Properties = GoogleAppsScript.Properties.Properties;

const PREFIX = 'pipeline.alerts.';
export const KEYS = {
  config: `${PREFIX}config`,
  lastRun: `${PREFIX}lastRun`,
  alerted: `${PREFIX}alerted`,
  pending: `${PREFIX}pending`,
  lease: `${PREFIX}lease`,
  undelivered: `${PREFIX}undelivered`,
} as const;

export const SHARD_BYTES = 8000;

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes (never inside a character). */
export function shard(text: string, maxBytes = SHARD_BYTES): string[] {
  const out: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) {
      out.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    if (pair) i++;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Who is sending the queued digests, until when (world-clock ms). */
export interface Lease {
  readonly id: string;
  readonly until: number;
}

export class AlertsStore {
  private cache: Record<string, string> | null = null;

  constructor(private readonly props: Properties) {}

  /** Re-reads the store on the next access (after another execution may have changed it). */
  refresh(): this {
    this.cache = null;
    return this;
  }

  private all(): Record<string, string> {
    if (this.cache === null) this.cache = this.props.getProperties();
    return this.cache;
  }

  private get(key: string): string | null {
    return this.all()[key] ?? null;
  }

  config(): AlertConfig | null {
    return parseConfig(this.get(KEYS.config));
  }

  saveConfig(config: AlertConfig | null): void {
    if (config === null) this.props.deleteProperty(KEYS.config);
    else this.props.setProperty(KEYS.config, JSON.stringify(config));
    this.cache = null;
  }

  lastRun(): RunSummary | null {
    return parseSummary(this.get(KEYS.lastRun));
  }

  saveLastRun(summary: RunSummary): void {
    // Errors are the only open-ended part: keep the summary well inside one value.
    const errors = summary.errors.slice(0, 10).map((e) => (e.length > 300 ? `${e.slice(0, 297)}...` : e));
    this.props.setProperty(KEYS.lastRun, JSON.stringify({ ...summary, errors }));
    this.cache = null;
  }

  alerted(): Alerted {
    return parseAlerted(this.sharded(KEYS.alerted));
  }

  pending(): PendingDigest[] {
    return parsePending(this.sharded(KEYS.pending));
  }

  /** Saves the alerted set and/or the queue in one `setProperties`, then drops stale shards. */
  saveState(state: { alerted?: Alerted; pending?: readonly PendingDigest[] }): void {
    const values: Record<string, string> = {};
    const stale: string[] = [];
    const put = (key: string, text: string) => {
      const pieces = text === '' ? [] : shard(text);
      values[`${key}.n`] = String(pieces.length);
      pieces.forEach((p, i) => {
        values[`${key}.${i}`] = p;
      });
      const old = Number(this.get(`${key}.n`) ?? 0);
      for (let i = pieces.length; i < old; i++) stale.push(`${key}.${i}`);
    };
    if (state.alerted) put(KEYS.alerted, serializeAlerted(state.alerted));
    if (state.pending) put(KEYS.pending, serializePending(state.pending));
    this.props.setProperties(values);
    for (const key of stale) this.props.deleteProperty(key);
    this.cache = null;
  }

  /** Notes of digests given up (each with the day it was), newer than `sinceDay`. */
  undelivered(sinceDay = Number.NEGATIVE_INFINITY): string[] {
    return this.undeliveredEntries()
      .filter((e) => e.day >= sinceDay)
      .map((e) => e.note);
  }

  addUndelivered(note: string, day: number): void {
    const list = [...this.undeliveredEntries(), { note: note.slice(0, 400), day }].slice(-10);
    this.props.setProperty(KEYS.undelivered, JSON.stringify(list));
    this.cache = null;
  }

  private undeliveredEntries(): { note: string; day: number }[] {
    try {
      const raw = JSON.parse(this.get(KEYS.undelivered) ?? '[]') as unknown;
      return Array.isArray(raw)
        ? raw
            .filter((e) => e && typeof e.note === 'string' && typeof e.day === 'number')
            .map((e) => ({ note: e.note as string, day: e.day as number }))
        : [];
    } catch {
      return [];
    }
  }

  lease(): Lease | null {
    const text = this.get(KEYS.lease);
    if (!text) return null;
    try {
      const raw = JSON.parse(text) as Partial<Lease>;
      return typeof raw.id === 'string' && typeof raw.until === 'number'
        ? { id: raw.id, until: raw.until }
        : null;
    } catch {
      return null;
    }
  }

  saveLease(lease: Lease | null): void {
    if (lease === null) this.props.deleteProperty(KEYS.lease);
    else this.props.setProperty(KEYS.lease, JSON.stringify(lease));
    this.cache = null;
  }

  private sharded(key: string): string | null {
    const n = Number(this.get(`${key}.n`) ?? 0);
    if (!Number.isInteger(n) || n <= 0) return null;
    let text = '';
    for (let i = 0; i < n; i++) text += this.get(`${key}.${i}`) ?? '';
    return text;
  }
}
