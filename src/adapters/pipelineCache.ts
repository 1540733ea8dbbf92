/**
 * Small JSON values kept in the document cache so the sidebar's poll and the edit trigger do
 * not re-read what rarely changes (the deals header, the Stages table, where the Stage column
 * is). Every entry is checked cheaply before use (sheet ID, last column) and dropped by the edit
 * trigger when its source is edited; a missing cache (no document) just means no caching.
 */
type Cache = GoogleAppsScript.Cache.Cache;

const PREFIX = 'pipeline:v1:';

export const CACHE_KEYS = {
  header: (sheetId: number) => `hdr:${sheetId}`,
  stages: 'stages',
  stageColumn: 'stagecol',
  lostReasons: 'lost',
  stageOdds: 'odds',
} as const;

export class PipelineCache {
  constructor(private readonly cache: Cache | null) {}

  /** The document cache, or a no-op cache when there is none. */
  static document(): PipelineCache {
    try {
      return new PipelineCache(CacheService.getDocumentCache());
    } catch {
      return new PipelineCache(null);
    }
  }

  get<T>(key: string): T | null {
    if (!this.cache) return null;
    const text = this.cache.get(PREFIX + key);
    if (text === null) return null;
    try {
      return JSON.parse(text) as T;
    } catch {
      return null;
    }
  }

  put(key: string, value: unknown, seconds: number): void {
    if (!this.cache) return;
    const text = JSON.stringify(value);
    // The cache holds 100 KB per value; a bigger value is simply not cached.
    if (text.length > 90_000) return;
    this.cache.put(PREFIX + key, text, seconds);
  }

  remove(...keys: string[]): void {
    if (!this.cache || keys.length === 0) return;
    this.cache.removeAll(keys.map((k) => PREFIX + k));
  }
}
