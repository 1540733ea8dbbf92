/**
 * The playground's formula engine: HyperFormula kept in sync with a host World, with every
 * PIPELINE_* function running the built dist/Code.js. Expected values are counted by hand from
 * the five deals below.
 */
import path from 'node:path';
import { World } from '../../host';
import { dateToSerial, FormulaBridge, serialToDate } from '../../playground/formulas';
import { dashboardLayout } from '../../src/core/dashboard/layout';
import { d } from '../../src/core/testing';
import { setUp } from '../setup/support';

const DIST = path.resolve(__dirname, '../../dist');

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

describe("the Dashboard's forecast ranges and calibration, as a spreadsheet evaluates them", () => {
  test('this month and this quarter (window dates written as values) against the Team quota: hand-worked figures', () => {
    const world = new World({ now: '2026-11-23T09:00:00Z', timeZone: 'Etc/UTC' });
    world.setSheet(
      'Deals',
      [
        ['ID', 'Deal', 'Owner', 'Amount', 'Stage', 'Probability', 'Created', 'Expected Close', 'Closed'],
        ['D-1', 'A', 'Ana', 10000, 'Proposal', '50%', d('2026-10-01'), d('2026-11-25'), ''],
        ['D-2', 'B', 'Ben', 20000, 'Negotiation', '25%', d('2026-09-01'), d('2026-12-10'), ''],
        ['D-3', 'C', 'Ana', 30000, 'Won', '', d('2026-08-01'), '', d('2026-10-01')],
        ['D-4', 'W', 'Ben', 5000, 'Won', '', d('2026-09-01'), '', d('2026-11-05')],
        ['D-5', 'E', 'Ana', 5000, 'Lost', '', d('2026-07-01'), '', d('2026-07-11')],
        // next quarter: in neither window
        ['D-6', 'F', 'Ana', 70000, 'Proposal', '90%', d('2026-11-01'), d('2027-01-05'), ''],
      ],
      { frozenRows: 1 },
    );
    world.setSheet('Team', [
      ['Owner', 'Email', 'Quota'],
      ['Ana', 'ana@example.com', 40000],
      ['Ben', 'ben@example.com', 20000],
    ]);
    world.removeSheet('Sheet1');
    setUp(world);
    world.setSheet('Calc', [['']]);
    const bridge = new FormulaBridge(world, { distDir: DIST });
    const layout = dashboardLayout({ deals: 'DEALS', history: 'HISTORY', snapshots: 'SNAPSHOTS' });
    // As on the Dashboard: the windows' dates in F5:G5 (November) and F7:G7 (October–December),
    // the ranges at H4 and H6, the calibration below.
    const windows = (cells: Record<string, string>) => {
      for (const [a1, iso] of Object.entries(cells)) world.setCell(`Calc!${a1}`, d(iso));
    };
    windows({ F5: '2026-11-01', G5: '2026-11-30', F7: '2026-10-01', G7: '2026-12-31' });
    const [month, quarter] = layout.ranges;
    expect([month!.at, quarter!.at]).toEqual([
      { row: 4, column: 8 },
      { row: 6, column: 8 },
    ]);
    put(world, bridge, 'H4', month!.formula);
    put(world, bridge, 'H6', quarter!.formula);
    put(world, bridge, 'A10', layout.tables.calibration.formula);
    const row = (r: number) => [8, 9, 10, 11, 12, 13].map((c) => value(bridge, r, c));
    expect(row(4)).toEqual([
      'Low (P10)',
      'Likely (P50)',
      'High (P90)',
      'Expected',
      'Quota',
      'Chance Of Quota',
    ]);
    // November: W won 5,000; A 10,000 at 50 %: 5,000 or 15,000, half each. P10 = P50 = 5,000,
    // P90 15,000, Expected 10,000; quota 40,000 + 20,000 = 60,000 out of reach: 0.
    expect(row(5)).toEqual([5000, 5000, 15000, 10000, 60000, 0]);
    // October–December: C + W won 35,000; A 10,000 at 50 %, B 20,000 at 25 %:
    //   35,000 (0.375), 45,000 (0.375), 55,000 (0.125), 65,000 (0.125)
    //   P10 35,000, P50 45,000, P90 65,000; Expected 45,000; P(≥ 60,000) = 0.125
    const q = row(7);
    expect(q.slice(0, 5)).toEqual([35000, 45000, 65000, 45000, 60000]);
    expect(q[5] as number).toBeCloseTo(0.125, 12);
    // Calibration: C, W won reached every stage; E lost without History reached Lead only.
    expect([1, 2, 3, 4, 5].map((c) => value(bridge, 10, c))).toEqual([
      'Stage',
      'Set Probability',
      'Historical',
      'Closed Deals',
      'Difference',
    ]);
    expect(value(bridge, 11, 1)).toBe('Lead');
    expect(value(bridge, 11, 3) as number).toBeCloseTo(2 / 3, 9); // HyperFormula keeps ~11 digits
    expect(value(bridge, 11, 4)).toBe(3);
    expect(value(bridge, 15, 1)).toBe('Proposal');
    expect([value(bridge, 15, 3), value(bridge, 15, 4)]).toEqual([1, 2]);
    expect(value(bridge, 15, 5) as number).toBeCloseTo(0.4, 9);

    // 40 days on (2027-01-02) the morning refresh writes January and Q1 2027. F (70,000 at 90 %,
    // 2027-01-05) is in both, nothing won yet: 0 (0.1) or 70,000 (0.9). Cumulative 0.1 reaches
    // 10 %: P10 0, P50 and P90 70,000; Expected 63,000; P(≥ 60,000) = 0.9. (B, 2026-12-10, is
    // now in the past window.) The new dates are new arguments: Sheets recalculates.
    world.clock.advanceDays(40);
    windows({ F5: '2027-01-01', G5: '2027-01-31', F7: '2027-01-01', G7: '2027-03-31' });
    bridge.sync();
    expect(row(5)).toEqual([0, 70000, 70000, 63000, 60000, 0.9]);
    expect(row(7)).toEqual([0, 70000, 70000, 63000, 60000, 0.9]);
    expect(world.volatileArguments()).toEqual([]);
  });
});

describe("the playground's clock and Sheets' rule on volatile arguments", () => {
  test("TODAY() and NOW() follow the playground's clock, in the spreadsheet's time zone (not the machine's)", () => {
    // 2026-11-23 12:00 UTC is 24 November 01:00 in Auckland (NZDT, UTC+13).
    const world = new World({ now: '2026-11-23T12:00:00Z', timeZone: 'Pacific/Auckland' });
    world.setSheet('Calc', [['']]);
    const bridge = new FormulaBridge(world, { distDir: DIST });
    put(world, bridge, 'A1', '=TODAY()');
    put(world, bridge, 'B1', '=NOW()');
    put(world, bridge, 'C1', '=TEXT(TODAY(), "yyyy-mm-dd")');
    expect(value(bridge, 1, 3)).toBe('2026-11-24');
    expect(value(bridge, 1, 1)).toEqual(new Date('2026-11-23T11:00:00Z')); // midnight there
    // NOW: 24 Nov 2026 01:00 local = serial of 24 Nov (46350) + 1/24.
    expect(
      bridge.hf.getCellValue({ sheet: bridge.hf.getSheetId('Calc')!, row: 0, col: 1 }) as number,
    ).toBeCloseTo(
      46350 + 1 / 24,
      6, // HyperFormula rounds to ~11 significant digits
    );
    // A day on, as when the spreadsheet is reopened.
    world.clock.advanceDays(1);
    bridge.recalculateAll();
    expect(value(bridge, 1, 3)).toBe('2026-11-25');
  });

  test('a custom function with a volatile argument, direct or through cells, shows Loading... and never runs', () => {
    const { world, bridge } = makeWorld();
    const calls = bridge.customCalls;
    put(world, bridge, 'A1', '=PIPELINE_FORECAST_RANGE(DEALS, TODAY(), EOMONTH(TODAY(),0))');
    // B1 holds =TODAY(); C1 is computed from it (one level further).
    put(world, bridge, 'B1', '=TODAY()');
    put(world, bridge, 'C1', '=EOMONTH(B1, 0)');
    put(world, bridge, 'A3', '=PIPELINE_FORECAST_RANGE(DEALS, HISTORY, B1, C1)');
    put(world, bridge, 'A5', '=PIPELINE_FORECAST_RANGE(DEALS, HISTORY, DATE(2026,11,1), C1)');
    expect([value(bridge, 1, 1), value(bridge, 3, 1), value(bridge, 5, 1)]).toEqual([
      'Loading...',
      'Loading...',
      'Loading...',
    ]);
    expect(bridge.customCalls).toBe(calls);
    expect(world.volatileArguments().map((f) => `${f.cell} ${f.position}`)).toEqual([
      'Calc!A1 2',
      'Calc!A1 3',
      'Calc!A3 3',
      'Calc!A3 4',
      'Calc!A5 4',
    ]);
    // The date written as a value instead: the function runs and its table spills.
    world.setCell('Calc!B1', d('2026-11-01'));
    bridge.sync();
    expect(value(bridge, 3, 1)).toBe('Low (P10)');
    expect(value(bridge, 5, 1)).toBe('Low (P10)');
    expect(value(bridge, 1, 1)).toBe('Loading...');
    // Code.js ran for A3 and A5 now (each twice: once at 1×1, once re-entered at its spilled size).
    expect(bridge.customCalls - calls).toBe(4);
  });
});
