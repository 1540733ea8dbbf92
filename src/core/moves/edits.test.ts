import { Calendar } from '../model/dates';
import { parseDeals } from '../model/deals';
import { StageSet } from '../model/stages';
import { d, day } from '../testing';
import { columnRuns, planStageEdits } from './edits';

const stages = StageSet.defaults();
const calendar = new Calendar('Etc/UTC');
const NOW = new Date('2026-11-23T12:00:00Z');
const ctx = {
  stages,
  calendar,
  today: day('2026-11-23'),
  now: NOW,
  user: 'ana@example.com',
  hasId: true,
  newId: () => 'D-NEWID001',
};

const HEAD = ['ID', 'Deal', 'Stage', 'Stage Entered', 'Closed'];
const deals = parseDeals(
  [
    HEAD,
    ['D-1', 'Acme', 'Proposal', d('2026-11-13'), ''],
    ['', 'Globex', 'Won', d('2026-11-20'), ''],
    ['D-3', 'Initech', 'Closing', '', ''],
    ['D-4', 'Umbrella', 'Lead', d('2026-11-01'), d('2026-11-02')],
  ],
  stages,
  calendar,
  { headerRow: 9 },
).deals;

test('single edits: From is the old value; same stage and unknown stages are skipped', () => {
  const old: Record<string, string> = {
    Acme: 'Lead',
    Globex: 'Negotiation',
    Initech: 'Lead',
    Umbrella: 'lead',
  };
  const plan = planStageEdits(deals, (deal) => ({ kind: 'known', text: old[deal.name] ?? '' }), ctx);
  expect(plan.writes).toEqual([
    { row: 10, cells: { stageEntered: d('2026-11-23') } },
    { row: 11, cells: { stageEntered: d('2026-11-23'), closed: d('2026-11-23'), id: 'D-NEWID001' } },
  ]);
  expect(plan.history.map((h) => [h.dealId, h.from, h.to, h.daysInStage, h.via])).toEqual([
    ['D-1', 'Lead', 'Proposal', 10, 'edit'],
    ['D-NEWID001', 'Negotiation', 'Won', 3, 'edit'],
  ]);
});

test('History knows nothing of the deals: recorded with From blank, and only blanks are filled', () => {
  const plan = planStageEdits(deals, () => ({ kind: 'new' }), ctx);
  expect(plan.history.map((h) => [h.dealId, h.from, h.to, h.daysInStage])).toEqual([
    ['D-1', '', 'Proposal', null],
    ['D-NEWID001', '', 'Won', null],
    ['D-4', '', 'Lead', null],
  ]);
  // Acme keeps Stage Entered 11-13; Globex (Won) gets its blank Closed and an ID; Umbrella keeps
  // Stage Entered and even its Closed date: nothing proves the stage changed in this edit.
  expect(plan.writes).toEqual([{ row: 11, cells: { closed: d('2026-11-23'), id: 'D-NEWID001' } }]);
  expect(plan.deferred).toBe(0);
});

test('old stage unknown: no History row, nothing reset, blanks filled, counted as deferred', () => {
  const blank = parseDeals(
    [HEAD, ['D-5', 'Hooli', 'Won', '', ''], ['D-6', 'Soylent', 'Lead', d('2026-11-01'), '']],
    stages,
    calendar,
  ).deals;
  const plan = planStageEdits([...deals, ...blank], () => ({ kind: 'unknown' }), ctx);
  expect(plan.history).toEqual([]);
  expect(plan.deferred).toBe(5); // Acme, Globex, Umbrella, Hooli, Soylent (Initech's stage is unknown)
  expect(plan.writes).toEqual([
    { row: 11, cells: { closed: d('2026-11-23') } },
    { row: 2, cells: { stageEntered: d('2026-11-23'), closed: d('2026-11-23') } },
  ]);
});

test('a known old stage equal to the new one writes nothing; a reopened deal loses its Closed', () => {
  const plan = planStageEdits(
    deals,
    (deal) => ({ kind: 'known', text: deal.name === 'Umbrella' ? 'Won' : (deal.stage?.name ?? '') }),
    ctx,
  );
  expect(plan.writes).toEqual([{ row: 13, cells: { stageEntered: d('2026-11-23'), closed: '' } }]);
  expect(plan.history.map((h) => [h.from, h.to, h.daysInStage])).toEqual([['Won', 'Lead', 22]]);
});

test('columnRuns: consecutive rows of one field become one block', () => {
  const runs = columnRuns([
    { row: 5, cells: { stageEntered: 1 as never } },
    { row: 6, cells: { stageEntered: 2 as never, id: 'X' } },
    { row: 8, cells: { stageEntered: 3 as never } },
  ]);
  expect(runs).toEqual([
    { field: 'stageEntered', row: 5, values: [1, 2] },
    { field: 'stageEntered', row: 8, values: [3] },
    { field: 'id', row: 6, values: ['X'] },
  ]);
});
