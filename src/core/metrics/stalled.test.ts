import { defaultStageRows } from '../model/stages';
import { type DealSpec, day, pipeline, pipelineOf, TODAY } from '../testing';
import { clockStart, daysInStage, isSnoozed, isStalled, stalledSinceDay } from './stalled';
import { stalledCount, stalledTable } from './stalledTable';

// Today is 2026-11-23. Default limits: Lead 14, Contacted 10, Proposal 10, Negotiation 7 days.
const one = (spec: DealSpec, options = {}) => pipeline([spec], options).deals[0]!;
const stalled = (spec: DealSpec) => isStalled(one(spec), TODAY);

describe('stalled rule (SPEC §2)', () => {
  test('exactly the limit is not stalled; one day over is', () => {
    // Proposal (10): entered Nov 13 → 23 − 13 = 10 days = limit → not stalled
    expect(stalled({ stage: 'Proposal', stageEntered: '2026-11-13' })).toBe(false);
    // entered Nov 12 → 11 days > 10 → stalled
    expect(stalled({ stage: 'Proposal', stageEntered: '2026-11-12' })).toBe(true);
    // Negotiation (7): Nov 16 → 7 days not stalled, Nov 15 → 8 days stalled
    expect(stalled({ stage: 'negotiation', stageEntered: '2026-11-16' })).toBe(false);
    expect(stalled({ stage: 'negotiation', stageEntered: '2026-11-15' })).toBe(true);
  });

  test('Last Activity resets the clock: the later of Stage Entered and Last Activity', () => {
    // entered Nov 1 (22 days) but touched Nov 20 → clock 3 days → not stalled
    expect(stalled({ stage: 'Proposal', stageEntered: '2026-11-01', lastActivity: '2026-11-20' })).toBe(
      false,
    );
    // touched Nov 12 → 11 days > 10 → stalled
    expect(stalled({ stage: 'Proposal', stageEntered: '2026-11-01', lastActivity: '2026-11-12' })).toBe(true);
    // Last Activity before Stage Entered: Stage Entered (Nov 13, 10 days) counts → not stalled
    expect(stalled({ stage: 'Proposal', stageEntered: '2026-11-13', lastActivity: '2026-10-01' })).toBe(
      false,
    );
  });

  test('Created is used when Stage Entered and Last Activity are blank', () => {
    // Lead (14): created Nov 9 → 14 days → not stalled; Nov 8 → 15 days → stalled
    expect(stalled({ stage: 'Lead', created: '2026-11-09' })).toBe(false);
    expect(stalled({ stage: 'Lead', created: '2026-11-08' })).toBe(true);
    // Created is not used when Stage Entered is known: entered Nov 20 (3 days), created long ago
    expect(stalled({ stage: 'Lead', created: '2026-01-01', stageEntered: '2026-11-20' })).toBe(false);
  });

  test('Last Activity alone (no Stage Entered) starts the clock', () => {
    // Proposal: touched Nov 20 → 3 days, though created Oct 1 → not stalled
    expect(stalled({ stage: 'Proposal', created: '2026-10-01', lastActivity: '2026-11-20' })).toBe(false);
  });

  test('no readable date: not stalled', () => {
    expect(stalled({ stage: 'Proposal' })).toBe(false);
    expect(stalled({ stage: 'Proposal', stageEntered: 'next week', created: 'abc' })).toBe(false);
  });

  test('an unreadable Stage Entered falls back to the readable dates', () => {
    // Stage Entered 'next week' unreadable, Created Nov 1 → 22 days → stalled
    expect(stalled({ stage: 'Proposal', stageEntered: 'next week', created: '2026-11-01' })).toBe(true);
  });

  test('ISO text dates work like Date cells', () => {
    const q = pipelineOf([
      ['Stage', 'Stage Entered', 'Last Activity'],
      ['Proposal', '2026-11-12', ''], // 11 days → stalled
      ['Proposal', '2026-11-01', '2026-11-13'], // clock Nov 13 → 10 days → not stalled
    ]);
    expect(q.deals.map((x) => isStalled(x, TODAY))).toEqual([true, false]);
  });

  test('snoozed: not flagged before the snooze date, flagged on and after it', () => {
    const base = { stage: 'Proposal', stageEntered: '2026-11-01' }; // 22 days > 10
    // snoozed until Nov 24 (tomorrow) → not stalled
    expect(stalled({ ...base, snoozedUntil: '2026-11-24' })).toBe(false);
    // snoozed until Nov 23 (today) → the snooze has ended → stalled
    expect(stalled({ ...base, snoozedUntil: '2026-11-23' })).toBe(true);
    // snoozed until Nov 20 (past) → stalled
    expect(stalled({ ...base, snoozedUntil: '2026-11-20' })).toBe(true);
    expect(isSnoozed(one({ ...base, snoozedUntil: '2026-11-24' }), TODAY)).toBe(true);
    expect(isSnoozed(one({ ...base, snoozedUntil: '2026-11-23' }), TODAY)).toBe(false);
  });

  test('closed deals and unknown stages are never stalled', () => {
    expect(stalled({ stage: 'Won', stageEntered: '2025-01-01' })).toBe(false);
    expect(stalled({ stage: 'Lost', stageEntered: '2025-01-01' })).toBe(false);
    // Unknown with the default Stages sheet. (The helper assembles as production does: without a
    // Stages sheet the stages are learned, SPEC §1, and a lone Prospecting is Salesforce's stage.)
    const defaults = { stages: defaultStageRows() };
    expect(isStalled(one({ stage: 'Prospecting', stageEntered: '2025-01-01' }, defaults), TODAY)).toBe(false);
  });

  test("without a Stages sheet a stage is learned (SPEC §1): a lone Prospecting is Salesforce's, stalled after 14 days", () => {
    // Salesforce's Prospecting, Stalled After 14 (learned stages): entered Nov 9 → 14 days → not
    // stalled; Nov 8 → 15 days → stalled.
    expect(stalled({ stage: 'Prospecting', stageEntered: '2026-11-09' })).toBe(false);
    expect(stalled({ stage: 'Prospecting', stageEntered: '2026-11-08' })).toBe(true);
  });

  test('a stage with a blank Stalled After never stalls', () => {
    const stages = [
      ['Stage', 'Probability', 'Stalled After', 'Outcome'],
      ['Waiting', 0.5, '', 'Open'],
      ['Won', 1, '', 'Won'],
      ['Lost', 0, '', 'Lost'],
    ];
    expect(isStalled(one({ stage: 'Waiting', stageEntered: '2020-01-01' }, { stages }), TODAY)).toBe(false);
  });

  test('clockStart and daysInStage', () => {
    const deal = one({
      stage: 'Proposal',
      created: '2026-10-01',
      stageEntered: '2026-11-01',
      lastActivity: '2026-11-05',
    });
    expect(clockStart(deal)).toBe(day('2026-11-05'));
    // Days In Stage counts from Stage Entered: Nov 1 → Nov 23 = 22
    expect(daysInStage(deal, TODAY)).toBe(22);
    // Created when Stage Entered is blank: Oct 24 → Nov 23 = 30 (Oct has 31 days: 7 + 23)
    expect(daysInStage(one({ stage: 'Lead', created: '2026-10-24' }), TODAY)).toBe(30);
    expect(daysInStage(one({ stage: 'Lead', lastActivity: '2026-10-24' }), TODAY)).toBeNull();
  });

  test('stalledSinceDay: clock start + limit + 1, or the end of the snooze', () => {
    // Proposal entered Nov 1 + 10 + 1 = Nov 12
    expect(stalledSinceDay(one({ stage: 'Proposal', stageEntered: '2026-11-01' }), TODAY)).toBe(
      day('2026-11-12'),
    );
    // snoozed until Nov 20 (after Nov 12) → Nov 20
    expect(
      stalledSinceDay(
        one({ stage: 'Proposal', stageEntered: '2026-11-01', snoozedUntil: '2026-11-20' }),
        TODAY,
      ),
    ).toBe(day('2026-11-20'));
    expect(stalledSinceDay(one({ stage: 'Proposal', stageEntered: '2026-11-13' }), TODAY)).toBeNull();
  });
});

describe('PIPELINE_STALLED and PIPELINE_STALLED_COUNT', () => {
  // Days In Stage from Stage Entered (Created when blank), today Nov 23:
  //   W  Proposal  entered Nov 12              → 11 days, stalled (11 > 10)
  //   X  Proposal  entered Nov 1, touched Nov 5 → 22 days in stage, clock 18 > 10, stalled
  //   Y  Lead      created Oct 24 only          → 30 days, stalled (30 > 14)
  //   Z  Proposal  entered Nov 12              → 11 days, stalled (tie with W, after it in the sheet)
  //   K  Proposal  entered Nov 13              → 10 days, not stalled
  //   S  Proposal  entered Oct 1, snoozed Dec 1 → not stalled
  //   T  Won       entered Jan 1                → never
  const p = pipeline([
    { deal: 'W', owner: 'Ben', stage: 'Proposal', amount: 500, stageEntered: '2026-11-12' },
    {
      deal: 'X',
      owner: 'Ana',
      stage: 'Proposal',
      amount: '$1,000',
      stageEntered: '2026-11-01',
      lastActivity: '2026-11-05',
    },
    { deal: 'Y', owner: 'ana', stage: 'Lead', amount: 'abc', created: '2026-10-24' },
    { deal: 'Z', owner: 'Cleo', stage: 'Proposal', amount: 700, stageEntered: '2026-11-12' },
    { deal: 'K', owner: 'Ana', stage: 'Proposal', amount: 1, stageEntered: '2026-11-13' },
    {
      deal: 'S',
      owner: 'Ana',
      stage: 'Proposal',
      amount: 1,
      stageEntered: '2026-10-01',
      snoozedUntil: '2026-12-01',
    },
    { deal: 'T', owner: 'Ana', stage: 'Won', amount: 1, stageEntered: '2026-01-01' },
  ]);

  test('table of stalled open deals, most days first, ties in sheet order', () => {
    expect(stalledTable(p, '')).toEqual([
      ['Deal', 'Owner', 'Stage', 'Days In Stage', 'Amount'],
      ['Y', 'ana', 'Lead', 30, ''],
      ['X', 'Ana', 'Proposal', 22, 1000],
      ['W', 'Ben', 'Proposal', 11, 500],
      ['Z', 'Cleo', 'Proposal', 11, 700],
    ]);
    // W, X, Y, Z
    expect(stalledCount(p, '')).toBe(4);
  });

  test('owner filter (case-insensitive)', () => {
    expect(stalledTable(p, 'ANA').map((r) => r[0])).toEqual(['Deal', 'Y', 'X']);
    expect(stalledCount(p, 'ana')).toBe(2);
    expect(stalledCount(p, 'Dora')).toBe(0);
  });

  test('nothing stalled: just the header row', () => {
    expect(stalledTable(pipeline([{ stage: 'Lead', created: '2026-11-20' }]), '')).toEqual([
      ['Deal', 'Owner', 'Stage', 'Days In Stage', 'Amount'],
    ]);
  });

  test('stalled through Last Activity only: Days In Stage unknown is blank and sorts last', () => {
    const q = pipeline([
      { deal: 'A', stage: 'Proposal', lastActivity: '2026-10-01' },
      { deal: 'B', stage: 'Proposal', stageEntered: '2026-11-01' },
    ]);
    // A: clock Oct 1 → 53 days, no Stage Entered/Created → ''; B: 22 days
    expect(stalledTable(q, '').slice(1)).toEqual([
      ['B', '', 'Proposal', 22, ''],
      ['A', '', 'Proposal', '', ''],
    ]);
  });
});
