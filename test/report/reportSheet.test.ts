/**
 * Pipeline › Report on the built Code.js: the sheet's live formulas on the add-on's named ranges,
 * evaluated by the playground's engine (HyperFormula + the add-on's own custom functions), the
 * waterfall chart on the signed steps, and a team's own `Report` left alone.
 *
 * The pipeline of test/alerts/weekly.test.ts, worked by hand there: since the snapshot of
 * 16 Nov, Start 7 / 16,300, New 1 / 2,500, Increased 1 / 500, Decreased 1 / 800, Won 1 / 4,000,
 * Lost 1 / 5,000, Removed 1 / 600, End 5 / 8,900, Slipped 1 / 3,000, Pulled In 0.
 * Forecast accuracy, October: the snapshot of 28 Sep (before October began) forecast
 * W0 900 × 0.8 + X1 1,000 × 0.1 = 820 closing in October; won in October: W0 900 (1 Oct);
 * Error (900 − 820) / 820 = 0.09756…
 */
import path from 'node:path';
import { loadCode, World } from '../../host';
import { FormulaBridge } from '../../playground/formulas';
import { d } from '../../src/core/testing';
import { customFunction, run, setUp } from '../setup/support';

const DIST = path.resolve(__dirname, '../../dist');

const HEADERS = [
  'ID',
  'Deal',
  'Owner',
  'Amount',
  'Stage',
  'Probability',
  'Created',
  'Stage Entered',
  'Expected Close',
  'Closed',
  'Next Step',
  'Next Step Date',
  'Lost Reason',
];
const DEALS = [
  ['W0', 'Old win', 'Ana', 900, 'Won', '', d('2026-09-01'), d('2026-10-01'), '', d('2026-10-01'), '', '', ''],
  [
    'L0',
    'Old loss',
    'Ben',
    300,
    'Lost',
    '',
    d('2026-10-01'),
    d('2026-10-05'),
    '',
    d('2026-10-05'),
    '',
    '',
    'Price',
  ],
  [
    'D1',
    'Grows',
    'Ana',
    1500,
    'Proposal',
    '',
    d('2026-10-01'),
    d('2026-11-14'),
    d('2026-12-10'),
    '',
    'Call',
    d('2026-12-01'),
    '',
  ],
  [
    'D2',
    'Shrinks',
    'Ben',
    1200,
    'Negotiation',
    '',
    d('2026-10-01'),
    d('2026-11-20'),
    d('2026-12-05'),
    '',
    'Call',
    d('2026-12-01'),
    '',
  ],
  [
    'D3',
    'Slips',
    'Ana',
    3000,
    'Qualified',
    '',
    d('2026-10-01'),
    d('2026-11-14'),
    d('2027-01-15'),
    '',
    'Call',
    d('2026-11-20'),
    '',
  ],
  [
    'D4',
    'Will win',
    'Ben',
    4000,
    'Won',
    '',
    d('2026-10-21'),
    d('2026-11-15'),
    d('2026-11-25'),
    d('2026-11-20'),
    'Call',
    d('2026-12-01'),
    '',
  ],
  [
    'D5',
    'Will lose',
    'Ana',
    5000,
    'Lost',
    '',
    d('2026-10-01'),
    d('2026-11-14'),
    d('2026-12-20'),
    d('2026-11-19'),
    'Call',
    d('2026-12-01'),
    'No budget',
  ],
  [
    'D7',
    'Same',
    'Ana',
    700,
    'Proposal',
    0.5,
    d('2026-10-01'),
    d('2026-11-01'),
    d('2026-12-31'),
    '',
    'Call',
    d('2026-12-01'),
    '',
  ],
  [
    'D8',
    'New deal',
    'Ben',
    2500,
    'Lead',
    '',
    d('2026-11-18'),
    d('2026-11-18'),
    d('2026-12-15'),
    '',
    'Call',
    d('2026-12-01'),
    '',
  ],
];
const snap = (taken: string, rows: [string, string, string, string, number, number, string][]) =>
  rows.map(([id, deal, owner, stage, amount, p, close]) => [
    d(taken),
    id,
    deal,
    owner,
    stage,
    amount,
    p,
    d(close),
  ]);
const SNAPSHOTS = [
  ['Taken', 'Deal ID', 'Deal', 'Owner', 'Stage', 'Amount', 'Probability', 'Expected Close'],
  ...snap('2026-09-28', [
    ['W0', 'Old win', 'Ana', 'Negotiation', 900, 0.8, '2026-10-15'],
    ['X1', 'Gone', 'Ben', 'Lead', 1000, 0.1, '2026-10-30'],
  ]),
  ...snap('2026-11-16', [
    ['D1', 'Grows', 'Ana', 'Proposal', 1000, 0.6, '2026-12-10'],
    ['D2', 'Shrinks', 'Ben', 'Negotiation', 2000, 0.8, '2026-12-05'],
    ['D3', 'Slips', 'Ana', 'Qualified', 3000, 0.2, '2026-11-30'],
    ['D4', 'Will win', 'Ben', 'Negotiation', 4000, 0.8, '2026-11-25'],
    ['D5', 'Will lose', 'Ana', 'Lead', 5000, 0.1, '2026-12-20'],
    ['D6', 'Deleted', 'Ben', 'Contacted', 600, 0.3, '2026-12-01'],
    ['D7', 'Same', 'Ana', 'Proposal', 700, 0.5, '2026-12-31'],
  ]),
  // The report day's own snapshot, as the daily check takes it.
  ...snap('2026-11-23', [
    ['D1', 'Grows', 'Ana', 'Proposal', 1500, 0.6, '2026-12-10'],
    ['D2', 'Shrinks', 'Ben', 'Negotiation', 1200, 0.8, '2026-12-05'],
    ['D3', 'Slips', 'Ana', 'Qualified', 3000, 0.2, '2027-01-15'],
    ['D7', 'Same', 'Ana', 'Proposal', 700, 0.5, '2026-12-31'],
    ['D8', 'New deal', 'Ben', 'Lead', 2500, 0.1, '2026-12-15'],
  ]),
];

/** E5 and A25 as built: the sections say in words why they are empty until snapshots exist. */
const NO_SNAPSHOT = 'COUNT(Snapshots!$A:$A)=0, "No snapshot yet: the first is taken on "&$B$3&"."';
const CHANGES_CELL =
  `=IF(${NO_SNAPSHOT}, IF(MIN(Snapshots!$A:$A)=MAX(Snapshots!$A:$A), ` +
  '"One snapshot so far: changes show after the next, on "&$B$3&".", PIPELINE_CHANGES(DEALS, SNAPSHOTS)))';
const ACCURACY_CELL =
  `=IF(${NO_SNAPSHOT}, IF(MIN(Snapshots!$A:$A)>=EOMONTH($B$2, -2) + 1, ` +
  '"Shows once a whole month has passed since the first snapshot.", PIPELINE_FORECAST_ACCURACY(DEALS, SNAPSHOTS)))';

function makeWorld(): World {
  const world = new World({ now: '2026-11-23T09:00:00Z', timeZone: 'Etc/UTC' });
  world.setSheet('Deals', [HEADERS, ...DEALS], { frozenRows: 1 });
  world.setSheet('Snapshots', SNAPSHOTS, { frozenRows: 1 });
  world.removeSheet('Sheet1');
  setUp(world);
  return world;
}

test('Pipeline › Report: live formulas on the named ranges, evaluated; the waterfall chart on the signed steps', () => {
  const world = makeWorld();
  run(world, 'buildReport');
  const f = (a1: string) => world.formulaAt(`Report!${a1}`);
  expect(f('A5')).toBe('=PIPELINE_SUMMARY(DEALS, HISTORY)');
  expect(f('E5')).toBe(CHANGES_CELL);
  expect(f('D18')).toBe('=PIPELINE_FORECAST_RANGE(DEALS, HISTORY, B19, C19)');
  expect(f('A25')).toBe(ACCURACY_CELL);
  // The report date is a plain date value (today, 2026-11-23 UTC), never =TODAY(): the windows'
  // EOMONTH formulas on it are deterministic, so no custom function gets a volatile argument.
  expect(f('B2')).toBe('');
  expect(world.cell('Report!B2').value).toEqual(d('2026-11-23'));
  expect(world.cell('Report!B2').numberFormat).toBe('yyyy-mm-dd');
  // Money on the stalled and the overdue tables' Amount (E and L, from row 35).
  expect([world.cell('Report!E35').numberFormat, world.cell('Report!L40').numberFormat]).toEqual([
    '#,##0',
    '#,##0',
  ]);
  expect(
    world
      .sheetValues('Report')
      .slice(1, 3)
      .map((r) => [r[0], r[1]]),
  ).toEqual([
    ['Report date', d('2026-11-23')],
    // No alert settings in this workbook: the daily check that takes snapshots is off.
    ['Snapshot day', 'Monday, once alerts are on (Pipeline › Alerts)'],
  ]);
  expect(world.volatileArguments()).toEqual([]);
  expect(world.volatileWrites).toEqual([]);
  expect(f('J9')).toBe('=IFERROR(-G9, 0)');
  const [chart] = world.charts('Report');
  expect(chart).toMatchObject({
    type: 'WATERFALL',
    options: { title: 'What changed since the previous snapshot' },
  });
  expect(chart!.ranges).toEqual([
    { sheetId: world.spreadsheet().sheetByName('Report')!.id, row: 5, col: 9, numRows: 8, numCols: 2 },
  ]);

  const bridge = new FormulaBridge(world, { distDir: DIST });
  const v = (a1: string) => {
    const m = /^([A-Z])(\d+)$/.exec(a1)!;
    return bridge.cellValue('Report', Number(m[2]), m[1]!.charCodeAt(0) - 64);
  };
  const rows = (from: number, to: number, cols: string) =>
    Array.from({ length: to - from + 1 }, (_, i) => [...cols].map((c) => v(`${c}${from + i}`)));
  expect(rows(5, 15, 'EFG')).toEqual([
    ['Change', 'Deals', 'Amount'],
    ['Start', 7, 16300],
    ['New', 1, 2500],
    ['Increased', 1, 500],
    ['Decreased', 1, 800],
    ['Won', 1, 4000],
    ['Lost', 1, 5000],
    ['Removed', 1, 600],
    ['End', 5, 8900],
    ['Slipped', 1, 3000],
    ['Pulled In', 0, 0],
  ]);
  // The chart's steps add up to End.
  const steps = rows(6, 12, 'IJ');
  expect(steps).toEqual([
    ['Start', 16300],
    ['New', 2500],
    ['Increased', 500],
    ['Decreased', -800],
    ['Won', -4000],
    ['Lost', -5000],
    ['Removed', -600],
  ]);
  expect(steps.reduce((s, [, a]) => s + (a as number), 0)).toBe(8900);
  // Headline: open value 8,900 (the same as End), win rate 2 / 4.
  expect(rows(5, 9, 'AB')).toEqual([
    ['Metric', 'Value'],
    ['Open Deals', 5],
    ['Open Value', 8900],
    ['Weighted Value', 3060],
    ['Win Rate', 0.5],
  ]);
  // Forecast windows follow B2: November, and October–December.
  // (date-formatted cells read back as Dates)
  expect([v('B19'), v('C19'), v('B22'), v('C22')]).toEqual(
    ['2026-11-01', '2026-11-30', '2026-10-01', '2026-12-31'].map(d),
  );
  // November: nothing open closes in it; D4 won 4,000 on 20 Nov.
  expect(rows(18, 19, 'DEFG')).toEqual([
    ['Low (P10)', 'Likely (P50)', 'High (P90)', 'Expected'],
    [4000, 4000, 4000, 4000],
  ]);
  // Quarter expected: won 900 + 4,000, open D1 900 + D2 960 + D7 350 + D8 250.
  expect(v('G22')).toBeCloseTo(7360, 6);
  expect(rows(25, 26, 'ABC')).toEqual([
    ['Month', 'Forecast', 'Won'],
    ['2026-10', 820, 900],
  ]);
  expect(v('D26')).toBeCloseTo(80 / 820, 10);
  expect(v('A27')).toBe('');
  expect(rows(34, 35, 'A')).toEqual([['Deal'], ['Same']]);
  expect(rows(34, 35, 'GJ')).toEqual([
    ['Deal', 'Problem'],
    ['Slips', 'Next step overdue'],
  ]);
});

test("a team's own Report sheet is never written: the add-on builds Pipeline Report, and rebuilds that one", () => {
  const world = makeWorld();
  world.setSheet('Report', [['Our own report'], ['Q4', 123]]);
  const before = JSON.stringify(world.sheetValues('Report'));
  run(world, 'buildReport');
  expect(JSON.stringify(world.sheetValues('Report'))).toBe(before);
  expect(world.formulaAt('Pipeline Report!E5')).toBe(CHANGES_CELL);
  run(world, 'buildReport');
  expect(JSON.stringify(world.sheetValues('Report'))).toBe(before);
  expect(world.charts('Pipeline Report')).toHaveLength(1);
  expect(world.spreadsheet().sheets.map((s) => s.name)).not.toContain('Pipeline Report 2');
});

/** A Report cell as the playground's engine evaluates it (A1 within A:Z). */
function evaluated(bridge: FormulaBridge, sheet: string, a1: string): unknown {
  const m = /^([A-Z])(\d+)$/.exec(a1)!;
  return bridge.cellValue(sheet, Number(m[2]), m[1]!.charCodeAt(0) - 64);
}

test('a fresh workbook: the waterfall and the accuracy say no snapshot yet, naming the report weekday', () => {
  const world = new World({ now: '2026-11-25T09:00:00Z', timeZone: 'Etc/UTC' });
  world.setSheet('Deals', [HEADERS, ...DEALS], { frozenRows: 1 });
  world.removeSheet('Sheet1');
  setUp(world); // creates Snapshots with its header only
  // Alerts on, snapshots on Wednesdays (3).
  world.documentProperties.apply({
    'pipeline.alerts.config': JSON.stringify({
      owner: 'owner@example.com',
      hour: 8,
      manager: '',
      reportDay: 3,
    }),
  });
  run(world, 'buildReport');
  expect(world.sheetValues('Report')[2]!.slice(0, 2)).toEqual(['Snapshot day', 'Wednesday']);
  const bridge = new FormulaBridge(world, { distDir: DIST });
  const none = 'No snapshot yet: the first is taken on Wednesday.';
  expect([evaluated(bridge, 'Report', 'E5'), evaluated(bridge, 'Report', 'A25')]).toEqual([none, none]);
  // The rest of the sheet still works: the headline's first figure (5 open deals: D1, D2, D3, D7, D8).
  expect(evaluated(bridge, 'Report', 'B6')).toBe(5);

  // The first snapshot (Wednesday 25 Nov): the waterfall needs a second one; no whole month has
  // passed since (October 1 = EOMONTH(25 Nov, −2) + 1 is not after it).
  world.setCell('Snapshots!A2', d('2026-11-25'));
  world.setCell('Snapshots!B2', 'D1');
  world.setCell('Snapshots!F2', 1500);
  bridge.sync();
  expect(evaluated(bridge, 'Report', 'E5')).toBe(
    'One snapshot so far: changes show after the next, on Wednesday.',
  );
  expect(evaluated(bridge, 'Report', 'A25')).toBe(
    'Shows once a whole month has passed since the first snapshot.',
  );

  // The functions' own contract is unchanged: called directly they still raise their clear error.
  expect(() =>
    customFunction(world, 'PIPELINE_CHANGES', world.sheetValues('Deals'), [
      world.sheetValues('Snapshots')[0],
    ]),
  ).toThrow(/^Snapshots holds no snapshot yet/);
});

test("the daily check moves the Report's date to today each morning; the windows follow", () => {
  const world = makeWorld();
  run(world, 'buildReport');
  world.calls.reset();
  // Tuesday 1 December 2026, 07:00 UTC.
  world.clock.set('2026-12-01T07:00:00Z');
  run(world, 'runStalledCheckNow');
  expect(world.cell('Report!B2').value).toEqual(d('2026-12-01'));
  expect(world.formulaAt('Report!E5')).toBe(CHANGES_CELL);
  // Written blank, flushed, written back: one block each time.
  expect(
    world.calls.log.filter((c) => c.sheet === 'Report' && c.name === 'Range.setValues').map((c) => c.a1),
  ).toEqual(['A1:L34', 'A1:L34']);
  const bridge = new FormulaBridge(world, { distDir: DIST });
  // December, and still October–December.
  expect(['B19', 'C19', 'B22', 'C22'].map((a1) => evaluated(bridge, 'Report', a1))).toEqual(
    ['2026-12-01', '2026-12-31', '2026-10-01', '2026-12-31'].map(d),
  );
  expect(world.volatileArguments()).toEqual([]);
});

test('saving another report weekday in Alert settings shows it on the Report at once; off says so', () => {
  const world = makeWorld();
  run(world, 'buildReport');
  const snapshotDay = () => world.sheetValues('Report')[2]!.slice(0, 2);
  // Alerts off at build: the default day (Monday), said to wait for alerts.
  expect(snapshotDay()[1]).toBe('Monday, once alerts are on (Pipeline › Alerts)');
  const save = (form: Record<string, unknown>) => {
    const ctx = loadCode(world, { dir: DIST, user: 'ana@example.com' });
    try {
      return (ctx.saveAlertSettings as (f: unknown) => { ok: boolean })(form);
    } finally {
      world.endExecution(ctx);
    }
  };
  // Thursday is 4 (0 = Sunday, as the settings' select sends it).
  expect(save({ action: 'on', hour: 8, manager: '', reportDay: 4 }).ok).toBe(true);
  expect(snapshotDay()).toEqual(['Snapshot day', 'Thursday']);
  // The same day again: the Report is not rewritten.
  world.calls.reset();
  expect(save({ action: 'on', hour: 9, manager: '', reportDay: 4 }).ok).toBe(true);
  expect(world.calls.log.filter((c) => c.sheet === 'Report')).toEqual([]);
  expect(save({ action: 'off' }).ok).toBe(true);
  // Off: no saved day, so the default Monday again, waiting for alerts.
  expect(snapshotDay()[1]).toBe('Monday, once alerts are on (Pipeline › Alerts)');
});
