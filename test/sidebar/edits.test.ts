/**
 * The edit trigger of the BUILT dist/Code.js: a Stage typed, pasted or filled into the deals
 * sheet sets Stage Entered (Closed for Won/Lost) and appends History rows with Via = edit.
 */
import { type EditEvent, makeEditEvent, typeInto, type World } from '../../host';
import { call, loadInWorld, type ScriptContext } from '../support/code';
import { ANA, col, d, HEADERS, historyRows, makeWorld } from './support';

const TODAY = d('2026-01-15');
const WHEN = new Date('2026-01-15T10:00:00Z');

/** A simple-trigger execution (LIMITED) as Ana. */
function trigger(world: World): ScriptContext {
  return loadInWorld(world, { user: ANA, authMode: 'LIMITED', trigger: 'edit' });
}

function fire(world: World, edit: (ctx: ScriptContext) => EditEvent): void {
  const ctx = trigger(world);
  try {
    call(ctx, 'onEdit', edit(ctx));
  } finally {
    world.endExecution(ctx);
  }
}

const rowOf = (world: World, row: number) =>
  Object.fromEntries(HEADERS.map((h, i) => [h, world.sheetValues('Deals')[row - 1]?.[i]]));

describe('onEdit', () => {
  test('a single Stage cell typed: Stage Entered = today and one History row (From = old value)', () => {
    const world = makeWorld();
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}3`, 'proposal'));
    // The stage's own spelling is written back into the cell (issue 17: it kept `proposal`).
    expect(rowOf(world, 3)).toMatchObject({ Stage: 'Proposal', 'Stage Entered': TODAY, Closed: '' });
    // Globex was in Lead since 2026-01-10: 5 days.
    expect(historyRows(world)[1]).toEqual([
      WHEN,
      'D-GLOB0002',
      'Globex pilot',
      'Lead',
      'Proposal',
      5,
      '', // Changed By: a simple trigger gets no user email (User reference), so it stays blank
      'edit',
    ]);
  });

  test("a stage in another spelling gets the stage's own, even when it did not move; no stage is left as typed", () => {
    const world = makeWorld();
    // Acme is in Proposal: `PROPOSAL ` is the same stage, so no History row, only the spelling.
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}2`, 'PROPOSAL '));
    expect(rowOf(world, 2)).toMatchObject({ Stage: 'Proposal', 'Stage Entered': d('2026-01-05') });
    expect(historyRows(world)).toHaveLength(1);
    // `needs  assessment` (two spaces, lower case) names Needs Assessment.
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}3`, 'needs  assessment'));
    expect(rowOf(world, 3).Stage).toBe('Needs Assessment');
    expect(historyRows(world).at(-1)?.slice(3, 5)).toEqual(['Lead', 'Needs Assessment']);
    // `Closing` is no stage: it stays as typed (the sidebar asks for a stage), nothing recorded.
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}4`, 'Closing'));
    expect(rowOf(world, 4).Stage).toBe('Closing');
    expect(historyRows(world)).toHaveLength(2);
  });

  test('typing Won sets Closed; typing an open stage on a closed deal clears it', () => {
    const world = makeWorld();
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}2`, 'Won'));
    expect(rowOf(world, 2)).toMatchObject({ Stage: 'Won', 'Stage Entered': TODAY, Closed: TODAY });
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}5`, 'Proposal'));
    expect(rowOf(world, 5)).toMatchObject({ Stage: 'Proposal', Closed: '', 'Stage Entered': TODAY });
    expect(
      historyRows(world)
        .slice(1)
        .map((r) => r.slice(3, 6)),
    ).toEqual([
      ['Proposal', 'Won', 10],
      ['Lost', 'Proposal', 45],
    ]);
  });

  test('the same stage again, a blank or an unknown stage records nothing', () => {
    const world = makeWorld();
    const before = world.sheetValues('Deals');
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}2`, 'PROPOSAL'));
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}3`, 'Closing'));
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}3`, ''));
    expect(historyRows(world)).toHaveLength(1);
    const after = world.sheetValues('Deals');
    expect(after[1]![HEADERS.indexOf('Stage Entered')]).toEqual(before[1]![HEADERS.indexOf('Stage Entered')]);
  });

  test('an edit outside the Stage column returns before any read or write (cache warm)', () => {
    const world = makeWorld();
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}3`, 'Qualified')); // warms the cache
    world.calls.reset();
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Notes')}3`, 'call her'));
    fire(world, (ctx) => typeInto(ctx, 'History!A9', 'x'));
    expect(world.calls.reads()).toBe(0);
    expect(world.calls.writes()).toBe(0);
    // Only the event range's own metadata and the cache were asked.
    expect(world.calls.names().every((n) => /^(Range|Sheet|Cache|CacheService)\./.test(n))).toBe(true);
  });

  test('a pasted block: one History row per deal whose stage changed, From = the last stage in History; nothing unproven is reset', () => {
    const world = makeWorld();
    // Paste Proposal / Contacted / Contacted / Lost into F2:F5 (Sheets gives no old values).
    const ctx = trigger(world);
    world.calls.reset();
    const stageCol = col('Stage');
    world.setCell(`Deals!${stageCol}3`, 'Contacted');
    world.setCell(`Deals!${stageCol}4`, 'Contacted');
    const event = makeEditEvent(ctx, `Deals!${stageCol}2:${stageCol}5`);
    expect(event.value).toBeUndefined();
    call(ctx, 'onEdit', event);
    world.endExecution(ctx);
    // Acme: still Proposal = its last History stage → nothing. Umbrella: Lost, nothing in History → recorded.
    const rows = historyRows(world).slice(1);
    const initechId = rowOf(world, 4).ID as string;
    expect(initechId).toMatch(/^D-/);
    expect(rows).toEqual([
      [WHEN, 'D-GLOB0002', 'Globex pilot', '', 'Contacted', '', '', 'edit'],
      [WHEN, initechId, 'Initech expansion', '', 'Contacted', '', '', 'edit'],
      [WHEN, 'D-LOST0004', 'Umbrella deal', '', 'Lost', '', '', 'edit'],
    ]);
    // Issue 10: with no oldValue and nothing in History for these deals, nothing proves their
    // stage changed in this paste, so their dates are kept (this test reset them before).
    expect(rowOf(world, 2)['Stage Entered']).toEqual(d('2026-01-05'));
    expect(rowOf(world, 3)['Stage Entered']).toEqual(d('2026-01-10'));
    expect(rowOf(world, 4)).toMatchObject({
      'Stage Entered': d('2026-01-01'),
      'Stalled Since': d('2026-01-14'),
    });
    expect(rowOf(world, 5)).toMatchObject({ 'Stage Entered': d('2025-12-01'), Closed: d('2025-12-01') });
    // Initech's new ID (A4) and the History block.
    expect(world.calls.writes()).toBe(2);
  });

  test('a filled column of many rows costs a few writes, not one per row', () => {
    const world = makeWorld();
    const values = world.sheetValues('Deals');
    const extra = Array.from({ length: 200 }, (_, i) =>
      HEADERS.map((h) =>
        h === 'ID' ? `D-FILL${String(i).padStart(4, '0')}` : h === 'Deal' ? `Fill ${i}` : '',
      ),
    );
    world.setSheet('Deals', [...values, ...extra], { frozenRows: 1 });
    const ctx = trigger(world);
    for (let r = 6; r < 206; r++) world.setCell(`Deals!${col('Stage')}${r}`, 'Lead');
    world.calls.reset();
    call(ctx, 'onEdit', makeEditEvent(ctx, `Deals!${col('Stage')}6:${col('Stage')}205`));
    world.endExecution(ctx);
    expect(historyRows(world)).toHaveLength(201);
    expect(world.calls.writes()).toBe(2); // Stage Entered I6:I205 as one block, History as one block
  });

  test('a deals sheet without a Stage column: no error, nothing written', () => {
    const world = makeWorld();
    world.setSheet('Deals', [
      ['Deal', 'Amount'],
      ['Acme', 5],
    ]);
    expect(() => fire(world, (ctx) => typeInto(ctx, 'Deals!A2', 'Won'))).not.toThrow();
    expect(() => fire(world, (ctx) => typeInto(ctx, 'Deals!B2', '7'))).not.toThrow();
    expect(historyRows(world)).toHaveLength(1);
    expect(world.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  test('no deals sheet at all, or an event without a range: quiet', () => {
    const world = makeWorld();
    world.removeSheet('Deals');
    expect(() => fire(world, (ctx) => typeInto(ctx, 'History!A3', 'x'))).not.toThrow();
    const ctx = trigger(world);
    expect(() => call(ctx, 'onEdit', {})).not.toThrow();
    expect(() => call(ctx, 'onEdit', undefined)).not.toThrow();
    world.endExecution(ctx);
  });

  test('a header edit moving the Stage column is followed', () => {
    const world = makeWorld();
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}3`, 'Qualified')); // cache: Stage in F
    // Rename F1 to Old Stage and Notes (Q1) to Stage: the Stage column is now Q.
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Stage')}1`, 'Old Stage'));
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Notes')}1`, 'Stage'));
    fire(world, (ctx) => typeInto(ctx, `Deals!${col('Notes')}3`, 'Negotiation'));
    // Q3 was empty (no oldValue): History's last stage for Globex (Qualified, typed above) is From.
    expect(historyRows(world).at(-1)?.slice(3, 5)).toEqual(['Qualified', 'Negotiation']);
  });
});
