/**
 * Shared set-up for the alerts tests: a world on 2026-11-23 (London, which is UTC in November),
 * a Deals sheet with a Stalled Since column and a Notes column the check must never touch.
 */
import { callFunction, type Globals, loadCode, runTrigger, type TriggerRecord, World } from '../../host';
import { DIST } from '../support/code';

export const NOW = '2026-11-23T09:00:00Z';
export const HEADERS = [
  'ID',
  'Deal',
  'Company',
  'Owner',
  'Amount',
  'Stage',
  'Created',
  'Stage Entered',
  'Last Activity',
  'Next Step',
  'Snoozed Until',
  'Stalled Since',
  'Notes',
];
/** 1-based column of Stalled Since (L) and Notes (M). */
export const STALLED_COL = 12;

export interface Spec {
  id?: string;
  deal?: string;
  company?: string;
  owner?: string;
  amount?: number | string;
  stage?: string;
  created?: string;
  entered?: string;
  activity?: string;
  next?: string;
  snoozed?: string;
  stalled?: string | unknown;
  notes?: string;
}

/** UTC midnight of an ISO day: London midnight in November, as Sheets gives a date cell. */
export function d(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

const date = (v: string | undefined): Date | string => (v ? d(v) : '');

export function row(s: Spec): unknown[] {
  return [
    s.id ?? '',
    s.deal ?? '',
    s.company ?? '',
    s.owner ?? '',
    s.amount ?? '',
    s.stage ?? '',
    date(s.created),
    date(s.entered),
    date(s.activity),
    s.next ?? '',
    date(s.snoozed),
    typeof s.stalled === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.stalled) ? d(s.stalled) : (s.stalled ?? ''),
    s.notes ?? '',
  ];
}

export const TEAM = [
  ['Owner', 'Email', 'Quota'],
  ['Ben Okafor', 'ben@example.com', 100000],
  ['Chloé Martin', 'chloe@example.com', 100000],
];

export function makeWorld(specs: Spec[], options: { team?: unknown[][] | null; now?: string } = {}): World {
  const world = new World({ now: options.now ?? NOW });
  world.setSheet('Deals', [HEADERS, ...specs.map(row)], { frozenRows: 1 });
  if (options.team !== null) world.setSheet('Team', options.team ?? TEAM);
  return world;
}

/** Runs a top-level function of dist/Code.js as `user` in a new execution. */
export function run(world: World, name: string, user = 'ana@example.com', ...args: unknown[]): unknown {
  const ctx = loadCode(world, { dir: DIST, user });
  try {
    return callFunction(ctx, name, ...args);
  } finally {
    world.endExecution(ctx);
  }
}

/** The check with options (a forced time budget) through the private entry. */
export function runCheck(
  world: World,
  options: { via?: 'trigger' | 'menu'; budgetMs?: number } = {},
  user = 'ana@example.com',
): Summary | null {
  const ctx = loadCode(world, { dir: DIST, user }) as Globals & {
    SheetsPipeline_: { runStalledCheck_: (o: unknown) => Summary | null };
  };
  try {
    return ctx.SheetsPipeline_.runStalledCheck_({ via: options.via ?? 'menu', ...options });
  } finally {
    world.endExecution(ctx);
  }
}

export interface Summary {
  deals: number;
  stalled: number;
  flagged: number;
  cleared: number;
  newlyStalled: number;
  emailsSent: number;
  emailsDeferred: number;
  unaddressed: number;
  finished: boolean;
  errors: string[];
}

export function fire(world: World, trigger: TriggerRecord): unknown {
  return runTrigger(world, trigger, { dir: DIST });
}

/** The Stalled Since column as ISO days ('' for blank), rows 2.. by ID. */
export function flags(world: World): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of world.sheetValues('Deals').slice(1)) {
    const v = line[STALLED_COL - 1];
    const key = String(line[0] || line[1]);
    if (key === '') continue;
    out[key] =
      v instanceof Date || (typeof v === 'object' && v !== null)
        ? (v as Date).toISOString().slice(0, 10)
        : String(v);
  }
  return out;
}

/** setValues calls made so far, with the A1 they wrote. */
export function writes(world: World): string[] {
  return world.calls.log.filter((c) => c.name === 'Range.setValues').map((c) => `${c.sheet}!${c.a1}`);
}

export function turnOn(
  world: World,
  user: string,
  hour = 8,
  manager = '',
  action = 'on',
): Record<string, unknown> {
  return run(world, 'saveAlertSettings', user, { action, hour, manager }) as Record<string, unknown>;
}
