/**
 * Every formula the add-on writes passes Sheets' rule on custom-function arguments (custom
 * functions guide, #arguments: "Custom function arguments must be deterministic"; NOW(),
 * RAND(), TODAY()… or a cell computed from one leave the cell on "Loading..." for ever): on the
 * playground's demo workbook after what a user does first — Set up, Pipeline › Dashboard, the
 * daily check, Pipeline › Report — and after the daily check of a later day. The playground's
 * engine shows "Loading..." for such a cell, so the sheets are also read as a user sees them.
 *
 * The demo's today is Monday 23 November 2026 (Etc/UTC); the alerts are on with the default
 * report day (Monday), so the first daily check takes the first snapshot that morning.
 */
import path from 'node:path';
import { columnToLetters, describeVolatileArguments } from '../../host';
import { Playground } from '../../playground/app';

const DIST = path.resolve(__dirname, '../../dist');

// The demo's Set up, Dashboard and daily check take a while on a loaded 2-core machine.
jest.setTimeout(120_000);

/** Every displayed cell text of a sheet, by A1. */
function shown(pg: Playground, sheet: string): Map<string, string> {
  const view = pg.sheetView(sheet);
  const out = new Map<string, string>();
  view.cells.forEach((line, r) => {
    line.forEach((cell, c) => {
      if (cell) out.set(`${columnToLetters(c + 1)}${r + 1}`, cell.t);
    });
  });
  return out;
}

test('Set up, the Dashboard, the daily check and the Report: no custom function gets a volatile argument', () => {
  const pg = new Playground({ distDir: DIST });
  pg.menuCommand('buildReport');
  const report = pg.sheetNames().find((n) => /report/i.test(n))!;
  expect(describeVolatileArguments(pg.world.volatileArguments())).toBe('');
  expect(pg.world.volatileWrites).toEqual([]);
  const dashboard = shown(pg, 'Dashboard');
  const sheet = shown(pg, report);
  for (const [name, cells] of [
    ['Dashboard', dashboard],
    [report, sheet],
  ] as const) {
    const stuck = [...cells].filter(([, t]) => t === 'Loading...' || t.startsWith('#'));
    expect({ name, stuck }).toEqual({ name, stuck: [] });
  }
  // The windows and the report date, written as dates for the playground's today.
  expect(['F5', 'G5', 'F7', 'G7'].map((a1) => dashboard.get(a1))).toEqual([
    '2026-11-01',
    '2026-11-30',
    '2026-10-01',
    '2026-12-31',
  ]);
  expect([sheet.get('A2'), sheet.get('B2'), sheet.get('A3'), sheet.get('B3')]).toEqual([
    'Report date',
    '2026-11-23',
    'Snapshot day',
    'Monday',
  ]);
  // One snapshot so far (this morning's): the waterfall and the accuracy say so in words.
  expect(sheet.get('E5')).toBe('One snapshot so far: changes show after the next, on Monday.');
  expect(sheet.get('A25')).toBe('Shows once a whole month has passed since the first snapshot.');
  // The windows the Report works out from its date: November, and October–December.
  expect(['B19', 'C19', 'B22', 'C22'].map((a1) => sheet.get(a1))).toEqual([
    '2026-11-01',
    '2026-11-30',
    '2026-10-01',
    '2026-12-31',
  ]);

  // Eight days on (Tuesday 1 December), the morning's check moves both sheets' dates.
  pg.world.clock.advanceDays(8);
  pg.runDailyCheck();
  const later = shown(pg, 'Dashboard');
  expect(['F5', 'G5', 'F7', 'G7'].map((a1) => later.get(a1))).toEqual([
    '2026-12-01',
    '2026-12-31',
    '2026-10-01',
    '2026-12-31',
  ]);
  const laterReport = shown(pg, report);
  expect(laterReport.get('B2')).toBe('2026-12-01');
  expect(['B19', 'C19'].map((a1) => laterReport.get(a1))).toEqual(['2026-12-01', '2026-12-31']);
  // Monday 30 November's snapshot was taken by this run (the report day was missed): two now.
  expect(laterReport.get('E6')).toBe('Start');
  expect(pg.world.volatileArguments()).toEqual([]);
  expect(pg.world.volatileWrites).toEqual([]);
});
