/** A small deals workbook on the host, and helpers to run the built sidebar API against it. */
import type { World } from '../../host';
import { d } from '../../src/core/testing';
import { call, loadInWorld, type ScriptContext } from '../support/code';
import { DEAL_HEADERS } from '../support/generate';
import { dealsWorld } from '../support/world';

export const ANA = 'ana@example.com';
export const BEN = 'ben@example.com';

/** The deal columns of the generated workbooks (test/support/generate.ts): the SPEC's, and a Notes column of the team's. */
export const HEADERS: readonly string[] = DEAL_HEADERS;

/** Midnight UTC of an ISO day (the test spreadsheet is in UTC unless a test says otherwise). */
export { d };

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
  return dealsWorld({
    now: '2026-01-15T10:00:00Z',
    timeZone: options.timeZone ?? 'Etc/UTC',
    headers: HEADERS,
    deals: [
      {
        ID: 'D-ACME0001',
        Deal: 'Acme renewal',
        Company: 'Acme',
        Owner: 'Ana Ruiz',
        Amount: 12000,
        Stage: 'Proposal',
        Created: d('2025-12-01'),
        'Stage Entered': d('2026-01-05'),
        'Expected Close': d('2026-02-28'),
        'Last Activity': d('2026-01-08'),
        'Next Step': 'Send proposal',
        Notes: 'keep me',
      },
      {
        ID: 'D-GLOB0002',
        Deal: 'Globex pilot',
        Company: 'Globex',
        Owner: 'Ben Okafor',
        Amount: 5000,
        Stage: 'Lead',
        Probability: 0.15,
        Created: d('2026-01-10'),
        'Stage Entered': d('2026-01-10'),
      },
      {
        Deal: 'Initech expansion',
        Company: 'Initech',
        Owner: 'Ana Ruiz',
        Amount: '$8,000',
        Stage: 'Qualified',
        Created: d('2025-12-20'),
        'Stage Entered': d('2026-01-01'),
        'Next Step': 'Call back',
        'Stalled Since': d('2026-01-14'),
      },
      {
        ID: 'D-LOST0004',
        Deal: 'Umbrella deal',
        Company: 'Umbrella',
        Owner: 'Ben Okafor',
        Amount: 3000,
        Stage: 'Lost',
        Created: d('2025-11-01'),
        'Stage Entered': d('2025-12-01'),
        Closed: d('2025-12-01'),
        'Lost Reason': 'Price',
      },
    ],
    sheets: {
      History: [
        HISTORY_HEADER,
        [d('2026-01-05'), 'D-ACME0001', 'Acme renewal', 'Qualified', 'Proposal', 12, ANA, 'sidebar'],
      ],
    },
  });
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
