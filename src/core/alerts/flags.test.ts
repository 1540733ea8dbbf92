import { Calendar } from '../model/dates';
import { DEAL_HEADERS, d, day, dealRows, pipelineOf, TODAY } from '../testing';
import { type BlockLayout, type FlagEntry, holdsFlag, placeFlags, planFlags } from './flags';

const UTC = new Calendar('Etc/UTC');
const LAYOUT: BlockLayout = {
  id: 0,
  name: 1,
  stalled: 2,
  headers: { id: 'ID', name: 'Deal', stalled: 'Stalled Since' },
};
const HEADER = ['ID', 'Deal', 'Stalled Since'];
const entry = (row: number, id: string, name: string, since: string | null): FlagEntry => ({
  row,
  id,
  name,
  since: since === null ? null : day(since),
});

describe('holdsFlag', () => {
  test('blank for none; any time of the same day for a day', () => {
    expect(holdsFlag('', null, UTC)).toBe(true);
    expect(holdsFlag('  ', null, UTC)).toBe(true);
    expect(holdsFlag(d('2026-11-12'), null, UTC)).toBe(false);
    expect(holdsFlag(new Date('2026-11-12T18:00:00Z'), day('2026-11-12'), UTC)).toBe(true);
    expect(holdsFlag('2026-11-12', day('2026-11-12'), UTC)).toBe(true);
    expect(holdsFlag(d('2026-11-13'), day('2026-11-12'), UTC)).toBe(false);
    expect(holdsFlag('yes', day('2026-11-12'), UTC)).toBe(false);
  });
});

describe('planFlags', () => {
  test('compares the rule (today) with the cells as read', () => {
    const rows = dealRows([
      { id: 'A', stage: 'Proposal', stageEntered: '2026-11-12' }, // 11 days: since Nov 23
      { id: 'B', stage: 'Proposal', stageEntered: '2026-11-13' }, // 10 days: not stalled
      { id: 'C', stage: 'Proposal', stageEntered: '2026-11-01' }, // since Nov 12
    ]).map((r, i) => [...r, i === 0 ? 'Stalled Since' : i === 2 ? 'junk' : i === 3 ? d('2026-11-12') : '']);
    const p = pipelineOf(rows);
    const plan = planFlags(p.deals, rows, DEAL_HEADERS.length, TODAY, UTC);
    expect(plan.entries.map((e) => e.since)).toEqual([day('2026-11-23'), null, day('2026-11-12')]);
    // A: new flag; B: 'junk' cleared; C: already right
    expect(plan).toMatchObject({ changes: 2, stalled: 2, flagged: 1, cleared: 1 });
  });
});

describe('placeFlags', () => {
  const plan = [
    entry(2, 'A', 'Alpha', '2026-11-12'),
    entry(3, 'B', 'Bravo', null),
    entry(4, '', 'No id', '2026-11-14'),
  ];

  test('in place: one value per row, unchanged cells kept as they were', () => {
    const block = [HEADER, ['A', 'Alpha', ''], ['B', 'Bravo', d('2026-01-01')], ['', 'No id', '']];
    const placed = placeFlags(plan, block, LAYOUT, UTC);
    expect(placed).toEqual({
      kind: 'ok',
      values: [d('2026-11-12'), '', d('2026-11-14')],
      changes: 3,
      unplaced: 0,
    });
  });

  test('sorted since the read: by ID; a deal without an ID only at its old row', () => {
    const block = [
      HEADER,
      ['', 'No id', ''],
      ['B', 'Bravo', ''],
      ['A', 'Alpha', '=x'],
      ['X', 'New', '-note'],
    ];
    const placed = placeFlags(plan, block, LAYOUT, UTC);
    expect(placed).toEqual({
      kind: 'ok',
      // Text goes back as it was read: the adapters' write path (writeCells) keeps it text.
      values: ['', '', d('2026-11-12'), '-note'],
      changes: 1,
      unplaced: 1,
    });
  });

  test('an ID now on two rows is placed only where the row still matches', () => {
    const block = [HEADER, ['A', 'Alpha', ''], ['A', 'Alpha copy', ''], ['', 'No id', '']];
    const placed = placeFlags(plan, block, LAYOUT, UTC);
    expect(placed.kind === 'ok' && placed.values).toEqual([d('2026-11-12'), '', d('2026-11-14')]);
  });

  test('columns moved: nothing is placed', () => {
    const block = [
      ['', 'ID', 'Deal'],
      ['x', 'A', 'Alpha'],
    ];
    expect(placeFlags(plan, block, LAYOUT, UTC)).toEqual({ kind: 'moved' });
  });

  test('nothing to change: 0 changes', () => {
    const block = [
      HEADER,
      ['A', 'Alpha', d('2026-11-12')],
      ['B', 'Bravo', ''],
      ['', 'No id', d('2026-11-14')],
    ];
    expect(placeFlags(plan, block, LAYOUT, UTC)).toMatchObject({ kind: 'ok', changes: 0, unplaced: 0 });
  });
});
