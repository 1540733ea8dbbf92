/** A small deals workbook on the host, and helpers to run the built sidebar API against it. */
import { World } from '../../host';
import { call, loadInWorld, type ScriptContext } from '../support/code';

export const ANA = 'ana@example.com';
export const BEN = 'ben@example.com';

export const HEADERS = [
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
  'Next Step',
  'Lost Reason',
  'Snoozed Until',
  'Stalled Since',
  'Notes',
];

/** Midnight UTC of an ISO day (the test spreadsheet is in UTC unless a test says otherwise). */
export function d(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Column letter of a header in HEADERS. */
export function col(header: string): string {
  const i = HEADERS.indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return String.fromCharCode(65 + i);
}

export const HISTORY_HEADER = ['When', 'Deal ID', 'Deal', 'From', 'To', 'Days In Stage', 'Changed By', 'Via'];

/**
 * Now is 2026-01-15 10:00 UTC. Three deals:
 * row 2 D-ACME0001 Acme renewal, Proposal since 2026-01-05 (10 days), 12000, Ana
 * row 3 D-GLOB0002 Globex pilot, Lead since 2026-01-10, 5000
 * row 4 (no ID) Initech expansion, Qualified since 2026-01-01, Stalled Since 2026-01-14
 */
export function makeWorld(options: { timeZone?: string } = {}): World {
  const world = new World({ now: '2026-01-15T10:00:00Z', timeZone: options.timeZone ?? 'Etc/UTC' });
  world.setSheet(
    'Deals',
    [
      HEADERS,
      [
        'D-ACME0001',
        'Acme renewal',
        'Acme',
        'Ana Ruiz',
        12000,
        'Proposal',
        '',
        d('2025-12-01'),
        d('2026-01-05'),
        d('2026-02-28'),
        '',
        d('2026-01-08'),
        'Send proposal',
        '',
        '',
        '',
        'keep me',
      ],
      [
        'D-GLOB0002',
        'Globex pilot',
        'Globex',
        'Ben Okafor',
        5000,
        'Lead',
        0.15,
        d('2026-01-10'),
        d('2026-01-10'),
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
      [
        '',
        'Initech expansion',
        'Initech',
        'Ana Ruiz',
        '$8,000',
        'Qualified',
        '',
        d('2025-12-20'),
        d('2026-01-01'),
        '',
        '',
        '',
        'Call back',
        '',
        '',
        d('2026-01-14'),
        '',
      ],
      [
        'D-LOST0004',
        'Umbrella deal',
        'Umbrella',
        'Ben Okafor',
        3000,
        'Lost',
        '',
        d('2025-11-01'),
        d('2025-12-01'),
        '',
        d('2025-12-01'),
        '',
        '',
        'Price',
        '',
        '',
        '',
      ],
    ],
    { frozenRows: 1 },
  );
  world.setSheet(
    'History',
    [
      HISTORY_HEADER,
      [d('2026-01-05'), 'D-ACME0001', 'Acme renewal', 'Qualified', 'Proposal', 12, ANA, 'sidebar'],
    ],
    {
      frozenRows: 1,
    },
  );
  return world;
}

/** One execution as `user` with the selection on `a1`; returns the script context. */
export function open(world: World, user = ANA, select?: string): ScriptContext {
  if (select) world.select(user, select);
  return loadInWorld(world, { user });
}

/** Calls a sidebar API function in a fresh execution (released afterwards), like google.script.run. */
export function run<T>(world: World, user: string, name: string, ...args: unknown[]): T {
  const ctx = loadInWorld(world, { user });
  try {
    return call(ctx, name, ...args) as T;
  } finally {
    world.endExecution(ctx);
  }
}

/** The History rows below the header. */
export function historyRows(world: World): unknown[][] {
  return world.sheetValues('History').slice(1);
}
