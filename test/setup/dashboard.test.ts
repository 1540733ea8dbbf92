/**
 * Pipeline › Dashboard and Check data on the fakes, through the built Code.js: formulas and
 * charts on the right ranges, rebuild without duplicates, the metrics evaluated by the add-on's
 * own custom functions, and each planted data problem listed with a link to its row.
 */
import { displayValue, loadCode, World } from '../../host';
import { defaultStageRows } from '../../src/core/model/stages';
import { DIST } from '../support/code';
import {
  cellsOf,
  customFunction,
  d,
  dealsWithProblems,
  NOW,
  newWorld,
  opportunities2026,
  refA1,
  run,
  setUp,
  workbookState,
} from './support';

/**
 * The forecast ranges' window cells and string arguments, as Sheets hands them to the function on
 * 2026-11-23 (NOW): the add-on wrote this month (November) in F5:G5 and this quarter (October to
 * December) in F7:G7 as plain dates, worked out by hand here.
 */
const WINDOW_DAYS: Record<string, unknown> = {
  F5: d('2026-11-01'),
  G5: d('2026-11-30'),
  F7: d('2026-10-01'),
  G7: d('2026-12-31'),
  '""': '',
  '"team"': 'team',
};
const MONTH_RANGE = '=PIPELINE_FORECAST_RANGE(DEALS, HISTORY, F5, G5, "", "team")';
const QUARTER_RANGE = '=PIPELINE_FORECAST_RANGE(DEALS, HISTORY, F7, G7, "", "team")';

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
    const args = m[2]!
      .split(', ')
      .map((a) => (a === 'DEALS' || a === 'HISTORY' ? table(a) : a in WINDOW_DAYS ? WINDOW_DAYS[a] : a));
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
    // summary, this month's and this quarter's range, funnel, forecast, overdue, calibration
    expect(deals.filter((f) => f.includes('DEALS'))).toHaveLength(7);
    expect(world.formulaAt('Dashboard!H4')).toBe(MONTH_RANGE);
    expect(world.formulaAt('Dashboard!H6')).toBe(QUARTER_RANGE);
    // The windows: plain dates (no formula), labelled, shown as dates. NOW is 2026-11-23 (UTC).
    const shown = (a1: string) => {
      const cell = world.cell(`Dashboard!${a1}`);
      return displayValue(cell.value, cell.numberFormat, 'Etc/UTC');
    };
    expect([3, 4, 5, 6, 7].map((r) => ['E', 'F', 'G'].map((c) => shown(`${c}${r}`)))).toEqual([
      ['Forecast range: what the period will have won (Team quota)', '', ''],
      ['Period', 'From', 'To'],
      ['This month', '2026-11-01', '2026-11-30'],
      ['', '', ''],
      ['This quarter', '2026-10-01', '2026-12-31'],
    ]);
    for (const a1 of ['F5', 'G5', 'F7', 'G7']) {
      expect(world.formulaAt(`Dashboard!${a1}`)).toBe('');
      expect(world.cell(`Dashboard!${a1}`).numberFormat).toBe('yyyy-mm-dd');
    }
    expect(world.cell('Dashboard!F5').value).toEqual(d('2026-11-01'));
    // No custom function of the Dashboard gets a volatile argument (host/volatile.ts).
    expect(world.volatileArguments()).toEqual([]);
    expect(world.volatileWrites).toEqual([]);
    expect(world.formulaAt('Dashboard!U17')).toBe('=PIPELINE_CALIBRATION(DEALS, HISTORY)');
    // Value formats of the summary's rows: Win Rate (B8) a percent, Cycle Days (B10) days.
    expect(world.cell('Dashboard!B5').numberFormat).toBe('0');
    expect(world.cell('Dashboard!B6').numberFormat).toBe('#,##0');
    expect(world.cell('Dashboard!B8').numberFormat).toBe('0%');
    expect(world.cell('Dashboard!B10').numberFormat).toBe('0.0');
    expect(world.cell('Dashboard!B13').numberFormat).toBe('0');
    expect(world.cell('Dashboard!C18').numberFormat).toBe('#,##0');
    expect(world.cell('Dashboard!F24').numberFormat).toBe('0%');
    expect(world.cell('Dashboard!S18').numberFormat).toBe('#,##0');
    // The ranges' figures: money on H5:L5 and H7:L7, the chance of quota a percent (M5, M7)
    for (const a1 of ['H5', 'L5', 'H7', 'K7'])
      expect(world.cell(`Dashboard!${a1}`).numberFormat).toBe('#,##0');
    for (const a1 of ['M5', 'M7']) expect(world.cell(`Dashboard!${a1}`).numberFormat).toBe('0%');
    // Calibration: V:W percent, X whole, Y signed percent
    expect(world.cell('Dashboard!V18').numberFormat).toBe('0%');
    expect(world.cell('Dashboard!X18').numberFormat).toBe('0');
    expect(world.cell('Dashboard!Y18').numberFormat).toBe('+0%;-0%;0%');

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
        at: [1, 27],
        headers: 1,
      },
      {
        type: 'COLUMN',
        title: 'Value by stage',
        ranges: ['Dashboard!A17:A', 'Dashboard!C17:D'],
        at: [19, 27],
        headers: 1,
      },
      {
        type: 'COLUMN',
        title: 'Forecast by month',
        ranges: ['Dashboard!H17:H', 'Dashboard!J17:L'],
        at: [37, 27],
        headers: 1,
      },
      {
        type: 'BAR',
        title: 'Stage probabilities: set and historical',
        ranges: ['Dashboard!U17:U', 'Dashboard!V17:W'],
        at: [55, 27],
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
    expect(world.charts('Dashboard')).toHaveLength(4);
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
    expect(world.charts('Pipeline Dashboard')).toHaveLength(4);
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

  test("this month's and this quarter's range against the Team quota, and the calibration, evaluated by Code.js", () => {
    const world = newWorld(); // today 2026-11-23: November; the quarter October–December
    world.setSheet('Deals', [
      ['Deal', 'Owner', 'Amount', 'Stage', 'Probability', 'Created', 'Expected Close', 'Closed'],
      ['A', 'Ana', 10000, 'Proposal', '50%', d('2026-10-01'), d('2026-11-25'), ''],
      ['B', 'Ben', 20000, 'Negotiation', '25%', d('2026-09-01'), d('2026-12-10'), ''],
      ['C', 'Ana', 30000, 'Won', '', d('2026-08-01'), '', d('2026-10-01')],
      ['W', 'Ben', 5000, 'Won', '', d('2026-09-01'), '', d('2026-11-05')],
      ['E', 'Ana', 5000, 'Lost', '', d('2026-07-01'), '', d('2026-07-11')],
    ]);
    world.setSheet('Team', [
      ['Owner', 'Email', 'Quota'],
      ['Ana', 'ana@example.com', 40000],
      ['Ben', 'ben@example.com', 20000],
    ]);
    setUp(world);
    run(world, 'buildDashboard');
    const results = evaluateWithCodeJs(world);
    // reading a cell evaluates its formula: each table's top-left cell is its first header
    expect(['H4', 'H6', 'U17'].map((a1) => world.cell(`Dashboard!${a1}`).value)).toEqual([
      'Low (P10)',
      'Low (P10)',
      'Stage',
    ]);
    const header = ['Low (P10)', 'Likely (P50)', 'High (P90)', 'Expected', 'Quota', 'Chance Of Quota'];
    // This month: W won 5,000; A 10,000 at its own 50 %: 5,000 (0.5) or 15,000 (0.5).
    //   P10 5,000, P50 5,000 (0.5 reaches 50 %), P90 15,000; Expected 10,000.
    //   Team quota 40,000 + 20,000 = 60,000: never reached, chance 0.
    expect(results.get(world.formulaAt('Dashboard!H4'))).toEqual([
      header,
      [5000, 5000, 15000, 10000, 60000, 0],
    ]);
    // This quarter: C + W won 35,000; A 10,000 at 50 %, B 20,000 at its own 25 %:
    //   neither 0.5 × 0.75 = 0.375 → 35,000   A only 0.375 → 45,000
    //   B only  0.5 × 0.25 = 0.125 → 55,000   both   0.125 → 65,000
    //   cumulative 0.375, 0.75, 0.875, 1: P10 35,000, P50 45,000, P90 65,000
    //   Expected 35,000 + 5,000 + 5,000 = 45,000; P(≥ 60,000) = both = 0.125
    const quarter = results.get(world.formulaAt('Dashboard!H6')) as unknown[][];
    expect(quarter[0]).toEqual(header);
    expect(quarter[1]!.slice(0, 5)).toEqual([35000, 45000, 65000, 45000, 60000]);
    expect(quarter[1]![5] as number).toBeCloseTo(0.125, 12);
    // Calibration (default stages; History empty): C and W won reached every stage, E lost
    // without History reached Lead only. Lead 2 of 3; every later stage 2 of 2.
    const calibration = results.get('=PIPELINE_CALIBRATION(DEALS, HISTORY)') as unknown[][];
    expect(calibration[0]).toEqual(['Stage', 'Set Probability', 'Historical', 'Closed Deals', 'Difference']);
    const rows: [string, number, number, number][] = [
      ['Lead', 0.1, 2 / 3, 3],
      ['Qualified', 0.2, 1, 2],
      ['Contacted', 0.3, 1, 2],
      ['Needs Assessment', 0.4, 1, 2],
      ['Proposal', 0.6, 1, 2],
      ['Negotiation', 0.8, 1, 2],
    ];
    expect(calibration).toHaveLength(rows.length + 1);
    rows.forEach(([stage, set, historical, closed], i) => {
      const row = calibration[i + 1]!;
      expect(row.slice(0, 2)).toEqual([stage, set]);
      expect(row[2] as number).toBeCloseTo(historical, 12);
      expect(row[3]).toBe(closed);
      expect(row[4] as number).toBeCloseTo(historical - set, 12);
    });
    // Team without a quota: the Quota cell says so, the chance is blank; the range is unchanged.
    world.setSheet('Team', [
      ['Owner', 'Email', 'Quota'],
      ['Ana', 'ana@example.com', ''],
    ]);
    const month = customFunction(
      world,
      'PIPELINE_FORECAST_RANGE',
      world.sheetValues('Deals'),
      world.sheetValues('History'),
      d('2026-11-01'),
      d('2026-11-30'),
      '',
      'team',
    );
    expect(month).toEqual([header, [5000, 5000, 15000, 10000, 'No quota in Team', '']]);
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
    expect(refreshed.map((c) => c.a1)).toEqual(['A1:Y17', 'A1:Y17']);
    expect(JSON.stringify(world.sheetValues('Dashboard'))).toBe(before);
    for (const a1 of ['A17', 'H17', 'N17', 'U17', 'H4', 'H6'])
      expect(world.formulaAt(`Dashboard!${a1}`)).toMatch(/^=PIPELINE_/);
    expect(world.formulaAt('Dashboard!A4')).toBe('=PIPELINE_SUMMARY(DEALS, HISTORY)');
    expect(world.charts('Dashboard')).toHaveLength(charts);
  });

  test("each morning the windows move to the spreadsheet's today, in its time zone, still plain dates", () => {
    const world = new World({ now: NOW, timeZone: 'Pacific/Auckland' });
    cleanDeals(world);
    setUp(world);
    run(world, 'buildDashboard');
    const windows = () =>
      ['F5', 'G5', 'F7', 'G7'].map((a1) => {
        const cell = world.cell(`Dashboard!${a1}`);
        return cell.formula === ''
          ? displayValue(cell.value, cell.numberFormat, 'Pacific/Auckland')
          : cell.formula;
      });
    // 2026-11-23 12:00 UTC is 24 November 01:00 in Auckland (NZDT, UTC+13): November, Q4.
    expect(windows()).toEqual(['2026-11-01', '2026-11-30', '2026-10-01', '2026-12-31']);
    // 2026-12-31 12:00 UTC is already 1 January 2027 (01:00) there: January, and Q1 2027.
    world.clock.set('2026-12-31T12:00:00Z');
    run(world, 'runStalledCheckNow');
    expect(windows()).toEqual(['2027-01-01', '2027-01-31', '2027-01-01', '2027-03-31']);
    expect(world.formulaAt('Dashboard!H4')).toBe(MONTH_RANGE);
    expect(world.volatileArguments()).toEqual([]);
    expect(world.volatileWrites).toEqual([]);
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
