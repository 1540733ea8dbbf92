/**
 * Pipeline › Dashboard and Check data on the fakes, through the built Code.js: formulas and
 * charts on the right ranges, rebuild without duplicates, the metrics evaluated by the add-on's
 * own custom functions, and each planted data problem listed with a link to its row.
 */
import { loadCode, type World } from '../../host';
import { defaultStageRows } from '../../src/core/model/stages';
import { DIST } from '../support/code';
import {
  cellsOf,
  customFunction,
  d,
  dealsWithProblems,
  newWorld,
  opportunities2026,
  refA1,
  run,
  setUp,
  workbookState,
} from './support';

/**
 * Evaluates `=PIPELINE_X(DEALS, HISTORY)` cells of Dashboard with Code.js itself: the cell gets the
 * table's top-left value (the fake does not spill), and the whole table is kept by formula.
 */
function evaluateWithCodeJs(world: World): Map<string, unknown> {
  const results = new Map<string, unknown>();
  const table = (name: string) => {
    const found = world.namedRange(name)!;
    return world.sheetValues(found.sheet);
  };
  world.setFormulaEvaluator((sheet, _row, _col, formula) => {
    if (sheet !== 'Dashboard') return '';
    const m = /^=(PIPELINE_[A-Z_]+)\((.*)\)$/.exec(formula);
    if (!m) return '#NAME?';
    const args = m[2]!.split(', ').map((a) => (a === 'DEALS' || a === 'HISTORY' ? table(a) : a));
    try {
      const result = world.calls.mute(() => customFunction(world, m[1]!, ...args));
      results.set(formula, result);
      return Array.isArray(result) ? result[0]?.[0] : result;
    } catch (error) {
      return `#ERROR! ${(error as Error).message}`;
    }
  });
  return results;
}

function cleanDeals(world: World): void {
  world.setSheet('Deals', [
    ['Deal', 'Owner', 'Amount', 'Stage', 'Created', 'Closed', 'Stage Entered'],
    ['A', 'Ana', 10000, 'Lead', d('2026-11-01'), '', d('2026-11-20')],
    ['B', 'Ben', 20000, 'Proposal', d('2026-10-01'), '', d('2026-10-15')],
    ['C', 'Ana', 30000, 'Won', d('2026-09-01'), d('2026-10-01'), ''],
    ['D', 'Ben', 10000, 'Won', d('2026-08-01'), d('2026-08-21'), ''],
    ['E', 'Ana', 5000, 'Lost', d('2026-07-01'), d('2026-07-11'), ''],
  ]);
}

describe('Dashboard', () => {
  test('live formulas on DEALS / HISTORY and three native charts on the cells they fill', () => {
    const world = newWorld();
    opportunities2026(world);
    setUp(world);
    run(world, 'buildDashboard');
    // One PIPELINE_SUMMARY for the headline (DEALS handed over once for nine figures).
    expect(world.formulaAt('Dashboard!A4')).toBe('=PIPELINE_SUMMARY(DEALS, HISTORY)');
    expect(world.formulaAt('Dashboard!A17')).toBe('=PIPELINE_FUNNEL(DEALS, HISTORY)');
    expect(world.formulaAt('Dashboard!H17')).toBe('=PIPELINE_FORECAST(DEALS)');
    expect(world.formulaAt('Dashboard!N17')).toBe('=PIPELINE_OVERDUE(DEALS)');
    const deals = world
      .spreadsheet()
      .sheets.flatMap((sh) =>
        sh.name === 'Dashboard'
          ? sh.rows.flatMap((_, r) =>
              sh.rows[r]!.map((__, c) => world.formulaAt(`Dashboard!${String.fromCharCode(65 + c)}${r + 1}`)),
            )
          : [],
      );
    expect(deals.filter((f) => f.includes('DEALS'))).toHaveLength(4);
    // Value formats of the summary's rows: Win Rate (B8) a percent, Cycle Days (B10) days.
    expect(world.cell('Dashboard!B5').numberFormat).toBe('0');
    expect(world.cell('Dashboard!B6').numberFormat).toBe('#,##0');
    expect(world.cell('Dashboard!B8').numberFormat).toBe('0%');
    expect(world.cell('Dashboard!B10').numberFormat).toBe('0.0');
    expect(world.cell('Dashboard!B13').numberFormat).toBe('0');
    expect(world.cell('Dashboard!C18').numberFormat).toBe('#,##0');
    expect(world.cell('Dashboard!F24').numberFormat).toBe('0%');
    expect(world.cell('Dashboard!S18').numberFormat).toBe('#,##0');

    const charts = world.charts('Dashboard').map((c) => ({
      type: c.type,
      title: c.options.title,
      ranges: c.ranges.map((r) => refA1(world, r)),
      at: [c.position.row, c.position.col],
      headers: c.numHeaders,
    }));
    expect(charts).toEqual([
      {
        type: 'BAR',
        title: 'Funnel by stage',
        ranges: ['Dashboard!A17:A', 'Dashboard!E17:E'],
        at: [1, 21],
        headers: 1,
      },
      {
        type: 'COLUMN',
        title: 'Value by stage',
        ranges: ['Dashboard!A17:A', 'Dashboard!C17:D'],
        at: [19, 21],
        headers: 1,
      },
      {
        type: 'COLUMN',
        title: 'Forecast by month',
        ranges: ['Dashboard!H17:H', 'Dashboard!J17:L'],
        at: [37, 21],
        headers: 1,
      },
    ]);
  });

  test('rebuilding replaces its own content and charts, never duplicates, leaves other sheets alone', () => {
    const world = newWorld();
    opportunities2026(world);
    setUp(world);
    run(world, 'buildDashboard');
    const dashboard = JSON.stringify(world.sheet('Dashboard')!.rows);
    const others = workbookState(world, { except: ['Dashboard'] });
    world.setCell('Dashboard!B4', 'scribbled over');
    run(world, 'buildDashboard');
    run(world, 'buildDashboard');
    expect(world.charts('Dashboard')).toHaveLength(3);
    expect(JSON.stringify(world.sheet('Dashboard')!.rows)).toBe(dashboard);
    expect(workbookState(world, { except: ['Dashboard'] })).toBe(others);
    expect(world.spreadsheet().sheets.filter((s) => s.name === 'Dashboard')).toHaveLength(1);
  });

  test('a Dashboard sheet of the user is never overwritten, even when its A1 says "Pipeline dashboard"', () => {
    const world = newWorld();
    opportunities2026(world);
    setUp(world);
    // The team's own dashboard, titled like the add-on's, with the add-on's note copied onto A1.
    world.setSheet('Dashboard', [['Pipeline dashboard'], ['Open value', 42]]);
    const ctx = loadCode(world, { dir: DIST });
    ctx.SpreadsheetApp.getActiveSpreadsheet()
      .getSheetByName('Dashboard')!
      .getRange('A1')
      .setNote('Built by Sheets Pipeline (Pipeline › Dashboard). Rebuilding replaces this sheet.');
    world.endExecution(ctx);
    const theirs = cellsOf(world, 'Dashboard', 20, 10);
    const others = workbookState(world, { except: ['Pipeline Dashboard'] });
    run(world, 'buildDashboard');
    run(world, 'buildDashboard');
    expect(cellsOf(world, 'Dashboard', 20, 10)).toEqual(theirs);
    expect(workbookState(world, { except: ['Pipeline Dashboard'] })).toBe(others);
    expect(world.formulaAt('Pipeline Dashboard!A4')).toBe('=PIPELINE_SUMMARY(DEALS, HISTORY)');
    expect(world.charts('Pipeline Dashboard')).toHaveLength(3);
    expect(world.spreadsheet().sheets.filter((s) => /dashboard/i.test(s.name))).toHaveLength(2);
  });

  test('builds under the document lock: while another change holds it, nothing is written and it says so', () => {
    const world = newWorld();
    opportunities2026(world);
    setUp(world);
    const state = workbookState(world);
    world.locks.hold('document', 'someone-else');
    run(world, 'buildDashboard');
    expect(workbookState(world)).toBe(state);
    expect(world.sheet('Dashboard')).toBeUndefined();
    expect(world.ui.alerts().at(-1)?.message).toBe(
      'Someone else is changing the pipeline right now; try again in a moment.',
    );
  });

  test('before Set up it says what to do', () => {
    const world = newWorld();
    run(world, 'buildDashboard');
    expect(world.ui.alerts()[0]?.message).toBe(
      'The named range DEALS is missing: run Pipeline › Set up first.',
    );
    expect(world.sheet('Dashboard')).toBeUndefined();
  });

  test('the headline metrics, evaluated by the custom functions of Code.js, match the hand-worked values', () => {
    const world = newWorld();
    cleanDeals(world);
    setUp(world);
    run(world, 'buildDashboard');
    const results = evaluateWithCodeJs(world);
    expect(world.cell('Dashboard!A4').value).toBe('Metric'); // the summary's header cell (evaluates it)
    const summary = results.get('=PIPELINE_SUMMARY(DEALS, HISTORY)') as unknown[][];
    expect(summary).toEqual([
      ['Metric', 'Value', 'Note'],
      ['Open Deals', 2, ''], // A (Lead) and B (Proposal)
      ['Open Value', 30000, ''], // A 10,000 + B 20,000
      ['Weighted Value', 13000, ''], // 10,000 × 10 % + 20,000 × 60 %
      ['Win Rate', expect.closeTo(2 / 3, 10), ''], // won C, D; lost E
      ['Average Deal', 20000, ''], // (30,000 + 10,000) / 2
      ['Cycle Days', 25, ''], // (30 + 20) / 2 days
      ['Velocity', expect.closeTo((2 * 20000 * (2 / 3)) / 25, 6), ''], // 1,066.67 a day
      ['Stalled Deals', 1, ''], // B: 39 days in Proposal (stalls after 10)
      // Set up added Next Step and Next Step Date, blank for A and B: both have "No next step"
      ['Overdue Deals', 2, ''],
    ]);
    expect(world.cell('Dashboard!A17').value).toBe('Stage'); // the funnel table's header cell
  });
});

describe('Check data', () => {
  test('lists each planted problem with a link to its row, text escaped', () => {
    const world = newWorld();
    dealsWithProblems(world);
    // With the default Stages, "Closing" is no stage (without a Stages sheet it would be learned
    // as one of the team's own, SPEC §1).
    world.setSheet('Stages', defaultStageRows());
    run(world, 'checkData');
    const shown = world.ui.shown.at(-1)!;
    expect(shown.kind).toBe('modal');
    expect(shown.dialogTitle).toBe('Check data: 5 problems');
    const gid = world.sheet('Deals')!.id;
    const url = world.spreadsheet().url;
    const rows = [
      ...shown.content.matchAll(
        /<tr><td><a href="([^"]+)"[^>]*>Row (\d+)<\/a><\/td>\s*<td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g,
      ),
    ].map((m) => [m[2], m[3], m[4], m[1]]);
    const link = (row: number) => `${url}#gid=${gid}&amp;range=A${row}`;
    expect(rows).toEqual([
      ['3', 'Globex pilot', 'Amount &quot;abc&quot; is not a number', link(3)],
      ['4', 'Initech deal', 'Won without a Closed date', link(4)],
      ['4', 'Initech deal', 'Duplicate ID D-100 (also row 2)', link(4)],
      [
        '6',
        'Hooli &lt;script&gt;',
        'Unknown stage &quot;Closing&quot; (stages are: Lead, Qualified, Contacted, Needs Assessment, Proposal, Negotiation, Won, Lost)',
        link(6),
      ],
      ['7', 'Stark deal', 'Closed is before Created', link(7)],
    ]);
    expect(shown.content).not.toContain('<script>');
    // The same rows PIPELINE_CHECK returns in a cell.
    expect((customFunction(world, 'PIPELINE_CHECK') as unknown[][]).slice(1).map((r) => r[0])).toEqual([
      3, 4, 4, 6, 7,
    ]);
  });

  test('reads the deals once and writes nothing', () => {
    const world = newWorld();
    dealsWithProblems(world);
    const state = workbookState(world);
    run(world, 'checkData');
    expect(workbookState(world)).toBe(state);
    expect(world.calls.log.filter((l) => l.name === 'Range.getValues' && l.sheet === 'Deals')).toHaveLength(
      1,
    );
  });

  test('a clean sheet: a short alert', () => {
    const world = newWorld();
    cleanDeals(world);
    run(world, 'checkData');
    expect(world.ui.alerts()[0]?.message).toBe('No problems found: every row of Deals reads cleanly.');
  });
});

describe('the daily check refreshes the Dashboard', () => {
  const dashboardWrites = (world: World) =>
    world.calls.log.filter((c) => c.sheet === 'Dashboard' && /^Range\.set/.test(c.name)).map((c) => c.name);

  test('its formulas are written blank then back (Sheets evaluates them anew), labels kept', () => {
    const world = newWorld();
    cleanDeals(world);
    setUp(world);
    run(world, 'buildDashboard');
    const before = JSON.stringify(world.sheetValues('Dashboard'));
    const charts = world.charts('Dashboard').length;
    world.calls.reset();
    run(world, 'runStalledCheckNow');
    expect(dashboardWrites(world)).toEqual(['Range.setValues', 'Range.setValues']);
    const refreshed = world.calls.log.filter((c) => c.sheet === 'Dashboard' && c.name === 'Range.setValues');
    expect(refreshed.map((c) => c.a1)).toEqual(['A1:S17', 'A1:S17']);
    expect(JSON.stringify(world.sheetValues('Dashboard'))).toBe(before);
    for (const a1 of ['A17', 'H17', 'N17']) expect(world.formulaAt(`Dashboard!${a1}`)).toMatch(/^=PIPELINE_/);
    expect(world.formulaAt('Dashboard!A4')).toBe('=PIPELINE_SUMMARY(DEALS, HISTORY)');
    expect(world.charts('Dashboard')).toHaveLength(charts);
  });

  test("a user's own Dashboard is never touched, nor one of an older layout (which is reported)", () => {
    const world = newWorld();
    cleanDeals(world);
    setUp(world);
    world.setSheet('Dashboard', [['My own dashboard'], [42]]);
    world.setCell('Dashboard!B4', { formula: '=PIPELINE_VALUE(DEALS)' });
    const mine = JSON.stringify(world.sheet('Dashboard')!.rows);
    world.calls.reset();
    run(world, 'runStalledCheckNow');
    // Not the add-on's (no Dashboard was built): nothing written, nothing to report.
    expect(dashboardWrites(world)).toEqual([]);
    expect(JSON.stringify(world.sheet('Dashboard')!.rows)).toBe(mine);
    expect(
      world.ui
        .alerts()
        .map((a) => a.message)
        .join(' '),
    ).not.toContain('Dashboard');

    // The add-on's own, built as "Pipeline Dashboard", then one formula changed (an older layout).
    run(world, 'buildDashboard');
    world.setCell('Pipeline Dashboard!A4', { formula: '=PIPELINE_VALUE(DEALS)' });
    const older = JSON.stringify(world.sheet('Pipeline Dashboard')!.rows);
    world.calls.reset();
    run(world, 'runStalledCheckNow');
    expect(
      world.calls.log.filter((c) => /Dashboard/.test(c.sheet ?? '') && /^Range\.set/.test(c.name)),
    ).toEqual([]);
    expect(JSON.stringify(world.sheet('Pipeline Dashboard')!.rows)).toBe(older);
    expect(world.ui.alerts().at(-1)?.message).toContain('rebuild it with Pipeline › Dashboard');
  });
});
