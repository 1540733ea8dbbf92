/**
 * The sidebar API of the BUILT dist/Code.js on the host: the poll, every write, the lock, the
 * conflicts, and validation. Expected values are worked out by hand from support.ts's workbook
 * (now = 2026-01-15 10:00 UTC, spreadsheet in UTC).
 */
import { thrown } from '../support/code';
import { ANA, BEN, col, d, HEADERS, historyRows, makeWorld, open, run } from './support';

interface DealView {
  id: string;
  row: number;
  name: string;
  stage: string;
  amount: number | null;
  daysInStage: number | null;
  nextStep: string;
  lostReason: string;
  snoozedUntil: string | null;
  [key: string]: unknown;
}
type Selection =
  | { kind: 'deal'; deal: DealView; stages: { name: string }[]; fields: string[]; today: string }
  | {
      kind: 'none';
      message: string;
    };
type Result =
  | { ok: true; message: string; deal: DealView }
  | { ok: false; code: string; message: string; deal: DealView | null };

const ACME = { id: 'D-ACME0001', row: 2, name: 'Acme renewal', expectedStage: 'Proposal' };
const GLOBEX = { id: 'D-GLOB0002', row: 3, name: 'Globex pilot', expectedStage: 'Lead' };
const INITECH = { id: '', row: 4, name: 'Initech expansion', expectedStage: 'Qualified' };
const TODAY = d('2026-01-15');

function selection(world: ReturnType<typeof makeWorld>, a1: string, user = ANA): Selection {
  world.select(user, a1);
  return run<Selection>(world, user, 'sidebarSelection');
}

/** A row as an object by header, for readable expectations. */
function rowOf(world: ReturnType<typeof makeWorld>, row: number): Record<string, unknown> {
  const values = world.sheetValues('Deals')[row - 1] ?? [];
  return Object.fromEntries(HEADERS.map((h, i) => [h, values[i]]));
}

describe('the selection poll', () => {
  test('shows the selected deal, worked out by hand', () => {
    const world = makeWorld();
    const view = selection(world, 'Deals!C2');
    expect(view.kind).toBe('deal');
    if (view.kind !== 'deal') return;
    expect(view.today).toBe('2026-01-15');
    expect(view.deal).toEqual({
      id: 'D-ACME0001',
      row: 2,
      name: 'Acme renewal',
      company: 'Acme',
      owner: 'Ana Ruiz',
      amount: 12000,
      amountText: '',
      stage: 'Proposal',
      stageName: 'Proposal',
      outcome: 'Open',
      probability: null,
      effectiveProbability: 0.6,
      daysInStage: 10, // 2026-01-05 → 2026-01-15
      stageEntered: '2026-01-05',
      expectedClose: '2026-02-28',
      closed: null,
      lastActivity: '2026-01-08',
      snoozedUntil: null,
      stalledSince: null,
      nextStep: 'Send proposal',
      nextStepDate: null, // no Next Step Date column in this workbook
      lostReason: '',
    });
    expect(view.stages.map((s) => s.name)).toEqual([
      'Lead',
      'Qualified',
      'Contacted',
      'Needs Assessment',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    const row4 = selection(world, 'Deals!A4');
    expect(row4.kind === 'deal' && row4.deal.amount).toBe(8000); // '$8,000' read as a number
  });

  test('says what to do when no deal is selected', () => {
    const world = makeWorld();
    expect(selection(world, 'Deals!B1')).toEqual({
      kind: 'none',
      message: 'Select a deal (a row below the header) to see it here.',
    });
    expect(selection(world, 'Deals!B40')).toEqual({
      kind: 'none',
      message: 'Row 40 is empty. Select a deal to see it here.',
    });
    expect(selection(world, 'History!A2')).toEqual({
      kind: 'none',
      message: 'Select a deal in the Deals sheet to see it here.',
    });
  });

  test('is one read per poll once the header is cached, and no writes', () => {
    const world = makeWorld();
    world.select(ANA, 'Deals!B3');
    world.calls.reset();
    run(world, ANA, 'sidebarSelection');
    expect(world.calls.reads()).toBe(2); // header + row (no Stages sheet: defaults)
    world.calls.reset();
    run(world, ANA, 'sidebarSelection');
    expect(world.calls.reads()).toBe(1); // the row
    expect(world.calls.writes()).toBe(0);
  });

  test('a column inserted after the header was cached: the poll reads the new header', () => {
    const world = makeWorld();
    selection(world, 'Deals!B2');
    const other = open(world, BEN);
    (other.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
      .getActiveSpreadsheet()
      .getSheetByName('Deals')!
      .insertColumnBefore(1);
    world.endExecution(other);
    const view = selection(world, 'Deals!C2');
    expect(view.kind === 'deal' && [view.deal.id, view.deal.stage, view.deal.amount]).toEqual([
      'D-ACME0001',
      'Proposal',
      12000,
    ]);
  });
});

describe('moving a deal', () => {
  test('writes Stage, Stage Entered and Last Activity of that row only, and one History row', () => {
    const world = makeWorld();
    const before = world.sheetValues('Deals');
    world.calls.reset();
    const result = run<Result>(world, ANA, 'sidebarMove', { ...ACME, toStage: 'negotiation' });
    expect(result).toMatchObject({ ok: true, message: 'Moved "Acme renewal" to Negotiation.' });
    expect(result.deal).toMatchObject({ stage: 'Negotiation', daysInStage: 0, stageEntered: '2026-01-15' });
    const after = world.sheetValues('Deals');
    const expected = before.map((r) => [...r]);
    expected[1]![HEADERS.indexOf('Stage')] = 'Negotiation';
    expected[1]![HEADERS.indexOf('Stage Entered')] = TODAY;
    expected[1]![HEADERS.indexOf('Last Activity')] = TODAY;
    expect(after).toEqual(expected);
    expect(historyRows(world)).toEqual([
      [d('2026-01-05'), 'D-ACME0001', 'Acme renewal', 'Qualified', 'Proposal', 12, ANA, 'sidebar'],
      [
        new Date('2026-01-15T10:00:00Z'),
        'D-ACME0001',
        'Acme renewal',
        'Proposal',
        'Negotiation',
        10,
        ANA,
        'sidebar',
      ],
    ]);
    // Header + row read, the written columns of the rows around it (to put back if a sort moves
    // rows meanwhile), header + row again after the flush (issue 10: the write proves where it
    // landed), History's header (rows are written by header); Stage (F), Stage Entered (I),
    // Last Activity (L), History: 4 writes.
    expect(world.calls.reads()).toBe(6);
    expect(world.calls.writes()).toBe(4);
    expect(world.calls.count('Sheet.sort') + world.calls.count('Range.clear')).toBe(0);
  });

  test('dates are local midnights in the spreadsheet time zone', () => {
    const world = makeWorld({ timeZone: 'America/Los_Angeles' });
    // 2026-01-15 10:00 UTC is 02:00 on Jan 15 in Los Angeles.
    run<Result>(world, ANA, 'sidebarMove', { ...GLOBEX, toStage: 'Qualified' });
    expect(rowOf(world, 3)['Stage Entered']).toEqual(new Date('2026-01-15T08:00:00Z'));
  });

  test('Won: Closed date and final amount; Stage Entered is the Closed day', () => {
    const world = makeWorld();
    const result = run<Result>(world, ANA, 'sidebarMove', {
      ...ACME,
      toStage: 'Won',
      closedOn: '2026-01-12',
      amount: 13500,
    });
    expect(result).toMatchObject({ ok: true, message: 'Marked "Acme renewal" won.' });
    expect(rowOf(world, 2)).toMatchObject({
      Stage: 'Won',
      Amount: 13500,
      Closed: d('2026-01-12'),
      'Stage Entered': d('2026-01-12'),
      'Last Activity': TODAY,
      Notes: 'keep me',
    });
    // Days in Proposal: 2026-01-05 → 2026-01-12 = 7.
    expect(historyRows(world)[1]?.slice(3, 6)).toEqual(['Proposal', 'Won', 7]);
  });

  test('Won without an amount keeps the current amount; Closed defaults to today', () => {
    const world = makeWorld();
    run<Result>(world, ANA, 'sidebarMove', { ...ACME, toStage: 'Won', amount: null });
    expect(rowOf(world, 2)).toMatchObject({ Stage: 'Won', Amount: 12000, Closed: TODAY });
  });

  test('Lost without a reason is refused and nothing is written', () => {
    const world = makeWorld();
    const before = world.sheetValues('Deals');
    const error = thrown(() =>
      run(world, ANA, 'sidebarMove', { ...ACME, toStage: 'Lost', lostReason: '   ' }),
    );
    expect(error?.message).toBe('A reason is required to mark a deal lost.');
    expect(world.sheetValues('Deals')).toEqual(before);
    expect(historyRows(world)).toHaveLength(1);
  });

  test('Lost with a reason; reasons used before are offered', () => {
    const world = makeWorld();
    expect(run(world, ANA, 'sidebarLostReasons')).toEqual(['Price']);
    run<Result>(world, ANA, 'sidebarMove', { ...GLOBEX, toStage: 'Lost', lostReason: 'Timing' });
    expect(rowOf(world, 3)).toMatchObject({ Stage: 'Lost', 'Lost Reason': 'Timing', Closed: TODAY });
    expect(run(world, ANA, 'sidebarLostReasons')).toEqual(['Price', 'Timing']);
  });

  test('reopening a lost deal clears Closed and Lost Reason', () => {
    const world = makeWorld();
    const r = run<Result>(world, ANA, 'sidebarMove', {
      id: 'D-LOST0004',
      row: 5,
      name: 'Umbrella deal',
      expectedStage: 'Lost',
      toStage: 'Negotiation',
    });
    expect(r.ok).toBe(true);
    expect(rowOf(world, 5)).toMatchObject({ Stage: 'Negotiation', Closed: '', 'Lost Reason': '' });
    // In Lost since 2025-12-01: 45 days.
    expect(historyRows(world)[1]?.slice(3, 6)).toEqual(['Lost', 'Negotiation', 45]);
  });

  test('a row without an ID gets one; Stalled Since is cleared', () => {
    const world = makeWorld();
    const result = run<Result>(world, ANA, 'sidebarMove', { ...INITECH, toStage: 'Contacted' });
    expect(result.ok).toBe(true);
    const id = rowOf(world, 4).ID as string;
    expect(id).toMatch(/^D-[A-HJ-NP-Z2-9]{8}$/);
    expect(result.deal?.id).toBe(id);
    expect(rowOf(world, 4)['Stalled Since']).toBe('');
    // Days in Qualified: 2026-01-01 → 2026-01-15 = 14.
    expect(historyRows(world)[1]?.slice(1, 6)).toEqual([
      id,
      'Initech expansion',
      'Qualified',
      'Contacted',
      14,
    ]);
  });

  test('refuses a move to the stage it is in', () => {
    const world = makeWorld();
    expect(thrown(() => run(world, ANA, 'sidebarMove', { ...ACME, toStage: 'Proposal' }))?.message).toBe(
      '"Acme renewal" is already in Proposal.',
    );
  });
});

describe('updating and snoozing', () => {
  test('saves the edited fields only, amounts as numbers', () => {
    const world = makeWorld();
    const result = run<Result>(world, ANA, 'sidebarUpdate', {
      ...ACME,
      changes: { nextStep: 'Call the CFO', expectedClose: '2026-03-31', amount: 15000.5, probability: 0.7 },
      seen: { nextStep: 'Send proposal', expectedClose: '2026-02-28', amount: 12000, probability: null },
    });
    expect(result).toMatchObject({
      ok: true,
      message: 'Saved Next Step, Expected Close, Amount, Probability of "Acme renewal".',
    });
    expect(rowOf(world, 2)).toMatchObject({
      'Next Step': 'Call the CFO',
      'Expected Close': d('2026-03-31'),
      Amount: 15000.5,
      Probability: 0.7,
      Stage: 'Proposal',
      'Stage Entered': d('2026-01-05'),
    });
    expect(historyRows(world)).toHaveLength(1); // not a stage change
  });

  test('clearing a field writes a blank', () => {
    const world = makeWorld();
    run<Result>(world, ANA, 'sidebarUpdate', { ...ACME, changes: { expectedClose: '' }, seen: {} });
    expect(rowOf(world, 2)['Expected Close']).toBe('');
  });

  test("refuses to overwrite someone else's edit of the same field", () => {
    const world = makeWorld();
    world.setCell(`Deals!${col('Next Step')}2`, 'Ben wrote this');
    const result = run<Result>(world, ANA, 'sidebarUpdate', {
      ...ACME,
      changes: { nextStep: 'Mine' },
      seen: { nextStep: 'Send proposal' },
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'conflict',
      message:
        'Next Step of "Acme renewal" was changed by someone else. Nothing was written; this is its current state.',
    });
    expect(result.deal?.nextStep).toBe('Ben wrote this');
    expect(rowOf(world, 2)['Next Step']).toBe('Ben wrote this');
  });

  test('snoozes until a later day, refuses today, ends the snooze', () => {
    const world = makeWorld();
    expect(thrown(() => run(world, ANA, 'sidebarSnooze', { ...ACME, until: '2026-01-15' }))?.message).toBe(
      'Pick a day after today to snooze until.',
    );
    const r = run<Result>(world, ANA, 'sidebarSnooze', { ...ACME, until: '2026-01-22' });
    expect(r).toMatchObject({ ok: true, message: '"Acme renewal" is snoozed until 2026-01-22.' });
    expect(rowOf(world, 2)['Snoozed Until']).toEqual(d('2026-01-22'));
    run<Result>(world, ANA, 'sidebarSnooze', { ...ACME, until: '' });
    expect(rowOf(world, 2)['Snoozed Until']).toBe('');
  });
});

describe('validation of every argument', () => {
  const cases: [string, string, unknown, string][] = [
    ['not an object', 'sidebarMove', 'Won', 'The move request is malformed.'],
    [
      'unknown stage',
      'sidebarMove',
      { ...ACME, toStage: 'Closing' },
      'Unknown stage "Closing". Stages are: Lead',
    ],
    [
      'bad ID',
      'sidebarMove',
      { ...ACME, id: 'D-1\n=HYPERLINK("x")', toStage: 'Lead' },
      'The deal ID holds a line break or tab.',
    ],
    [
      'row not a number',
      'sidebarMove',
      { ...ACME, row: '2', toStage: 'Lead' },
      'The row number is not valid.',
    ],
    ['row 1', 'sidebarMove', { ...ACME, row: 1, toStage: 'Lead' }, 'The row number is not valid.'],
    [
      'NaN amount',
      'sidebarMove',
      { ...ACME, toStage: 'Won', amount: Number.NaN },
      'The final amount must be a number.',
    ],
    [
      'text amount',
      'sidebarMove',
      { ...ACME, toStage: 'Won', amount: 'abc' },
      'The final amount "abc" is not an amount',
    ],
    [
      'bad date',
      'sidebarMove',
      { ...ACME, toStage: 'Won', closedOn: '2026-02-30' },
      'The Closed date must be a date',
    ],
    [
      'future close',
      'sidebarMove',
      { ...ACME, toStage: 'Won', closedOn: '2026-02-01' },
      'cannot be in the future',
    ],
    [
      'amount on a move',
      'sidebarMove',
      { ...ACME, toStage: 'Lead', amount: 5 },
      'only taken when a deal is won',
    ],
    ['long reason', 'sidebarMove', { ...ACME, toStage: 'Lost', lostReason: 'x'.repeat(301) }, 'too long'],
    ['stage not text', 'sidebarMove', { ...ACME, toStage: 7 }, 'The new stage must be text.'],
    [
      'long next step',
      'sidebarUpdate',
      { ...ACME, changes: { nextStep: 'x'.repeat(1001) }, seen: {} },
      'too long',
    ],
    [
      'probability 40',
      'sidebarUpdate',
      { ...ACME, changes: { probability: 40 }, seen: {} },
      'between 0 and 1',
    ],
    [
      'unknown field',
      'sidebarUpdate',
      { ...ACME, changes: { stage: 'Won' }, seen: {} },
      'stage cannot be edited',
    ],
    ['no change', 'sidebarUpdate', { ...ACME, changes: {}, seen: {} }, 'Nothing to save'],
    ['bad snooze', 'sidebarSnooze', { ...ACME, until: 'next week' }, 'Snoozed Until must be a date'],
  ];
  test.each(cases)('%s', (_label, fn, request, message) => {
    const world = makeWorld();
    const before = world.sheetValues('Deals');
    world.calls.reset();
    const error = thrown(() => run(world, ANA, fn, request));
    expect(error?.message).toContain(message);
    expect(world.sheetValues('Deals')).toEqual(before);
    expect(world.calls.writes()).toBe(0);
  });
});

describe('under the lock, by ID', () => {
  test('a lock that cannot be had: a clear message, nothing written', () => {
    const world = makeWorld();
    world.locks.hold('document');
    const before = world.sheetValues('Deals');
    const result = run<Result>(world, ANA, 'sidebarMove', { ...ACME, toStage: 'Negotiation' });
    expect(result).toEqual({
      ok: false,
      code: 'locked',
      message:
        'Someone else is saving a change to the pipeline right now. Nothing was written: try again in a moment.',
      deal: null,
    });
    expect(world.sheetValues('Deals')).toEqual(before);
    expect(historyRows(world)).toHaveLength(1);
  });

  test('two sidebars: the second move of the same deal, made while the first holds the lock, is refused', () => {
    const world = makeWorld();
    let second: Result | null = null;
    // Ben's sidebar calls right after Ana's execution read the row (Ana holds the lock).
    world.calls.once(
      'Range.getValues',
      () => {
        second = run<Result>(world, BEN, 'sidebarMove', { ...GLOBEX, toStage: 'Contacted' });
      },
      'after',
    );
    const first = run<Result>(world, ANA, 'sidebarMove', { ...GLOBEX, toStage: 'Qualified' });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, code: 'locked' });
    // Ben retries with what his sidebar saw (Lead): stale now, so refused with the current state.
    const retry = run<Result>(world, BEN, 'sidebarMove', { ...GLOBEX, toStage: 'Contacted' });
    expect(retry).toMatchObject({
      ok: false,
      code: 'conflict',
      message:
        '"Globex pilot" is now in Qualified (it was in Lead when you looked): someone else changed it. ' +
        'Nothing was written; this is its current state.',
    });
    expect(retry.deal?.stage).toBe('Qualified');
    expect(rowOf(world, 3).Stage).toBe('Qualified');
    expect(historyRows(world).filter((r) => r[1] === 'D-GLOB0002')).toHaveLength(1);
  });

  test('interleaved moves from two sidebars: no lost update, History rows = successful moves', () => {
    const world = makeWorld();
    const path = ['Qualified', 'Contacted', 'Needs Assessment', 'Proposal', 'Negotiation', 'Won'];
    const seen: Record<string, string> = { [ANA]: 'Lead', [BEN]: 'Lead' };
    let successes = 0;
    let refusals = 0;
    path.forEach((to, i) => {
      const user = i % 2 === 0 ? ANA : BEN;
      const other = user === ANA ? BEN : ANA;
      const r = run<Result>(world, user, 'sidebarMove', {
        ...GLOBEX,
        expectedStage: seen[user],
        toStage: to,
      });
      if (r.ok) successes++;
      else refusals++;
      // Each sidebar sees what its own call returned; the other one only after its next poll.
      if (r.deal) seen[user] = r.deal.stage;
      if (i % 3 === 2) seen[other] = rowOf(world, 3).Stage as string;
    });
    const globexHistory = historyRows(world).filter((r) => r[1] === 'D-GLOB0002');
    expect(globexHistory).toHaveLength(successes);
    expect(successes + refusals).toBe(path.length);
    expect(refusals).toBeGreaterThan(0);
    // The History chain is unbroken: each From is the previous To.
    for (let i = 1; i < globexHistory.length; i++)
      expect(globexHistory[i]![3]).toBe(globexHistory[i - 1]![4]);
    expect(globexHistory.at(-1)![4]).toBe(rowOf(world, 3).Stage);
  });

  test('a sort between the read and the write: the right deal is written', () => {
    const world = makeWorld();
    // Sort by Deal descending right before the write's first read: Acme moves from row 2 to row 5.
    world.calls.once('Range.getValues', () => {
      const other = open(world, BEN);
      (other.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('Deals')!
        .sort(2, false);
      world.endExecution(other);
    });
    const result = run<Result>(world, ANA, 'sidebarMove', { ...ACME, toStage: 'Negotiation' });
    expect(result.ok).toBe(true);
    expect(result.deal?.row).toBe(5);
    expect(rowOf(world, 5)).toMatchObject({ ID: 'D-ACME0001', Stage: 'Negotiation', 'Stage Entered': TODAY });
    expect(rowOf(world, 2)).toMatchObject({ ID: 'D-LOST0004', Stage: 'Lost' });
  });

  test('rows inserted above between the read and the write', () => {
    const world = makeWorld();
    world.calls.once('Range.getValues', () => {
      const other = open(world, BEN);
      (other.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('Deals')!
        .insertRowsBefore(2, 3);
      world.endExecution(other);
    });
    const result = run<Result>(world, ANA, 'sidebarMove', { ...GLOBEX, toStage: 'Qualified' });
    expect(result.ok).toBe(true);
    expect(rowOf(world, 6)).toMatchObject({ ID: 'D-GLOB0002', Stage: 'Qualified' });
    expect(rowOf(world, 3)).toMatchObject({ ID: '', Stage: '' });
  });

  test('the deal deleted between the read and the write: nothing is written', () => {
    const world = makeWorld();
    world.calls.once('Range.getValues', () => {
      const other = open(world, BEN);
      (other.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('Deals')!
        .deleteRow(2);
      world.endExecution(other);
    });
    const before = () => world.sheetValues('Deals');
    const result = run<Result>(world, ANA, 'sidebarMove', { ...ACME, toStage: 'Negotiation' });
    expect(result).toEqual({
      ok: false,
      code: 'missing',
      message:
        '"Acme renewal" is no longer in the Deals sheet (it was deleted, or its ID changed). Nothing was written.',
      deal: null,
    });
    expect(before().some((r) => r[0] === 'D-ACME0001')).toBe(false);
    expect(historyRows(world)).toHaveLength(1);
  });

  test('a stale expected stage writes nothing and returns the current state', () => {
    const world = makeWorld();
    world.setCell(`Deals!${col('Stage')}2`, 'Negotiation');
    const before = world.sheetValues('Deals');
    const result = run<Result>(world, ANA, 'sidebarMove', { ...ACME, toStage: 'Won' });
    expect(result).toMatchObject({ ok: false, code: 'conflict', deal: { stage: 'Negotiation', row: 2 } });
    expect(world.sheetValues('Deals')).toEqual(before);
  });
});

describe('Pipeline › Open sidebar', () => {
  test('shows the built, self-contained Sidebar.html titled Pipeline', () => {
    const world = makeWorld();
    run(world, ANA, 'openSidebar');
    const shown = world.ui.lastSidebar();
    expect(shown?.title).toBe('Pipeline');
    expect(shown?.content).toContain('<main id="app"');
    expect(shown?.content).toContain('sidebarSelection');
    // Nothing from a CDN or any other network address.
    expect(shown?.content).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?(https?:)?\/\//i);
  });
});
