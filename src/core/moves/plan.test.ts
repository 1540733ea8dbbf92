import { Calendar } from '../model/dates';
import { parseDeals } from '../model/deals';
import { StageSet } from '../model/stages';
import { DEAL_HEADERS, d, day } from '../testing';
import {
  applyCells,
  planMove,
  planSnooze,
  planUpdate,
  sameStage,
  staleMessage,
  toCellValues,
  type WriteContext,
} from './plan';

const stages = StageSet.defaults();
const calendar = new Calendar('Etc/UTC');
const TODAY = day('2026-11-23');
const NOW = new Date('2026-11-23T12:00:00Z');

// ID, Deal, Company, Owner, Amount, Stage, Probability, Created, Stage Entered, Expected Close, Closed, Last Activity, Snoozed Until
function deal(values: Partial<Record<(typeof DEAL_HEADERS)[number], unknown>>) {
  const row = DEAL_HEADERS.map((h) => values[h] ?? '');
  return parseDeals(
    [
      [...DEAL_HEADERS, 'Next Step', 'Lost Reason', 'Stalled Since'],
      [...row, values['Next Step' as never] ?? '', '', ''],
    ],
    stages,
    calendar,
  ).deals[0]!;
}

function ctx(fields: string[] = [...DEAL_HEADERS.map(() => ''), 'x'], ids: string[] = []): WriteContext {
  void fields;
  let n = 0;
  return {
    stages,
    calendar,
    today: TODAY,
    now: NOW,
    user: 'ana@example.com',
    fields: new Set([
      'id',
      'deal',
      'amount',
      'stage',
      'probability',
      'created',
      'stageEntered',
      'expectedClose',
      'closed',
      'lastActivity',
      'nextStep',
      'lostReason',
      'snoozedUntil',
      'stalledSince',
    ]),
    newId: () => ids[n++] ?? 'D-NEW00000',
  };
}

const REF = { id: 'D-1', row: 2, name: 'Acme', expectedStage: 'Proposal' };

describe('planMove', () => {
  const acme = deal({
    ID: 'D-1',
    Deal: 'Acme',
    Amount: 100,
    Stage: 'Proposal',
    Created: d('2026-11-01'),
    'Stage Entered': d('2026-11-13'),
  });

  test('an open move: Stage, Stage Entered, Last Activity; History with days in From', () => {
    const plan = planMove(acme, { ...REF, toStage: 'negotiation' }, ctx());
    expect(plan.cells).toEqual({
      stage: 'Negotiation',
      stageEntered: d('2026-11-23'),
      lastActivity: d('2026-11-23'),
    });
    expect(plan.history).toEqual({
      when: NOW,
      dealId: 'D-1',
      deal: 'Acme',
      from: 'Proposal',
      to: 'Negotiation',
      daysInStage: 10,
      changedBy: 'ana@example.com',
      via: 'sidebar',
    });
  });

  test('Won on an earlier day: Closed and Stage Entered that day, days counted to it', () => {
    const plan = planMove(acme, { ...REF, toStage: 'Won', closedOn: '2026-11-20', amount: 250 }, ctx());
    expect(plan.cells).toMatchObject({
      stage: 'Won',
      closed: d('2026-11-20'),
      stageEntered: d('2026-11-20'),
      amount: 250,
    });
    expect(plan.history?.daysInStage).toBe(7);
  });

  test('Lost needs a reason even on a sheet without a Lost Reason column (which it then asks for)', () => {
    const noReasonColumn = (): WriteContext => {
      const base = ctx();
      return { ...base, fields: new Set([...base.fields].filter((f) => f !== 'lostReason')) };
    };
    expect(() => planMove(acme, { ...REF, toStage: 'Lost', lostReason: '' }, noReasonColumn())).toThrow(
      'A reason is required to mark a deal lost.',
    );
    expect(() => planMove(acme, { ...REF, toStage: 'Lost', lostReason: 'Price' }, noReasonColumn())).toThrow(
      'The deals sheet has no Lost Reason column: add one to record it.',
    );
    expect(planMove(acme, { ...REF, toStage: 'Lost', lostReason: 'Price' }, ctx()).cells.lostReason).toBe(
      'Price',
    );
  });

  test('Closed before Created is refused', () => {
    expect(() => planMove(acme, { ...REF, toStage: 'Won', closedOn: '2026-10-01' }, ctx())).toThrow(
      'The Closed date is before the deal was created (2026-11-01).',
    );
  });

  test('a row without an ID gets one', () => {
    const noId = deal({ Deal: 'Acme', Stage: 'Lead' });
    const plan = planMove(
      noId,
      { ...REF, id: '', expectedStage: 'Lead', toStage: 'Qualified' },
      ctx([], ['D-ABCDEFGH']),
    );
    expect(plan.cells.id).toBe('D-ABCDEFGH');
    expect(plan.history?.dealId).toBe('D-ABCDEFGH');
    expect(plan.history?.daysInStage).toBeNull(); // no Stage Entered nor Created
  });

  test('text cells go to the write path as typed (it neutralises them); applyCells shows them as Sheets returns them', () => {
    const cells = { nextStep: '=1+1', stage: 'Lead', amount: 5 };
    expect(toCellValues(cells)).toEqual({ nextStep: '=1+1', stage: 'Lead', amount: 5 });
    expect(applyCells(['a', 'b', 'c'], { nextStep: 1 }, cells)).toEqual(['a', '=1+1', 'c']);
  });
});

describe('conflicts', () => {
  test('sameStage compares known stages by identity and other text by key', () => {
    expect(sameStage('proposal', 'Proposal ', stages)).toBe(true);
    expect(sameStage('Proposal', 'Lead', stages)).toBe(false);
    expect(sameStage('Closing', 'closing', stages)).toBe(true);
    expect(sameStage('', 'Lead', stages)).toBe(false);
  });

  test('staleMessage says where the deal is now', () => {
    const moved = deal({ ID: 'D-1', Deal: 'Acme', Stage: 'Negotiation' });
    expect(staleMessage(moved, REF, stages)).toBe(
      '"Acme" is now in Negotiation (it was in Proposal when you looked): someone else changed it. Nothing was written; this is its current state.',
    );
    expect(staleMessage(moved, { ...REF, expectedStage: 'NEGOTIATION' }, stages)).toBeNull();
  });

  test('planUpdate refuses when a field changed since it was seen, skips unchanged ones', () => {
    const acme = deal({ ID: 'D-1', Deal: 'Acme', Amount: 100, Stage: 'Lead' });
    expect(planUpdate(acme, { ...REF, changes: { amount: 200 }, seen: { amount: 150 } }, ctx())).toEqual({
      conflict:
        'Amount of "Acme" was changed by someone else. Nothing was written; this is its current state.',
    });
    expect(
      planUpdate(acme, { ...REF, changes: { amount: 100 }, seen: { amount: 100 } }, ctx()),
    ).toMatchObject({
      cells: {},
      message: 'Nothing to save: no field was changed.',
    });
  });

  test('planSnooze needs a later day', () => {
    const acme = deal({ ID: 'D-1', Deal: 'Acme', Stage: 'Lead' });
    expect(planSnooze(acme, { ...REF, until: '2026-11-24' }, ctx()).cells).toEqual({
      snoozedUntil: d('2026-11-24'),
    });
    expect(() => planSnooze(acme, { ...REF, until: '2026-11-23' }, ctx())).toThrow('Pick a day after today');
    expect(() => planSnooze(acme, { ...REF, until: '' }, ctx())).toThrow('"Acme" is not snoozed.');
  });
});
