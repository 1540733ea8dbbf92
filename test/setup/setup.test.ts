/**
 * Pipeline › Set up on the fakes, through the built Code.js: adopting three messy sheets without
 * changing any cell of theirs, twice = once, declining the adoption, and the custom functions
 * reading the adopted sheet afterwards.
 */
import { loadCode, makeEditEvent, type World } from '../../host';
import { DIST } from '../support/code';
import {
  cellsOf,
  customFunction,
  dealsWithProblems,
  newWorld,
  opportunities2026,
  previewToken,
  refA1,
  run,
  setUp,
  widePipeline,
  workbookState,
} from './support';

const ID = /^D-[A-Z2-9]{8}$/;

/** Before/after of the user's block: every stored cell equal, except the Stage column's validation. */
function expectUserCellsUnchanged(before: string[][], after: string[][], stageColumn: number): void {
  const strip = (json: string, c: number) => {
    if (json === '' || c !== stageColumn - 1) return json;
    const cell = JSON.parse(json) as Record<string, unknown>;
    delete cell.validation;
    return Object.keys(cell).length === 1 && cell.value === '' ? '' : JSON.stringify(cell);
  };
  const diffs: string[] = [];
  before.forEach((row, r) => {
    row.forEach((cell, c) => {
      const a = strip(after[r]![c]!, c);
      if (strip(cell, c) !== a) diffs.push(`R${r + 1}C${c + 1}: ${cell} → ${a}`);
    });
  });
  expect(diffs).toEqual([]);
}

function stageRule(world: World, sheet: string, a1: string) {
  return world.cell(sheet, a1).validation;
}

describe('adopting "Opportunities 2026" (aliased headers, user formulas, blank rows)', () => {
  let world: World;
  let before: string[][];

  beforeEach(() => {
    world = newWorld();
    opportunities2026(world);
    before = cellsOf(world, 'Opportunities 2026', 1000, 26);
  });

  test('asks to adopt it, then adds only new columns at the right', () => {
    const summaryBefore = workbookState(world).includes('"Summary"');
    expect(summaryBefore).toBe(true);
    const summary = JSON.stringify(cellsOf(world, 'Summary', 10, 5));
    setUp(world);

    // The preview named the sheet before anything was written; no alert was needed.
    expect(world.ui.shown[0]?.content).toContain('Set up will use <b>Opportunities 2026</b>');
    expect(world.ui.alerts()).toHaveLength(0);

    const after = cellsOf(world, 'Opportunities 2026', 1000, 26);
    // Columns A–G are the user's: nothing in them changed but the Stage column's drop-down.
    expectUserCellsUnchanged(
      before.map((r) => r.slice(0, 7)),
      after.map((r) => r.slice(0, 7)),
      4,
    );
    const values = world.sheetValues('Opportunities 2026');
    expect(values[0]).toEqual([
      'Deal Name',
      'Notes',
      'Value',
      'Status',
      'Rep',
      'Close Date',
      'Margin',
      'ID',
      'Company',
      'Probability',
      'Created',
      'Stage Entered',
      // No Closed column: a lone Close Date is Closed for won and lost deals (SPEC §1).
      'Last Activity',
      'Next Step',
      'Next Step Date',
      'Lost Reason',
      'Snoozed Until',
      'Stalled Since',
    ]);
    // IDs on the five deal rows only; the formula-only row 4 and the blank row 5 stay blank.
    const ids = values.slice(1).map((r) => r[7]);
    expect(ids.map((id) => (id === '' ? '' : 'id'))).toEqual(['id', 'id', '', '', 'id', 'id', 'id']);
    for (const id of ids.filter((x) => x !== '')) expect(id).toMatch(ID);
    expect(new Set(ids.filter((x) => x !== '')).size).toBe(5);
    // Every other new cell is blank.
    for (const row of values.slice(1)) expect(row.slice(8)).toEqual(Array(10).fill(''));
    // Formats on the new columns only.
    expect(world.cell('Opportunities 2026!J2').numberFormat).toBe('0%');
    expect(world.cell('Opportunities 2026!K500').numberFormat).toBe('yyyy-mm-dd');
    expect(world.cell('Opportunities 2026!Q1000').numberFormat).toBe('yyyy-mm-dd');
    expect(world.cell('Opportunities 2026!H2').numberFormat).toBeUndefined();
    expect(world.cell('Opportunities 2026!K1').numberFormat).toBeUndefined();

    // Remembered through DEALS over whole columns; HISTORY likewise.
    const deals = world.namedRange('DEALS')!;
    expect(refA1(world, deals.ref)).toBe('Opportunities 2026!A:R');
    expect(refA1(world, world.namedRange('HISTORY')!.ref)).toBe('History!A:H');

    // Stage drop-down: one sheet rule over D2:D1000 from Stages!A2:A, invalid values warned.
    expect(world.calls.count('Range.setDataValidation')).toBe(1);
    const rule = stageRule(world, 'Opportunities 2026', 'D2');
    expect(rule?.criteria).toBe('VALUE_IN_RANGE');
    expect(rule?.allowInvalid).toBe(true);
    const source = (rule!.values[0] as { ref: Parameters<typeof refA1>[1] }).ref;
    expect(refA1(world, source)).toBe('Stages!A2:A');
    expect(stageRule(world, 'Opportunities 2026', 'D1000')).toEqual(rule);
    expect(stageRule(world, 'Opportunities 2026', 'D1')).toBeUndefined();
    expect(stageRule(world, 'Opportunities 2026', 'C2')).toBeUndefined();

    // Stalled rows highlighted by one conditional-format rule on Stalled Since (column R).
    const rules = world.sheet('Opportunities 2026')!.condRules;
    expect(rules).toHaveLength(2);
    expect(rules[0]!.criteria).toBe('CUSTOM_FORMULA');
    expect(rules[0]!.values).toEqual(['=$R2<>""']);
    expect(rules[0]!.ranges.map((r) => refA1(world, r))).toEqual(['Opportunities 2026!A2:R1000']);
    // Then overdue rows (issue 13). Close Date (F) is both Expected Close and Closed here (SPEC §1),
    // so "still open" is a Stage (D) other than Won and Lost; not snoozed (Q), and Close Date (F)
    // or Next Step Date (O) before today.
    const header = world.sheetValues('Opportunities 2026')[0]!;
    const letter = (name: string) => String.fromCharCode(65 + header.indexOf(name));
    expect([
      letter('Status'),
      letter('Close Date'),
      letter('Snoozed Until'),
      letter('Next Step Date'),
    ]).toEqual(['D', 'F', 'Q', 'O']);
    expect(rules[1]!.values).toEqual([
      '=AND($D2<>"Won",$D2<>"Lost",OR($Q2="",$Q2<=TODAY()),OR(AND(ISNUMBER($F2),$F2<TODAY()),AND(ISNUMBER($O2),$O2<TODAY())))',
    ]);
    expect(rules[1]!.format).toEqual({ background: '#f4c7c3' });
    expect(rules[1]!.ranges.map((r) => refA1(world, r))).toEqual(['Opportunities 2026!A2:R1000']);
    expect(world.sheet('Opportunities 2026')!.frozenRows).toBe(1);

    // Stages, History and Team created with their headers; Summary untouched.
    expect(world.sheetValues('Stages')).toEqual([
      ['Stage', 'Probability', 'Stalled After (days)', 'Outcome'],
      ['Lead', 0.1, 14, 'Open'],
      ['Qualified', 0.2, 14, 'Open'],
      ['Contacted', 0.3, 10, 'Open'],
      ['Needs Assessment', 0.4, 14, 'Open'],
      ['Proposal', 0.6, 10, 'Open'],
      ['Negotiation', 0.8, 7, 'Open'],
      ['Won', 1, '', 'Won'],
      ['Lost', 0, '', 'Lost'],
    ]);
    // History gets a baseline: one `import` row per deal, From blank, To its stage as typed, so
    // the edit trigger can tell a pasted block's unchanged stages from moves.
    const history = world.sheetValues('History');
    expect(history[0]).toEqual([
      'When',
      'Deal ID',
      'Deal',
      'From',
      'To',
      'Days In Stage',
      'Changed By',
      'Via',
    ]);
    const dealIds = ids.filter((x) => x !== '');
    expect(history.slice(1).map((r) => r.slice(1))).toEqual([
      [dealIds[0], 'Acme renewal', '', 'Lead', '', 'owner@example.com', 'import'],
      [dealIds[1], 'Globex pilot', '', 'proposal', '', 'owner@example.com', 'import'],
      [dealIds[2], 'Initech expansion', '', 'Negotiation', '', 'owner@example.com', 'import'],
      [dealIds[3], 'Hooli services', '', 'Won', '', 'owner@example.com', 'import'],
      [dealIds[4], 'Umbrella', '', 'Lost', '', 'owner@example.com', 'import'],
    ]);
    // No Stage Entered on these deals: When is the moment Set up ran (the world's clock).
    for (const row of history.slice(1)) expect((row[0] as Date).getTime()).toBe(world.clock.now());
    expect(world.sheetValues('Team')).toEqual([['Owner', 'Email', 'Quota']]);
    expect(JSON.stringify(cellsOf(world, 'Summary', 10, 5))).toBe(summary);
    expect(world.ui.toasts.at(-1)?.message).toContain('Adopted "Opportunities 2026"');
  });

  test('set up twice = once: the second run changes nothing', () => {
    setUp(world);
    const once = workbookState(world);
    world.calls.reset();
    expect(setUp(world).message).toBe('Everything was already set up on "Opportunities 2026".');
    expect(workbookState(world)).toBe(once);
    expect(world.calls.writes()).toBe(0);
    expect(world.ui.alerts()).toHaveLength(0);
    expect(world.ui.toasts.at(-1)?.message).toBe('Everything was already set up on "Opportunities 2026".');
  });

  test('the preview writes nothing at all (Cancel only closes it)', () => {
    const state = workbookState(world);
    const cells = cellsOf(world, 'Opportunities 2026', 1000, 26);
    run(world, 'setUpPipeline');
    expect(workbookState(world)).toBe(state);
    expect(cellsOf(world, 'Opportunities 2026', 1000, 26)).toEqual(cells);
    expect(world.calls.writes()).toBe(0);
    expect(
      world.calls
        .names()
        .filter((n) => /^(Range|Sheet|Spreadsheet)\.(set|insert|clear|delete|add|remove)/.test(n)),
    ).toEqual([]);
    expect(world.ui.shown.filter((s) => s.kind === 'modal')).toHaveLength(1);
  });

  test('"Set up" after the sheets changed writes nothing and says so', () => {
    run(world, 'setUpPipeline');
    const token = previewToken(world);
    world.setCell('Opportunities 2026!H1', 'Region'); // a collaborator adds a column meanwhile
    const state = workbookState(world);
    const result = run(world, 'applySetUp', {}, token) as { ok: boolean; message: string };
    expect(result.ok).toBe(false);
    expect(result.message).toContain('changed since this preview');
    expect(workbookState(world)).toBe(state);
  });

  test('the custom functions then read the adopted sheet (no range argument)', () => {
    setUp(world);
    // Open: Acme 12,000 Lead, Globex $8,000.00 proposal, Initech 30,000 Negotiation.
    expect(customFunction(world, 'PIPELINE_COUNT')).toBe(3);
    expect(customFunction(world, 'PIPELINE_VALUE')).toBe(50000);
    // 12,000 × 10 % + 8,000 × 60 % + 30,000 × 80 %.
    expect(customFunction(world, 'PIPELINE_WEIGHTED')).toBe(30000);
    // Hooli won, Umbrella lost (no Closed dates, no period given).
    expect(customFunction(world, 'PIPELINE_WINRATE')).toBe(0.5);
    expect(customFunction(world, 'PIPELINE_COUNT', '', 'ana')).toBe(2);
  });
});

describe('adopting `Deals` (IDs partly filled, user rules, frozen rows)', () => {
  test('fills only the blank IDs of deal rows and keeps the user rules and frozen rows', () => {
    const world = newWorld();
    dealsWithProblems(world);
    const before = cellsOf(world, 'Deals', 1000, 26);
    const region = world.cell('Deals!I2').validation;
    setUp(world);
    expect(world.ui.alerts()).toHaveLength(0);

    const after = cellsOf(world, 'Deals', 1000, 26);
    // B3 and B6 were blank ID cells of deals: the only user cells Set up may fill.
    expect(before[2]![1]).toBe('');
    expect(before[5]![1]).toBe('');
    after[2]![1] = '';
    after[5]![1] = '';
    expectUserCellsUnchanged(
      before.map((r) => r.slice(0, 10)),
      after.map((r) => r.slice(0, 10)),
      5,
    );
    // Column B: existing IDs (text and the number 7) untouched; rows 3 and 6 got IDs; 5 stays blank.
    const ids = world.sheetValues('Deals').map((r) => r[1]);
    expect(ids[1]).toBe('D-100');
    expect(ids[2]).toMatch(ID);
    expect(ids[3]).toBe('D-100');
    expect(ids[4]).toBe('');
    expect(ids[5]).toMatch(ID);
    expect(ids[6]).toBe('D-7');
    expect(ids[7]).toBe(7);
    // Only the blank ID cells were written.
    const idWrites = world.calls.log.filter((l) => l.name === 'Range.setValues' && l.sheet === 'Deals');
    expect(idWrites.map((l) => l.a1)).toEqual(['K1:S1', 'B3', 'B6']);

    expect(world.sheetValues('Deals')[0]!.slice(10)).toEqual([
      'Probability',
      'Stage Entered',
      'Expected Close',
      'Last Activity',
      'Next Step',
      'Next Step Date',
      'Lost Reason',
      'Snoozed Until',
      'Stalled Since',
    ]);
    const sheet = world.sheet('Deals')!;
    expect(sheet.frozenRows).toBe(2);
    expect(sheet.condRules).toHaveLength(3);
    expect(sheet.condRules[0]!.criteria).toBe('TEXT_EQUAL_TO');
    expect(sheet.condRules[1]!.values).toEqual(['=$S2<>""']);
    expect(String(sheet.condRules[2]!.values[0])).toMatch(/^=AND\(\$H2="",/);
    expect(world.cell('Deals!I2').validation).toEqual(region);
    expect(world.cell('Deals!E2').validation?.criteria).toBe('VALUE_IN_RANGE');
    expect(refA1(world, world.namedRange('DEALS')!.ref)).toBe('Deals!A:S');
  });
});

describe('adopting a full-width "Pipeline 2025" with the team own Stages and Team', () => {
  test('grows the sheet for the new columns and keeps Stages and Team as they are', () => {
    const world = newWorld();
    widePipeline(world);
    const before = cellsOf(world, 'Pipeline 2025', 1000, 26);
    const stages = JSON.stringify(cellsOf(world, 'Stages', 10, 6));
    const team = JSON.stringify(cellsOf(world, 'Team', 5, 5));
    const leads = JSON.stringify(cellsOf(world, 'Leads', 5, 5));
    setUp(world);
    expect(world.ui.shown[0]?.content).toContain('<b>Pipeline 2025</b>');

    const after = cellsOf(world, 'Pipeline 2025', 1000, 26);
    expectUserCellsUnchanged(before, after, 5);
    expect(world.sheet('Pipeline 2025')!.maxCols).toBe(37);
    const header = world.sheetValues('Pipeline 2025')[0]!;
    expect(header.slice(26)).toEqual([
      'ID',
      'Probability',
      'Created',
      'Stage Entered',
      'Closed',
      'Last Activity',
      'Next Step',
      'Next Step Date',
      'Lost Reason',
      'Snoozed Until',
      'Stalled Since',
    ]);
    expect(world.formulaAt('Pipeline 2025!W4')).toBe('=D4*16');
    expect(JSON.stringify(cellsOf(world, 'Stages', 10, 6))).toBe(stages);
    expect(JSON.stringify(cellsOf(world, 'Team', 5, 5))).toBe(team);
    expect(JSON.stringify(cellsOf(world, 'Leads', 5, 5))).toBe(leads);
    expect(refA1(world, world.namedRange('DEALS')!.ref)).toBe('Pipeline 2025!A:AK');
    expect(world.sheet('Pipeline 2025')!.condRules[0]!.values).toEqual(['=$AK2<>""']);

    // The functions use the team's stages: Discovery 15 %, Demo 50 %; Gamma is Closed Won.
    expect(customFunction(world, 'PIPELINE_COUNT')).toBe(2);
    expect(customFunction(world, 'PIPELINE_WEIGHTED')).toBe(11500);

    const once = workbookState(world);
    setUp(world);
    expect(workbookState(world)).toBe(once);
  });
});

test('with no deal-like sheet, Set up creates Deals with every column', () => {
  const world = newWorld();
  setUp(world);
  expect(world.ui.alerts()).toHaveLength(0);
  expect(world.sheetValues('Deals')[0]).toHaveLength(17);
  expect(world.sheetValues('Deals')[0]![0]).toBe('ID');
  expect(refA1(world, world.namedRange('DEALS')!.ref)).toBe('Deals!A:Q');
  expect(world.spreadsheet().sheets.map((s) => s.name)).toEqual([
    'Sheet1',
    'Deals',
    'Stages',
    'History',
    'Team',
    'Snapshots',
  ]);
});

describe('the History baseline Set up records', () => {
  test('a pasted block that leaves stages as they were records nothing; a real change is a move from the right stage', () => {
    const world = newWorld();
    opportunities2026(world);
    setUp(world);
    const historyRows = () => world.sheetValues('History').length - 1;
    expect(historyRows()).toBe(5); // the baseline: one import row per deal
    // Stage is column D ("Status"). Paste D2:D3 = Lead, proposal (unchanged) as Sheets reports a
    // paste: one event for the range, no old values.
    const stageEnteredBefore = world.cell('Opportunities 2026!L2').value;
    const ctx = loadCode(world, { dir: DIST, authMode: 'LIMITED' });
    (ctx.onEdit as (e: unknown) => void)(makeEditEvent(ctx, "'Opportunities 2026'!D2:D3"));
    world.endExecution(ctx);
    expect(historyRows()).toBe(5);
    expect(world.cell('Opportunities 2026!L2').value).toBe(stageEnteredBefore);
    // Now paste Qualified over Acme renewal (was Lead): one move, From = Lead (from the baseline).
    world.setCell('Opportunities 2026!D2', 'Qualified');
    const ctx2 = loadCode(world, { dir: DIST, authMode: 'LIMITED' });
    (ctx2.onEdit as (e: unknown) => void)(makeEditEvent(ctx2, "'Opportunities 2026'!D2:D3"));
    world.endExecution(ctx2);
    const last = world.sheetValues('History').at(-1)!;
    expect(last.slice(2, 5)).toEqual(['Acme renewal', 'Lead', 'Qualified']);
    expect(last[7]).toBe('edit');
    expect(historyRows()).toBe(6);
  });
});
