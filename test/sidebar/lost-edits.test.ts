/**
 * Issue 10, part 3: what the edit trigger misses (a dropped event, a busy lock, a timeout) is
 * recovered by reconciling (SPEC §3): a History row with Via = sync, dated when found, From the
 * last stage History held, and nothing of the deal reset.
 */
import { editBurst, type Globals, loadCode, typeInto, type World } from '../../host';
import { call, DIST, loadInWorld } from '../support/code';
import { ANA, BEN, col, d, HEADERS, HISTORY_HEADER, historyRows, makeWorld, run } from './support';

const STAGE = col('Stage');

/** Every deal of the test workbook with a History row (Set up's baseline). */
function world(): World {
  const w = makeWorld();
  w.setSheet(
    'History',
    [
      HISTORY_HEADER,
      [d('2026-01-05'), 'D-ACME0001', 'Acme renewal', 'Qualified', 'Proposal', 12, ANA, 'sidebar'],
      [d('2026-01-10'), 'D-GLOB0002', 'Globex pilot', '', 'Lead', '', '', 'import'],
      [d('2025-12-01'), 'D-LOST0004', 'Umbrella deal', 'Proposal', 'Lost', 30, BEN, 'sidebar'],
    ],
    { frozenRows: 1 },
  );
  return w;
}

const field = (w: World, row: number, header: string) =>
  w.sheetValues('Deals')[row - 1]?.[HEADERS.indexOf(header)];
const SYNC_WHEN = new Date('2026-01-15T10:00:00Z');

test('a queue overflow: the dropped edit is recorded by the board/daily reconcile, once', () => {
  const w = world();
  const out = editBurst(w, { dir: DIST, user: ANA }, [
    { a1: `Deals!${STAGE}2`, input: 'Negotiation' },
    { a1: `Deals!${STAGE}3`, input: 'Qualified' },
    { a1: `Deals!${STAGE}2`, input: 'Won' },
    { a1: `Deals!${STAGE}5`, input: 'Proposal' }, // the fourth: dropped
  ]);
  expect(out.map((o) => o.ran)).toEqual([true, true, true, false]);
  // The user typed all four before the first trigger ran: it finds Acme already Won (one move
  // Proposal → Won); the third event (Negotiation → Won) finds Won already in History: nothing.
  expect(
    historyRows(w)
      .slice(3)
      .map((r) => [r[1], r[3], r[4], r[7]]),
  ).toEqual([
    ['D-ACME0001', 'Proposal', 'Won', 'edit'],
    ['D-GLOB0002', 'Lead', 'Qualified', 'edit'],
  ]);
  const umbrellaEntered = field(w, 5, 'Stage Entered');
  expect(run(w, BEN, 'reconcileStages')).toEqual({ checked: 4, added: 1, busy: false });
  expect(historyRows(w).slice(5)).toEqual([
    [SYNC_WHEN, 'D-LOST0004', 'Umbrella deal', 'Lost', 'Proposal', '', BEN, 'sync'],
  ]);
  // Nothing the edit trigger would have set is reset by the sync.
  expect(field(w, 5, 'Stage Entered')).toEqual(umbrellaEntered);
  expect(field(w, 5, 'Closed')).toEqual(d('2025-12-01'));
  // Once: a second reconcile finds nothing.
  expect(run(w, BEN, 'reconcileStages')).toEqual({ checked: 4, added: 0, busy: false });
  expect(historyRows(w)).toHaveLength(6);
});

test('a busy lock: the sidebar records the move when it shows the deal', () => {
  const w = world();
  w.locks.hold('document', 'a long Set up', { forMs: 20_000 });
  const ctx = loadInWorld(w, { user: ANA, authMode: 'LIMITED', trigger: 'edit' }) as unknown as Globals;
  call(ctx as never, 'onEdit', typeInto(ctx, `Deals!${STAGE}3`, 'Contacted'));
  w.endExecution(ctx);
  expect(historyRows(w)).toHaveLength(3); // not recorded: the lock stayed busy for 10 s
  expect(field(w, 3, 'Stage Entered')).toEqual(d('2026-01-10'));
  w.clock.advance(15_000); // the other change is done
  const items = run<{ from: string; to: string; via: string }[]>(
    w,
    BEN,
    'sidebarHistory',
    'D-GLOB0002',
    'Globex pilot',
  );
  expect(items[0]).toMatchObject({ from: 'Lead', to: 'Contacted', via: 'sync' });
  expect(historyRows(w).slice(3)).toEqual([
    [new Date('2026-01-15T10:00:25Z'), 'D-GLOB0002', 'Globex pilot', 'Lead', 'Contacted', '', BEN, 'sync'],
  ]);
  expect(field(w, 3, 'Stage Entered')).toEqual(d('2026-01-10'));
  run(w, BEN, 'sidebarHistory', 'D-GLOB0002', 'Globex pilot');
  expect(historyRows(w)).toHaveLength(4);
});

test('a timeout: the trigger fails past 30 s; the daily check records the move', () => {
  const w = world();
  const ctx = loadCode(w, { dir: DIST, user: ANA, authMode: 'LIMITED', trigger: 'edit' });
  // The deals sheet is slow today: the trigger's first read of the sheet takes 31 s.
  w.calls.once('Range.getValues', () => w.clock.advance(31_000), 'after');
  call(ctx as never, 'onEdit', typeInto(ctx, `Deals!${STAGE}2`, 'Negotiation'));
  w.endExecution(ctx);
  expect(w.timeLimitHits).toHaveLength(1);
  expect(historyRows(w)).toHaveLength(3);
  const check = loadCode(w, { dir: DIST, user: ANA }) as Globals & {
    SheetsPipeline_: { runStalledCheck_: (o: unknown) => { synced: number } };
  };
  const summary = check.SheetsPipeline_.runStalledCheck_({ via: 'menu' });
  w.endExecution(check);
  expect(summary.synced).toBe(1);
  expect(historyRows(w)[3]?.slice(1, 8)).toEqual([
    'D-ACME0001',
    'Acme renewal',
    'Proposal',
    'Negotiation',
    '',
    ANA,
    'sync',
  ]);
  expect(field(w, 2, 'Stage Entered')).toEqual(d('2026-01-05'));
});
