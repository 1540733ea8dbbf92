/** CacheService: document, script and per-user caches whose entries expire on the world clock. */
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';

export const CACHE_KEY_LIMIT = 250;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_MAX_TTL_SECONDS = 21_600;
export const CACHE_DEFAULT_TTL_SECONDS = 600;
export const CACHE_MAX_ITEMS = 1000;

interface Entry {
  value: string;
  expires: number;
}

/** World-side storage of one cache. */
export class CacheStore {
  readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  get(key: string): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }

  put(key: string, value: string, ttlSeconds: number): void {
    this.entries.set(key, { value, expires: this.now() + ttlSeconds * 1000 });
    if (this.entries.size > CACHE_MAX_ITEMS) this.evict();
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  /** Live keys (test helper). */
  keys(): string[] {
    return [...this.entries.keys()].filter((k) => this.get(k) !== null);
  }

  /** Over capacity the cache keeps the 900 entries farthest from expiring. */
  private evict(): void {
    const sorted = [...this.entries].sort(([, a], [, b]) => b.expires - a.expires).slice(0, 900);
    this.entries.clear();
    for (const [k, e] of sorted) this.entries.set(k, e);
  }
}

function checkKey(key: unknown): string {
  if (key === null || key === undefined) throw gasError('Invalid argument: key');
  const k = String(key);
  if (k.length > CACHE_KEY_LIMIT) throw gasError('Argument too large: key');
  return k;
}

function checkValue(value: unknown): string {
  if (value === null || value === undefined) throw gasError('Invalid argument: value');
  const v = String(value);
  if (Buffer.byteLength(v, 'utf8') > CACHE_VALUE_LIMIT) throw gasError('Argument too large: value');
  return v;
}

function ttl(seconds: unknown): number {
  if (seconds === undefined || seconds === null) return CACHE_DEFAULT_TTL_SECONDS;
  const n = Number(seconds);
  if (!Number.isFinite(n)) throw gasError('Invalid argument: expirationInSeconds');
  return Math.min(Math.max(n, 1), CACHE_MAX_TTL_SECONDS);
}

export class CacheFake implements Bound {
  constructor(
    readonly exec: Execution,
    private readonly store: CacheStore,
  ) {}

  get(key: string): string | null {
    return this.store.get(checkKey(key));
  }

  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const v = this.store.get(checkKey(key));
      if (v !== null) out[key] = v;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this.store.put(checkKey(key), checkValue(value), ttl(expirationInSeconds));
  }

  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    const seconds = ttl(expirationInSeconds);
    const checked = Object.entries(values).map(([k, v]) => [checkKey(k), checkValue(v)] as const);
    for (const [k, v] of checked) this.store.put(k, v, seconds);
  }

  remove(key: string): void {
    this.store.remove(checkKey(key));
  }

  removeAll(keys: string[]): void {
    for (const key of keys) this.store.remove(checkKey(key));
  }
}

instrument(CacheFake, 'Cache');

export class CacheServiceFake implements Bound {
  constructor(readonly exec: Execution) {}

  getDocumentCache(): CacheFake {
    return new CacheFake(this.exec, this.exec.world.documentCache);
  }

  getScriptCache(): CacheFake {
    return new CacheFake(this.exec, this.exec.world.scriptCache);
  }

  getUserCache(): CacheFake {
    return new CacheFake(this.exec, this.exec.world.userCache(this.exec.user));
  }
}

instrument(CacheServiceFake, 'CacheService');
