/**
 * Edits of the Stages sheet and the Dashboard (SPEC §2): its formulas are rewritten so Sheets
 * recalculates them with the new stages, once per new Stages table, not once per edit event.
 * Simple-trigger events run in turn (two at most waiting: host/README), after the user's edits
 * are in the sheet, so a burst's first run already sees what was typed before it ran.
 */
import { editBurst, loadCode, typeInto, type World } from '../../host';
import { customFunction, DIST, d, newWorld, run, setUp } from './support';

const ANA = 'ana@example.com';

/** Two open deals: A Lead 10,000 and B Proposal 20,000 (default stages: Lead 10%, Proposal 60%). */
function dashboardWorld(): World {
  const world = newWorld();
  world.setSheet('Deals', [
    ['Deal', 'Owner', 'Amount', 'Stage', 'Created', 'Closed', 'Stage Entered'],
    ['A', 'Ana', 10000, 'Lead', d('2026-11-01'), '', d('2026-11-20')],
    ['B', 'Ben', 20000, 'Proposal', d('2026-10-01'), '', d('2026-10-15')],
    ['C', 'Ana', 30000, 'Won', d('2026-09-01'), d('2026-10-01'), ''],
  ]);
  setUp(world);
  run(world, 'buildDashboard');
  world.calls.reset();
  return world;
}

/** The user types into a cell; the edit trigger runs for it (as its own execution). */
function typeAndTrigger(world: World, a1: string, input: unknown): void {
  const ctx = loadCode(world, { dir: DIST, user: ANA, authMode: 'LIMITED', trigger: 'edit' });
  try {
    const event = typeInto(ctx, a1, input);
    (ctx.onEdit as (e: unknown) => void)(event);
  } finally {
    world.endExecution(ctx);
  }
}

/** The Dashboard refreshes that ran: each is two writes of its layout (blank, then back). */
const refreshes = (world: World) =>
  world.calls.log.filter((c) => c.sheet === 'Dashboard' && c.name === 'Range.setValues').length / 2;

// Stages rows as Set up writes them: 2 Lead, 3 Qualified, 4 Contacted, 5 Needs Assessment, 6 Proposal.
test('one edit of Stages refreshes the Dashboard at once, and the new stages are what the formulas read', () => {
  const world = dashboardWorld();
  // Before: 10,000 × 10% + 20,000 × 60% = 13,000.
  expect(customFunction(world, 'PIPELINE_WEIGHTED')).toBe(13000);
  world.calls.reset();
  typeAndTrigger(world, 'Stages!B2', 0.5);
  expect(refreshes(world)).toBe(1);
  // After: 10,000 × 50% + 20,000 × 60% = 17,000.
  expect(customFunction(world, 'PIPELINE_WEIGHTED')).toBe(17000);
});

test('a burst of three edits typed before the trigger ran: one refresh, and it has the last edit', () => {
  const world = dashboardWorld();
  const out = editBurst(world, { dir: DIST, user: ANA }, [
    { a1: 'Stages!B2', input: 0.5 },
    { a1: 'Stages!B6', input: 0.5 },
    { a1: 'Stages!B2', input: 0.2 }, // the last edit
  ]);
  expect(out.map((o) => o.ran)).toEqual([true, true, true]);
  expect(refreshes(world)).toBe(1);
  // The last table: 10,000 × 20% + 20,000 × 50% = 12,000.
  expect(customFunction(world, 'PIPELINE_WEIGHTED')).toBe(12000);
});

test('edits made one after another, each after the previous trigger ran: each is refreshed', () => {
  const world = dashboardWorld();
  typeAndTrigger(world, 'Stages!B2', 0.5);
  typeAndTrigger(world, 'Stages!B6', 0.5);
  expect(refreshes(world)).toBe(2);
  // 10,000 × 50% + 20,000 × 50% = 15,000.
  expect(customFunction(world, 'PIPELINE_WEIGHTED')).toBe(15000);
  // Back to the first table: it differs from the last refreshed one, so it is refreshed too.
  typeAndTrigger(world, 'Stages!B6', 0.6);
  expect(refreshes(world)).toBe(3);
});

test('an edit that leaves Stages as the last refresh saw it (the same value typed again): no refresh', () => {
  const world = dashboardWorld();
  typeAndTrigger(world, 'Stages!B2', 0.5);
  world.calls.reset();
  typeAndTrigger(world, 'Stages!B2', 0.5);
  expect(refreshes(world)).toBe(0);
  expect(customFunction(world, 'PIPELINE_WEIGHTED')).toBe(17000);
});

test('without a Dashboard, a Stages edit writes nothing and stores nothing', () => {
  const world = newWorld();
  world.setSheet('Deals', [
    ['Deal', 'Owner', 'Amount', 'Stage'],
    ['A', 'Ana', 10000, 'Lead'],
  ]);
  setUp(world);
  world.calls.reset();
  typeAndTrigger(world, 'Stages!B2', 0.5);
  expect(world.calls.writes()).toBe(0);
  expect(world.documentProperties.data.has('pipeline.dashboard.stagesRefreshed')).toBe(false);
});
