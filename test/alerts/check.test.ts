/**
 * The stalled check on the built Code.js: the Stalled Since flags it writes (the SPEC §2 rule at
 * its boundaries), one read per sheet and one write, and the re-verification that keeps a flag
 * on its deal when the sheet is sorted or rows are inserted between the read and the write.
 * Today is 2026-11-23 (London = UTC in November). Limits: Proposal 10, Negotiation 7, Lead 14.
 */
import { loadCode } from '../../host';
import { DIST } from '../support/code';
import { flags, makeWorld, run, runCheck, type Spec, STALLED_COL, writes } from './support';

const BOUNDARIES: Spec[] = [
  // 23 − 13 = 10 days = the limit: not stalled
  { id: 'D1', deal: 'At limit', owner: 'ana@example.com', stage: 'Proposal', entered: '2026-11-13' },
  // 11 days: stalled since 12 + 10 + 1 = Nov 23
  { id: 'D2', deal: 'One over', owner: 'ana@example.com', stage: 'Proposal', entered: '2026-11-12' },
  // entered long ago, touched Nov 20: clock 3 days
  {
    id: 'D3',
    deal: 'Touched',
    owner: 'ana@example.com',
    stage: 'Proposal',
    entered: '2026-11-01',
    activity: '2026-11-20',
  },
  // touched Nov 12: stalled since Nov 23
  {
    id: 'D4',
    deal: 'Touched long ago',
    owner: 'ana@example.com',
    stage: 'Proposal',
    entered: '2026-11-01',
    activity: '2026-11-12',
  },
  // Negotiation (7) since Nov 1: would be stalled since Nov 9, but snoozed until Nov 30
  {
    id: 'D5',
    deal: 'Snoozed',
    owner: 'ana@example.com',
    stage: 'Negotiation',
    entered: '2026-11-01',
    snoozed: '2026-11-30',
  },
  // snooze ended Nov 20: stalled since the snooze's end, Nov 20
  {
    id: 'D6',
    deal: 'Snooze over',
    owner: 'ana@example.com',
    stage: 'Negotiation',
    entered: '2026-11-01',
    snoozed: '2026-11-20',
  },
  // snoozed until today: no longer snoozed today → stalled since Nov 23
  {
    id: 'D7',
    deal: 'Snooze ends today',
    owner: 'ana@example.com',
    stage: 'Negotiation',
    entered: '2026-11-01',
    snoozed: '2026-11-23',
  },
  // no readable date at all: never stalled
  { id: 'D8', deal: 'No dates', owner: 'ana@example.com', stage: 'Proposal' },
  // closed deals are never flagged, and an old flag on them is cleared
  {
    id: 'D9',
    deal: 'Won',
    owner: 'ana@example.com',
    stage: 'Won',
    entered: '2026-01-01',
    stalled: '2026-02-01',
  },
  { id: 'D10', deal: 'Lost', owner: 'ana@example.com', stage: 'Lost', entered: '2026-01-01' },
  // Created counts when Stage Entered and Last Activity are blank: Lead (14) created Nov 8 → 15 days
  { id: 'D11', deal: 'Created only', owner: 'ana@example.com', stage: 'Lead', created: '2026-11-08' },
  // flagged before, moved on since (entered Nov 20): cleared
  {
    id: 'D12',
    deal: 'Moved on',
    owner: 'ana@example.com',
    stage: 'Proposal',
    entered: '2026-11-20',
    stalled: '2026-11-02',
  },
  // already flagged with the right day: left as it is
  {
    id: 'D13',
    deal: 'Already flagged',
    owner: 'ana@example.com',
    stage: 'Proposal',
    entered: '2026-11-01',
    stalled: '2026-11-12',
    notes: '-keep me',
  },
];

describe('Stalled Since: the SPEC §2 rule as the check writes it', () => {
  test('boundaries: limit vs one over, Last Activity, snooze, no dates, closed', () => {
    const world = makeWorld(BOUNDARIES);
    world.setCell('Deals!M14', '-keep me', 'raw');
    const summary = runCheck(world);
    expect(flags(world)).toEqual({
      D1: '',
      D2: '2026-11-23',
      D3: '',
      D4: '2026-11-23',
      D5: '',
      D6: '2026-11-20',
      D7: '2026-11-23',
      D8: '',
      D9: '',
      D10: '',
      D11: '2026-11-23',
      D12: '',
      D13: '2026-11-12',
    });
    expect(summary).toMatchObject({ deals: 13, stalled: 6, flagged: 5, cleared: 2, errors: [] });
    // Stalled Since cells are dates at local midnight
    const cell = world.cell('Deals!L3').value as Date;
    expect(cell.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    // Notes (and every other column) untouched; text that looks like a formula stays text
    expect(world.cell('Deals!M14').value).toBe('-keep me');
    expect(world.cell('Deals!M14').formula).toBe('');
  });

  test('one day later the deal exactly at its limit is one over', () => {
    const world = makeWorld(BOUNDARIES);
    runCheck(world);
    world.clock.advanceDays(1);
    runCheck(world);
    expect(flags(world)).toMatchObject({ D1: '2026-11-24', D2: '2026-11-23', D5: '' });
  });

  test('in the spreadsheet time zone: 23:30 UTC on Nov 22 is already Nov 23 in Tokyo', () => {
    const world = makeWorld([{ id: 'D2', deal: 'One over', stage: 'Proposal', entered: '2026-11-12' }], {
      now: '2026-11-22T23:30:00Z',
    });
    world.setTimeZone('Asia/Tokyo');
    // Tokyo midnight of Nov 12 is 15:00 UTC on Nov 11
    world.setCell('Deals!H2', new Date('2026-11-11T15:00:00Z'));
    runCheck(world);
    expect((world.cell('Deals!L2').value as Date).toISOString()).toBe('2026-11-22T15:00:00.000Z');
  });
});

describe('one read per sheet, writes only where something changed', () => {
  test('reads Deals, Stages and Team once each, the ID..Stalled Since block before and after the write, one setValues per run of changed rows', () => {
    const world = makeWorld(BOUNDARIES);
    world.setSheet('Stages', [
      ['Stage', 'Probability', 'Stalled After (days)', 'Outcome'],
      ['Proposal', 0.6, 10, 'Open'],
      ['Negotiation', 0.8, 7, 'Open'],
      ['Lead', 0.1, 14, 'Open'],
      ['Won', 1, '', 'Won'],
      ['Lost', 0, '', 'Lost'],
    ]);
    const before = world.sheetValues('Deals');
    world.calls.reset();
    runCheck(world);
    const reads = world.calls.log
      .filter((c) => c.name === 'Range.getValues')
      .map((c) => `${c.sheet}!${c.a1}`);
    // Issue 10: the block is read again after the write (and flush) to prove each flag is on its deal.
    expect(reads).toEqual(['Deals!A1:M14', 'Stages!A1:D6', 'Team!A1:C3', 'Deals!A1:L14', 'Deals!A1:L14']);
    // Issue 10: Stalled Since is written by deal, only the cells that change (no longer the whole
    // column from a read): one setValues per run of consecutive changed rows.
    const after = world.sheetValues('Deals');
    const changed = after
      .map((_, i) => i)
      .filter((i) => i > 0 && String(after[i]?.[STALLED_COL - 1]) !== String(before[i]?.[STALLED_COL - 1]))
      .map((i) => i + 1);
    const runs: string[] = [];
    changed.forEach((row, k) => {
      if (k > 0 && changed[k - 1] === row - 1)
        runs[runs.length - 1] = `${runs.at(-1)!.split(':')[0]}:L${row}`;
      else runs.push(`Deals!L${row}`);
    });
    expect(changed.length).toBeGreaterThan(3);
    expect(writes(world)).toEqual(runs);
    expect(world.calls.writes()).toBe(runs.length);
  });

  test('a second run the same day writes nothing', () => {
    const world = makeWorld(BOUNDARIES);
    runCheck(world);
    world.calls.reset();
    const summary = runCheck(world);
    expect(writes(world)).toEqual([]);
    expect(world.calls.count('Range.getValues')).toBe(2); // Deals and Team (no Stages sheet)
    expect(summary).toMatchObject({ flagged: 0, cleared: 0, newlyStalled: 0, emailsSent: 0 });
  });

  test('the stages come through the workbook context: a second run reads no Stages (the document cache the sidebar and functions share)', () => {
    const world = makeWorld(BOUNDARIES);
    world.setSheet('Stages', [
      ['Stage', 'Probability', 'Stalled After (days)', 'Outcome'],
      ['Proposal', 0.6, 10, 'Open'],
      ['Negotiation', 0.8, 7, 'Open'],
      ['Lead', 0.1, 14, 'Open'],
      ['Won', 1, '', 'Won'],
      ['Lost', 0, '', 'Lost'],
    ]);
    runCheck(world);
    world.calls.reset();
    runCheck(world);
    const reads = world.calls.log
      .filter((c) => c.name === 'Range.getValues')
      .map((c) => `${c.sheet}!${c.a1}`);
    expect(reads).toEqual(['Deals!A1:M14', 'Team!A1:C3']);
    expect(world.calls.writes()).toBe(0);
  });

  test('without a Stalled Since column nothing is written and the summary says why', () => {
    const world = makeWorld([{ id: 'D2', deal: 'x', stage: 'Proposal', entered: '2026-11-12' }]);
    world.setSheet('Deals', [
      ['ID', 'Deal', 'Stage', 'Stage Entered'],
      ['D2', 'x', 'Proposal', new Date('2026-11-12T00:00:00Z')],
    ]);
    const summary = runCheck(world);
    expect(world.calls.writes()).toBe(0);
    expect(summary?.errors.join(' ')).toMatch(/no Stalled Since column/);
  });
});

describe('re-verified just before the write', () => {
  const SPECS: Spec[] = [
    { id: 'A1', deal: 'Alpha', owner: 'ana@example.com', stage: 'Proposal', entered: '2026-11-01' },
    { id: 'B2', deal: 'Bravo', owner: 'ana@example.com', stage: 'Proposal', entered: '2026-11-20' },
    { id: 'C3', deal: 'Charlie', owner: 'ana@example.com', stage: 'Proposal', entered: '2026-11-05' },
    { id: 'D4', deal: 'Delta', owner: 'ana@example.com', stage: 'Lead', entered: '2026-11-20' },
  ];

  test('a sort between the read and the write keeps every flag on its deal', () => {
    const world = makeWorld(SPECS);
    const ctx = loadCode(world, { dir: DIST, user: 'ana@example.com' });
    // Right after the first read (Deals), someone sorts the sheet by Deal, Z→A.
    world.calls.once(
      'Range.getValues',
      () => {
        ctx.SpreadsheetApp.getActive().getSheetByName('Deals')!.sort(2, false);
      },
      'after',
    );
    (ctx as unknown as Record<string, () => void>).runStalledCheckNow!();
    world.endExecution(ctx);
    const ids = world.sheetValues('Deals').map((r) => r[0]);
    expect(ids).toEqual(['ID', 'D4', 'C3', 'B2', 'A1']);
    // A1: Nov 1 + 11 = Nov 12; C3: Nov 5 + 11 = Nov 16
    expect(flags(world)).toEqual({ A1: '2026-11-12', B2: '', C3: '2026-11-16', D4: '' });
  });

  test('rows inserted above the deals between the read and the write', () => {
    const world = makeWorld(SPECS);
    const ctx = loadCode(world, { dir: DIST, user: 'ana@example.com' });
    world.calls.once(
      'Range.getValues',
      () => {
        const sheet = ctx.SpreadsheetApp.getActive().getSheetByName('Deals')!;
        sheet.insertRowsBefore(2, 2);
        sheet.getRange('A2:B2').setValues([['N1', 'New deal']]);
      },
      'after',
    );
    (ctx as unknown as Record<string, () => void>).runStalledCheckNow!();
    world.endExecution(ctx);
    expect(flags(world)).toEqual({ N1: '', A1: '2026-11-12', B2: '', C3: '2026-11-16', D4: '' });
    expect(world.sheetValues('Deals')[2]?.[STALLED_COL - 1]).toBe('');
  });

  test('deals without an ID: flagged at their row, skipped (and reported) when their row changed', () => {
    const specs: Spec[] = [
      { deal: 'No id one', stage: 'Proposal', entered: '2026-11-01' },
      { id: 'B2', deal: 'Bravo', stage: 'Proposal', entered: '2026-11-02' },
      { deal: 'No id two', stage: 'Proposal', entered: '2026-11-03' },
    ];
    const plain = makeWorld(specs);
    runCheck(plain);
    expect(flags(plain)).toEqual({ 'No id one': '2026-11-12', B2: '2026-11-13', 'No id two': '2026-11-14' });
    // IDs are not the check's to write
    expect(plain.sheetValues('Deals').map((r) => r[0])).toEqual(['ID', '', 'B2', '']);

    const world = makeWorld(specs);
    const ctx = loadCode(world, { dir: DIST, user: 'ana@example.com' });
    world.calls.once(
      'Range.getValues',
      () => {
        ctx.SpreadsheetApp.getActive().getSheetByName('Deals')!.sort(2, true);
      },
      'after',
    );
    const summary = (
      ctx as unknown as { SheetsPipeline_: { runStalledCheck_: (o: unknown) => { errors: string[] } } }
    ).SheetsPipeline_.runStalledCheck_({ via: 'menu' });
    world.endExecution(ctx);
    // sorted: Bravo, No id one, No id two. "No id two" stayed at row 4; "No id one" moved.
    expect(world.sheetValues('Deals').map((r) => r[1])).toEqual(['Deal', 'Bravo', 'No id one', 'No id two']);
    expect(flags(world)).toEqual({ B2: '2026-11-13', 'No id one': '', 'No id two': '2026-11-14' });
    expect(summary.errors.join(' ')).toMatch(/1 deal\(s\) changed rows/);
    // the next run flags it
    runCheck(world);
    expect(flags(world)['No id one']).toBe('2026-11-12');
  });

  test('columns moved between the read and the write: nothing is written, the next run does it', () => {
    const world = makeWorld(SPECS);
    const ctx = loadCode(world, { dir: DIST, user: 'ana@example.com' });
    world.calls.once(
      'Range.getValues',
      () => {
        ctx.SpreadsheetApp.getActive().getSheetByName('Deals')!.insertColumnBefore(1);
      },
      'after',
    );
    const summary = (
      ctx as unknown as { SheetsPipeline_: { runStalledCheck_: (o: unknown) => { errors: string[] } } }
    ).SheetsPipeline_.runStalledCheck_({ via: 'menu' });
    world.endExecution(ctx);
    expect(writes(world)).toEqual([]); // (the insert, made in a hook, is not counted)
    expect(summary.errors.join(' ')).toMatch(/columns moved/);
  });
});

describe('menu', () => {
  test('Run the check now shows what it did', () => {
    const world = makeWorld(BOUNDARIES);
    run(world, 'runStalledCheckNow');
    const alert = world.ui.alerts().at(-1);
    expect(alert?.title).toBe('Stalled deals');
    expect(alert?.message).toMatch(/13 deals checked, 6 stalled \(5 newly\)/);
  });
});
