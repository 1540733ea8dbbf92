/**
 * Set up never takes what is the team's. Each hostile sheet: the team's cells compared
 * cell-by-cell before and after Set up run twice (preview, then "Set up"), and what the add-on
 * writes afterwards (a typed Stage edit, the daily check) goes to its own sheets and columns.
 */
import { loadCode, typeInto, type World } from '../../host';
import { DIST } from '../support/code';
import { cellsOf, customFunction, d, newWorld, refA1, run, setUp, workbookState } from './support';

/** A small canonical Deals sheet: A ID, B Deal, C Owner, D Amount, E Stage, F Created. */
function deals(world: World): void {
  world.setSheet('Deals', [
    ['ID', 'Deal', 'Owner', 'Amount', 'Stage', 'Created'],
    ['D-1', 'Acme', 'Ana', 10000, 'Lead', d('2026-11-01')],
    ['D-2', 'Globex', 'Ben', 20000, 'Proposal', d('2026-10-01')],
    ['D-3', 'Initech', 'Ana', 30000, 'Won', d('2026-09-01')],
    ['D-4', 'Hooli', 'Ben', 5000, 'Lost', d('2026-08-01')],
  ]);
}

/** Types into a cell as a user does and runs the simple onEdit trigger with Sheets' event. */
function typeAndEdit(world: World, a1: string, text: string): void {
  const ctx = loadCode(world, { dir: DIST, authMode: 'LIMITED', trigger: 'edit' });
  try {
    const event = world.calls.mute(() => typeInto(ctx, a1, text));
    (ctx.onEdit as (e: unknown) => void)(event);
  } finally {
    world.endExecution(ctx);
  }
}

function previewHtml(world: World): string {
  return world.ui.shown.filter((s) => s.kind === 'modal').at(-1)?.content ?? '';
}

describe('named ranges DEALS and HISTORY that point elsewhere', () => {
  function hostile(): World {
    const world = newWorld();
    deals(world);
    world.setSheet('Summary', [
      ['Region', 'Target'],
      ['EMEA', 50000],
      ['NA', 70000],
    ]);
    const ctx = loadCode(world, { dir: DIST });
    const ss = ctx.SpreadsheetApp.getActiveSpreadsheet();
    ss.setNamedRange('DEALS', ss.getRange('Summary!A1:B3'));
    ss.setNamedRange('HISTORY', ss.getRange('Summary!B2:B3'));
    world.endExecution(ctx);
    return world;
  }

  test('are neither written through nor repointed: Set up names its own PIPELINE_DEALS / PIPELINE_HISTORY', () => {
    const world = hostile();
    const summary = cellsOf(world, 'Summary', 10, 5);
    for (let i = 0; i < 2; i++) {
      setUp(world);
      expect(refA1(world, world.namedRange('DEALS')!.ref)).toBe('Summary!A1:B3');
      expect(refA1(world, world.namedRange('HISTORY')!.ref)).toBe('Summary!B2:B3');
      expect(cellsOf(world, 'Summary', 10, 5)).toEqual(summary);
    }
    expect(refA1(world, world.namedRange('PIPELINE_DEALS')!.ref)).toBe('Deals!A:Q');
    expect(refA1(world, world.namedRange('PIPELINE_HISTORY')!.ref)).toBe('History!A:H');
    const html = previewHtml(world);
    expect(html).toContain('The name <b>DEALS</b> already points at Summary!A1:B3: it stays yours');
    expect(html).toContain('<b>PIPELINE_HISTORY</b>');
    // The functions without a range read the deals sheet, not the team's DEALS: Acme + Globex open.
    expect(customFunction(world, 'PIPELINE_COUNT')).toBe(2);
    expect(customFunction(world, 'PIPELINE_VALUE')).toBe(30000);
  });

  test('the Dashboard uses the add-on own names', () => {
    const world = hostile();
    setUp(world);
    run(world, 'buildDashboard');
    expect(world.formulaAt('Dashboard!A4')).toBe('=PIPELINE_SUMMARY(PIPELINE_DEALS, PIPELINE_HISTORY)');
    expect(world.formulaAt('Dashboard!A17')).toBe('=PIPELINE_FUNNEL(PIPELINE_DEALS, PIPELINE_HISTORY)');
  });
});

describe('a team own History, Stages and Team with other headers', () => {
  function hostile(): World {
    const world = newWorld();
    deals(world);
    world.setSheet('History', [
      ['Year', 'Event'],
      [2019, 'Founded'],
      [2024, '=CONCAT("Series ", "A")'],
    ]);
    world.setSheet('Stages', [
      ['Step', 'Description'],
      ['Onboarding', 'first week'],
    ]);
    world.setSheet('Team', [
      ['Player', 'Position'],
      ['Ana', 'Goal'],
    ]);
    return world;
  }

  test('stay untouched; the add-on uses Pipeline History / Pipeline Stages / Pipeline Team', () => {
    const world = hostile();
    const before = ['History', 'Stages', 'Team'].map((s) => cellsOf(world, s, 10, 5));
    for (let i = 0; i < 2; i++) {
      setUp(world);
      expect(['History', 'Stages', 'Team'].map((s) => cellsOf(world, s, 10, 5))).toEqual(before);
    }
    expect(world.sheetValues('Pipeline History')[0]).toEqual([
      'When',
      'Deal ID',
      'Deal',
      'From',
      'To',
      'Days In Stage',
      'Changed By',
      'Via',
    ]);
    expect(world.sheetValues('Pipeline Stages')[1]).toEqual(['Lead', 0.1, 14, 'Open']);
    expect(world.sheetValues('Pipeline Team')).toEqual([['Owner', 'Email', 'Quota']]);
    expect(refA1(world, world.namedRange('HISTORY')!.ref)).toBe('Pipeline History!A:H');
    const html = previewHtml(world);
    for (const [theirs, ours] of [
      ['History', 'Pipeline History'],
      ['Stages', 'Pipeline Stages'],
      ['Team', 'Pipeline Team'],
    ]) {
      expect(html).toContain(
        `Your sheet <b>${theirs}</b> is something else: it stays as it is, and the add-on uses <b>${ours}</b>.`,
      );
    }
    // The Stage drop-down lists the add-on's stages, not the team's Stages.
    const rule = world.cell('Deals!E2').validation!;
    expect(refA1(world, (rule.values[0] as { ref: Parameters<typeof refA1>[1] }).ref)).toBe(
      'Pipeline Stages!A2:A',
    );

    // A typed Stage edit is recorded in Pipeline History, never in the team's History.
    typeAndEdit(world, 'Deals!E2', 'Qualified');
    expect(['History', 'Stages', 'Team'].map((s) => cellsOf(world, s, 10, 5))).toEqual(before);
    const last = world.sheetValues('Pipeline History').at(-1)!;
    expect(last.slice(1, 5)).toEqual(['D-1', 'Acme', 'Lead', 'Qualified']);
    // The functions read Pipeline Stages: Qualified 20 % × 10,000 + Proposal 60 % × 20,000.
    expect(customFunction(world, 'PIPELINE_WEIGHTED')).toBe(14000);
  });

  test('the team deletes its own History later: moves still go to Pipeline History, no new History', () => {
    const world = hostile();
    setUp(world);
    const kept = world.sheetValues('Pipeline History');
    world.removeSheet('History');
    typeAndEdit(world, 'Deals!E2', 'Qualified');
    // Before: the writer took the first free name (History) while the readers and the HISTORY
    // range kept Pipeline History, so this move was never read again.
    expect(world.spreadsheet().sheets.map((s) => s.name)).not.toContain('History');
    const rows = world.sheetValues('Pipeline History');
    expect(rows.slice(0, kept.length)).toEqual(kept);
    expect(rows.at(-1)!.slice(1, 5)).toEqual(['D-1', 'Acme', 'Lead', 'Qualified']);
  });

  test('before Set up, a team own Stages sheet does not break the functions', () => {
    const world = hostile();
    expect(customFunction(world, 'PIPELINE_COUNT', world.sheetValues('Deals'))).toBe(2);
  });
});

test('History with its columns in another order: rows are written by header', () => {
  const world = newWorld();
  deals(world);
  const header = ['Via', 'To', 'Deal ID', 'When', 'From', 'Changed By', 'Deal', 'Days In Stage'];
  world.setSheet('History', [
    header,
    ['import', 'Lead', 'D-1', d('2026-11-01'), '', 'ana@example.com', 'Acme', ''],
  ]);
  for (let i = 0; i < 2; i++) setUp(world);
  typeAndEdit(world, 'Deals!E2', 'Qualified');
  const rows = world.sheetValues('History');
  expect(rows[0]).toEqual(header);
  // Baseline rows for the three deals History did not know (D-2, D-3, D-4), then the edit.
  const byHeader = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  expect(byHeader.map((r) => [r['Deal ID'], r.Deal, r.From, r.To, r.Via])).toEqual([
    ['D-1', 'Acme', '', 'Lead', 'import'],
    ['D-2', 'Globex', '', 'Proposal', 'import'],
    ['D-3', 'Initech', '', 'Won', 'import'],
    ['D-4', 'Hooli', '', 'Lost', 'import'],
    ['D-1', 'Acme', 'Lead', 'Qualified', 'edit'],
  ]);
  expect(byHeader.at(-1)!.When).toBeInstanceOf(Date);
  expect(byHeader.at(-1)!['Days In Stage']).toBe(22); // 2026-11-01 → 2026-11-23
});

test('validation the team put on some Stage cells is not replaced', () => {
  const world = newWorld();
  deals(world);
  const ctx = loadCode(world, { dir: DIST });
  const sheet = ctx.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Deals')!;
  sheet
    .getRange('E4:E5')
    .setDataValidation(
      ctx.SpreadsheetApp.newDataValidation().requireValueInList(['Won', 'Lost', 'On hold']).build(),
    );
  world.endExecution(ctx);
  world.calls.reset();
  const before = cellsOf(world, 'Deals', 1000, 6);
  for (let i = 0; i < 2; i++) {
    setUp(world);
    expect(cellsOf(world, 'Deals', 1000, 6)).toEqual(before);
  }
  expect(world.calls.count('Range.setDataValidation')).toBe(0);
  expect(previewHtml(world)).toContain(
    'Your own validation on 2 Stage cells (E4:E5) is kept: Set up adds no Stage drop-down.',
  );
});

describe('a column of the team own formulas under a managed name', () => {
  function hostile(): World {
    const world = newWorld();
    world.setSheet('Deals', [
      ['ID', 'Deal', 'Owner', 'Amount', 'Stage', 'Stage Entered', 'Stalled'],
      ['D-1', 'Acme', 'ana@example.com', 10000, 'Lead', d('2026-09-01'), '=IF(TODAY()-F2>14,"yes","")'],
      ['D-2', 'Globex', 'ben@example.com', 20000, 'Proposal', d('2026-11-20'), '=IF(TODAY()-F3>14,"yes","")'],
    ]);
    return world;
  }

  test('is not adopted: the preview says so, Set up adds its own Stalled Since, the daily check leaves it alone', () => {
    const world = hostile();
    // Every cell of the team's columns; column E (Stage) only gains the add-on's drop-down.
    const teams = () => cellsOf(world, 'Deals', 1000, 7).map((r) => [...r.slice(0, 4), ...r.slice(5)]);
    const before = teams();
    const stageValues = () => world.sheetValues('Deals').map((r) => r[4]);
    const stages = stageValues();
    for (let i = 0; i < 2; i++) {
      setUp(world);
      expect(teams()).toEqual(before);
      expect(stageValues()).toEqual(stages);
    }
    const html = previewHtml(world);
    expect(html).toContain('Column G (<b>Stalled</b>) holds your formulas: the add-on leaves it alone');
    const header = world.sheetValues('Deals')[0]!;
    expect(header.at(-1)).toBe('Stalled Since');
    run(world, 'runStalledCheckNow');
    expect(teams()).toEqual(before);
    // SPEC §1: when two headers claim one column the first from the left is taken, so the team's
    // `Stalled` (G) is the Stalled Since column the check reads; it holds formulas, so the check
    // writes nothing there (asserted above) and nothing into the column Set up added either.
    // Known gap (closing note): such a sheet gets no stall flags until the team renames its column.
    const stalledSince = header.length;
    expect(world.sheetValues('Deals')[1]![stalledSince - 1]).toBe('');
  });
});

test('formulas under the very name Stalled Since: read, flagged in the preview, never written by the daily check', () => {
  const world = newWorld();
  world.setSheet('Deals', [
    ['ID', 'Deal', 'Owner', 'Amount', 'Stage', 'Stage Entered', 'Stalled Since'],
    ['D-1', 'Acme', 'ana@example.com', 10000, 'Lead', d('2026-09-01'), '=IF(TODAY()-F2>14,F2+14,"")'],
    ['D-2', 'Globex', 'ben@example.com', 20000, 'Proposal', d('2026-11-20'), '=IF(TODAY()-F3>14,F3+14,"")'],
  ]);
  const formulas = () => world.sheetFormulas('Deals').map((r) => r[6]);
  const before = formulas();
  for (let i = 0; i < 2; i++) setUp(world);
  expect(previewHtml(world)).toContain(
    "Column G (<b>Stalled Since</b>) holds your formulas under the add-on's own name",
  );
  // No second Stalled Since is added (the first of two equal headers is the one read).
  expect(world.sheetValues('Deals')[0]!.filter((h) => h === 'Stalled Since')).toHaveLength(1);
  run(world, 'runStalledCheckNow');
  expect(formulas()).toEqual(before);
  expect(world.ui.alerts().at(-1)?.message).toContain(
    'holds formulas of yours: the check did not write over them',
  );
});

test('a team Dashboard is recognised by the add-on record, not its A1 text (see dashboard.test.ts)', () => {
  const world = newWorld();
  deals(world);
  setUp(world);
  world.setSheet('Dashboard', [['Pipeline dashboard'], ['mine', 1]]);
  const theirs = cellsOf(world, 'Dashboard', 5, 5);
  const state = workbookState(world, { except: ['Pipeline Dashboard'] });
  run(world, 'buildDashboard');
  run(world, 'buildDashboard');
  expect(cellsOf(world, 'Dashboard', 5, 5)).toEqual(theirs);
  expect(workbookState(world, { except: ['Pipeline Dashboard'] })).toBe(state);
  expect(world.sheet('Pipeline Dashboard')).toBeDefined();
});

test('a column of NOW() formulas: the preview names it, Set up goes on and leaves it as typed', () => {
  // Sheets refuses a custom function whose range covers NOW() ("This function is not allowed to
  // reference a cell with NOW(), RAND(), RANDARRAY(), or RANDBETWEEN()"): with it in the deals
  // table every =PIPELINE_…(PIPELINE_DEALS) figure would error, so the team must hear of it first.
  // TODAY() (column H) is not in that error and is not named.
  const world = newWorld();
  world.setSheet('Deals', [
    ['ID', 'Deal', 'Owner', 'Amount', 'Stage', 'Created', 'Age (hours)', 'Days Open'],
    ['D-1', 'Acme', 'Ana', 10000, 'Lead', d('2026-11-01'), '=ROUND((NOW()-F2)*24)', '=TODAY()-F2'],
    ['D-2', 'Globex', 'Ben', 20000, 'Proposal', d('2026-10-01'), '=ROUND((NOW()-F3)*24)', '=TODAY()-F3'],
  ]);
  const formulas = () => world.sheetFormulas('Deals').map((r) => r.slice(6, 8));
  const before = formulas();
  setUp(world);
  const html = previewHtml(world);
  expect(html).toContain('Formulas the Pipeline functions cannot read');
  expect(html).toContain('<li>Column G (<b>Age (hours)</b>): <code>=ROUND((NOW()-F2)*24)</code></li>');
  expect(html).not.toContain('Column H (<b>Days Open</b>):');
  // Nothing of the team's is lost: both formula columns read back as typed.
  expect(formulas()).toEqual(before);
  // The host's own rule agrees: once built, the Dashboard's figures read the NOW() cells.
  run(world, 'buildDashboard');
  expect(world.volatileArguments().some((v) => v.reason.includes('NOW()'))).toBe(true);
});

test('a deals sheet without such formulas: no warning in the preview', () => {
  const world = newWorld();
  deals(world);
  setUp(world);
  expect(previewHtml(world)).not.toContain('Formulas the Pipeline functions cannot read');
});
