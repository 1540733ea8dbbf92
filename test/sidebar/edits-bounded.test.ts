/**
 * Issue 10, part 3: the edit trigger's work does not grow with History (no full read of it, at
 * 250,000 rows), and a missing oldValue never resets what nothing proves changed.
 */
import { makeEditEvent, typeInto, type World } from '../../host';
import { call, loadInWorld } from '../support/code';
import { ANA, col, d, HISTORY_HEADER, historyRows, makeWorld } from './support';

function fire(world: World, event: (ctx: Record<string, unknown>) => unknown): void {
  const ctx = loadInWorld(world, { user: ANA, authMode: 'LIMITED', trigger: 'edit' });
  try {
    call(ctx, 'onEdit', event(ctx));
  } finally {
    world.endExecution(ctx);
  }
}

const stageEntered = (world: World, row: number) =>
  world.sheetValues('Deals')[row - 1]?.[col('Stage Entered').charCodeAt(0) - 65];

describe('a Stage edit without oldValue', () => {
  test('the same stage History last recorded: Stage Entered stays, no History row', () => {
    const world = makeWorld();
    // Acme is in Proposal since 2026-01-05 and History's last row for it says Proposal.
    fire(world, (ctx) => makeEditEvent(ctx, `Deals!${col('Stage')}2`, { value: 'Proposal' }));
    expect(stageEntered(world, 2)).toEqual(d('2026-01-05'));
    expect(historyRows(world)).toHaveLength(1);
  });

  test('a stage History did not last record: a move From that stage, Stage Entered today', () => {
    const world = makeWorld();
    world.setCell(`Deals!${col('Stage')}2`, 'Negotiation');
    fire(world, (ctx) => makeEditEvent(ctx, `Deals!${col('Stage')}2`, { value: 'Negotiation' }));
    expect(stageEntered(world, 2)).toEqual(d('2026-01-15'));
    expect(historyRows(world)[1]?.slice(1, 6)).toEqual([
      'D-ACME0001',
      'Acme renewal',
      'Proposal',
      'Negotiation',
      10,
    ]);
  });
});

describe('at 250,000 History rows', () => {
  const ROWS = 250_000;
  let world: World;

  beforeAll(() => {
    world = makeWorld();
    const rows: unknown[][] = [HISTORY_HEADER];
    const when = d('2025-01-01');
    // Acme's last entry sits at the very top; Globex's among the last rows.
    rows.push([when, 'D-ACME0001', 'Acme renewal', 'Qualified', 'Proposal', 3, '', 'sidebar']);
    for (let i = 1; i < ROWS - 1; i++)
      rows.push([when, `D-OLD${i}`, `Old ${i}`, 'Lead', 'Qualified', 1, '', 'edit']);
    rows.push([when, 'D-GLOB0002', 'Globex pilot', '', 'Lead', '', '', 'import']);
    world.setSheet('History', rows, { frozenRows: 1 });
  });

  test('a typed Stage with oldValue: History read as its header and last 2,000 rows only (and its header again: rows are written by header)', () => {
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}3`, 'Qualified')); // warms the caches
    world.calls.reset();
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}3`, 'Contacted'));
    const reads = world.calls.log.filter((c) => c.sheet === 'History' && c.name === 'Range.getValues');
    const last = ROWS + 2; // header, 250,000 rows, Qualified recorded above
    expect(reads.map((c) => c.a1)).toEqual(['A1:H1', `A${last - 1999}:H${last}`, 'A1:H1']);
  });

  test('a pasted block: History is read in two bounded blocks (header, last 2,000 rows), never whole', () => {
    const stage = col('Stage');
    world.setCell(`Deals!${stage}2`, 'Negotiation');
    world.setCell(`Deals!${stage}3`, 'Proposal');
    world.calls.reset();
    fire(world, (ctx) => makeEditEvent(ctx, `Deals!${stage}2:${stage}3`));
    const historyReads = world.calls.log
      .filter((c) => c.sheet === 'History' && c.name === 'Range.getValues')
      .map((c) => c.a1);
    const last = ROWS + 3; // header, 250,000 rows, and the two recorded by the test above
    // History's header and tail, then its header again for the write (rows are written by header).
    expect(historyReads).toEqual([`A1:H1`, `A${last - 1999}:H${last}`, 'A1:H1']);
    // Every call the trigger made (5 reads: header, edited rows, History's header and tail, and
    // History's header for the write; 2 writes). The same as with a 10-row History but for the
    // tail's size.
    expect(world.calls.reads()).toBe(5);
    expect(world.calls.total()).toBeLessThanOrEqual(60); // measured: 55
    // Globex (last To in the tail: Contacted) moved to Proposal: recorded. Acme's last History row
    // is 250,000 rows back, beyond the tail: not recorded now (reconciling will), Stage Entered kept.
    const added = historyRows(world).slice(ROWS + 2);
    expect(added.map((r) => r.slice(1, 5))).toEqual([
      ['D-GLOB0002', 'Globex pilot', 'Contacted', 'Proposal'],
    ]);
    expect(stageEntered(world, 2)).toEqual(d('2026-01-05'));
  });
});
