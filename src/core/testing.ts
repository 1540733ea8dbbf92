/**
 * Helpers for the core unit tests only (never imported by the add-on): deal rows with real
 * `Date` cells, a parsed `Pipeline` and an in-memory `WorkbookSource`. Every test works in a
 * fixed "now" (2026-11-23) so day counts are deterministic.
 */
import { loadPipeline } from './loadPipeline';
import { Calendar, type Day } from './model/dates';
import { parseStages } from './model/stages';
import type { Pipeline } from './pipeline';
import type { WorkbookSource } from './source';

export const TODAY_ISO = '2026-11-23';
/** Noon UTC on 2026-11-23: the same calendar day in UTC, Los Angeles and Tokyo. */
export const NOW = new Date('2026-11-23T12:00:00Z');

/** A Date cell as Sheets gives it in a UTC spreadsheet: midnight of that day. */
export function d(iso: string): Date {
  const [y, m, dd] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, dd!));
}

/** The Day number of an ISO date (whole days since 1970-01-01). */
export function day(iso: string): Day {
  return Math.round(d(iso).getTime() / 86_400_000);
}

export const TODAY: Day = day(TODAY_ISO);

export const DEAL_HEADERS = [
  'ID',
  'Deal',
  'Company',
  'Owner',
  'Amount',
  'Stage',
  'Probability',
  'Created',
  'Stage Entered',
  'Expected Close',
  'Closed',
  'Last Activity',
  'Snoozed Until',
] as const;

export interface DealSpec {
  id?: unknown;
  deal?: unknown;
  company?: unknown;
  owner?: unknown;
  amount?: unknown;
  stage?: unknown;
  probability?: unknown;
  /** Date fields: an ISO day `2026-11-01` becomes a Date cell; any other value is kept as typed. */
  created?: unknown;
  stageEntered?: unknown;
  expectedClose?: unknown;
  closed?: unknown;
  lastActivity?: unknown;
  snoozedUntil?: unknown;
}

const KEYS: readonly (keyof DealSpec)[] = [
  'id',
  'deal',
  'company',
  'owner',
  'amount',
  'stage',
  'probability',
  'created',
  'stageEntered',
  'expectedClose',
  'closed',
  'lastActivity',
  'snoozedUntil',
];
const DATE_KEYS = new Set<keyof DealSpec>([
  'created',
  'stageEntered',
  'expectedClose',
  'closed',
  'lastActivity',
  'snoozedUntil',
]);

function cell(key: keyof DealSpec, value: unknown): unknown {
  if (value === undefined) return '';
  if (DATE_KEYS.has(key) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return d(value);
  return value;
}

/** A deals table (header row first) in the canonical column order. */
export function dealRows(specs: readonly DealSpec[]): unknown[][] {
  return [[...DEAL_HEADERS], ...specs.map((s) => KEYS.map((k) => cell(k, s[k])))];
}

/** A History table: `[when, dealId, deal, from, to, daysInStage?]` per row (ISO days become Dates). */
export function historyRows(entries: readonly (readonly unknown[])[]): unknown[][] {
  return [
    ['When', 'Deal ID', 'Deal', 'From', 'To', 'Days In Stage', 'Changed By', 'Via'],
    ...entries.map(([when, id, deal, from, to, days]) => [
      typeof when === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(when) ? d(when) : (when ?? ''),
      id ?? '',
      deal ?? '',
      from ?? '',
      to ?? '',
      days ?? '',
      'ana@example.com',
      'sidebar',
    ]),
  ];
}

export interface PipelineOptions {
  history?: unknown[][];
  team?: unknown[][];
  /** The Stages sheet; absent: learned from the deals, as production does without one (SPEC §1). */
  stages?: unknown[][];
  timeZone?: string;
  today?: Day;
}

/**
 * A pipeline assembled by production's loader (`loadPipeline`, as `runCustomFunction` does),
 * every field read, History with its timing: deals as typed columns, stages from `stages` or
 * learned from the deals when it is absent.
 */
export function pipelineOf(rows: unknown[][], options: PipelineOptions = {}): Pipeline {
  return loadPipeline({
    deals: { rows, sheet: 'Deals' },
    stages: options.stages ? parseStages(options.stages) : null,
    history: options.history ?? null,
    team: () => options.team ?? null,
    calendar: new Calendar(options.timeZone ?? 'Etc/UTC'),
    today: options.today ?? TODAY,
  });
}

/** Shorthand: a pipeline of deals built from specs. */
export function pipeline(specs: readonly DealSpec[], options: PipelineOptions = {}): Pipeline {
  return pipelineOf(dealRows(specs), options);
}

export interface SourceTables {
  deals?: unknown[][] | null;
  sheet?: string;
  stages?: unknown[][] | null;
  team?: unknown[][] | null;
  history?: unknown[][] | null;
  timeZone?: string;
}

/** An in-memory workbook that counts how often each table is read. */
export function memorySource(tables: SourceTables): WorkbookSource & { reads: Record<string, number> } {
  const reads: Record<string, number> = { deals: 0, stages: 0, team: 0, history: 0 };
  return {
    reads,
    deals() {
      reads.deals = (reads.deals ?? 0) + 1;
      return tables.deals ? { rows: tables.deals, sheet: tables.sheet ?? 'Deals' } : null;
    },
    stages() {
      reads.stages = (reads.stages ?? 0) + 1;
      return tables.stages ?? null;
    },
    team() {
      reads.team = (reads.team ?? 0) + 1;
      return tables.team ?? null;
    },
    history() {
      reads.history = (reads.history ?? 0) + 1;
      return tables.history ?? null;
    },
    timeZone() {
      return tables.timeZone ?? 'Etc/UTC';
    },
  };
}

/** The message of the error a call throws ('' when it does not throw). */
export function errorOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return '';
}
