/**
 * The playground's formula engine: HyperFormula kept in sync with a host World, with every
 * PIPELINE_* function running the built dist/Code.js. Expected values are counted by hand from
 * the five deals below.
 */
import path from 'node:path';
import { World } from '../../host';
import { dateToSerial, FormulaBridge, serialToDate } from '../../playground/formulas';
import { setUp } from '../setup/support';

const DIST = path.resolve(__dirname, '../../dist');
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Two open deals (A Lead 10,000; B Proposal 20,000), C and D won, E lost. */
function makeWorld(): { world: World; bridge: FormulaBridge } {
  const world = new World({ now: '2026-11-23T09:00:00Z', timeZone: 'Etc/UTC' });
  world.setSheet(
    'Deals',
    [
      ['ID', 'Deal', 'Owner', 'Amount', 'Stage', 'Created', 'Closed', 'Stage Entered'],
      ['D-1', 'A', 'Ana', 10000, 'Lead', d('2026-11-01'), '', d('2026-11-20')],
      ['D-2', 'B', 'Ben', 20000, 'Proposal', d('2026-10-01'), '', d('2026-10-15')],
      ['D-3', 'C', 'Ana', 30000, 'Won', d('2026-09-01'), d('2026-10-01'), ''],
      ['D-4', 'D', 'Ben', 10000, 'Won', d('2026-08-01'), d('2026-08-21'), ''],
      ['D-5', 'E', 'Ana', 5000, 'Lost', d('2026-07-01'), d('2026-07-11'), ''],
    ],
    { frozenRows: 1 },
  );
  world.removeSheet('Sheet1');
  setUp(world);
  world.setSheet('Calc', [['']]);
  return { world, bridge: new FormulaBridge(world, { distDir: DIST }) };
}

function put(world: World, bridge: FormulaBridge, a1: string, formula: string): void {
  world.setCell(`Calc!${a1}`, formula);
  bridge.sync();
}

const value = (bridge: FormulaBridge, row: number, col: number) => bridge.cellValue('Calc', row, col);

describe('the formula bridge (HyperFormula + the built Code.js)', () => {
  test('PIPELINE_COUNT(DEALS) equals a hand count and recalculates after an edit', () => {
    const { world, bridge } = makeWorld();
    put(world, bridge, 'A1', '=PIPELINE_COUNT(DEALS)');
    put(world, bridge, 'A2', '=PIPELINE_VALUE(Deals!A:H)');
    put(world, bridge, 'A3', '=PIPELINE_COUNT(DEALS, "Won")');
    put(world, bridge, 'A4', '=SUM(Deals!D2:D6)');
    expect([1, 2, 3, 4].map((r) => value(bridge, r, 1))).toEqual([2, 30000, 2, 75000]);

    // Deal E is reopened in Lead: three open deals, 35,000 open; only the DEALS cells recompute.
    const stage = world.sheetValues('Deals')[0]!.indexOf('Stage') + 1;
    world.setCell(`Deals!${String.fromCharCode(64 + stage)}6`, 'Lead');
    const calls = bridge.customCalls;
    bridge.sync();
    expect([1, 2, 3].map((r) => value(bridge, r, 1))).toEqual([3, 35000, 2]);
    expect(bridge.customCalls - calls).toBe(3);
  });

  test('dates reach Code.js as Dates: windows and cycle days', () => {
    const { world, bridge } = makeWorld();
    put(world, bridge, 'A1', '=PIPELINE_WINRATE(DEALS, "", DATE(2026,9,1), DATE(2026,12,31))');
    put(world, bridge, 'A2', '=PIPELINE_WINRATE(DEALS, "", DATE(2026,7,1), DATE(2026,12,31))');
    put(world, bridge, 'A3', '=PIPELINE_CYCLE_DAYS(DEALS)');
    put(world, bridge, 'A4', '=PIPELINE_AVG_DEAL(DEALS, "Ana")');
    expect(value(bridge, 1, 1)).toBe(1); // C only
    expect(value(bridge, 2, 1)).toBeCloseTo(2 / 3, 10); // C, D won; E lost
    expect(value(bridge, 3, 1)).toBe(25); // (30 + 20) / 2
    expect(value(bridge, 4, 1)).toBe(30000);
  });

  test('errors show as #ERROR! with the message, like Sheets; scripts read the code', () => {
    const { world, bridge } = makeWorld();
    put(world, bridge, 'A1', '=PIPELINE_COUNT(DEALS, "Closing")');
    const v = value(bridge, 1, 1) as { error: string; message: string };
    expect(v.error).toBe('#ERROR!');
    expect(v.message).toMatch(/Unknown stage "Closing"/);
    expect(world.cell('Calc!A1').value).toBe('#ERROR!');
  });

  test('a table spills and resizes when its result grows', () => {
    const { world, bridge } = makeWorld();
    put(world, bridge, 'A1', '=PIPELINE_STALLED(DEALS)');
    // B (Proposal since 2026-10-15, limit 10 days) is stalled; A (Lead since 11-20) is not.
    expect(value(bridge, 1, 1)).toBe('Deal');
    expect(value(bridge, 2, 1)).toBe('B');
    expect(value(bridge, 3, 1)).toBe('');
    const entered = world.sheetValues('Deals')[0]!.indexOf('Stage Entered') + 1;
    world.setCell(`Deals!${String.fromCharCode(64 + entered)}2`, d('2026-10-01'));
    bridge.sync();
    expect([value(bridge, 2, 1), value(bridge, 3, 1)]).toEqual(['A', 'B']);
    expect(bridge.extent('Calc')[0]).toBe(3);
  });

  test('recalculating everything (the clock advanced) keeps spilled tables, at their new size', () => {
    const { world, bridge } = makeWorld();
    put(world, bridge, 'A1', '=PIPELINE_STALLED(DEALS)');
    put(world, bridge, 'H1', '=PIPELINE_STALLED_COUNT(DEALS)');
    expect([value(bridge, 1, 1), value(bridge, 2, 1), value(bridge, 1, 8)]).toEqual(['Deal', 'B', 1]);
    // 20 days on (2026-12-13): A, in Lead since 2026-11-20 with a 14-day limit, is 23 days in: stalled.
    world.clock.advanceDays(20);
    bridge.recalculateAll();
    expect(value(bridge, 1, 8)).toBe(2);
    // Most days first: B (Proposal since 2026-10-15: 59 days), then A (23 days).
    expect([value(bridge, 1, 1), value(bridge, 2, 1), value(bridge, 3, 1)]).toEqual(['Deal', 'B', 'A']);
  });

  test('a formula cell reads through the host as its value, a date-formatted one as a Date', () => {
    const { world, bridge } = makeWorld();
    put(world, bridge, 'A1', '=PIPELINE_COUNT(DEALS)*2');
    put(world, bridge, 'B1', '=DATE(2026,11,23)+1');
    expect(world.sheetValues('Calc')[0]).toEqual([4, new Date('2026-11-24T00:00:00Z')]);
  });

  test('serial numbers follow the spreadsheet time zone', () => {
    expect(dateToSerial(d('2026-11-23'), 'Etc/UTC')).toBe(46349);
    expect(serialToDate(46349, 'Etc/UTC')).toEqual(d('2026-11-23'));
    const london = new Date('2026-06-30T23:00:00Z'); // midnight, 1 July, in London
    expect(dateToSerial(london, 'Europe/London')).toBe(46204);
    expect(serialToDate(46204, 'Europe/London')).toEqual(london);
  });
});
