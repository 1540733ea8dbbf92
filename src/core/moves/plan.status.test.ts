/** Moves in a sheet whose Status column keeps the outcome (SPEC §1 *Status*, §3). */
import { Calendar } from '../model/dates';
import { parseDeals } from '../model/deals';
import { StageSet } from '../model/stages';
import { d, day } from '../testing';
import { applyCells, planMove, type WriteContext } from './plan';

const stages = StageSet.defaults();
const calendar = new Calendar('Etc/UTC');
const HEADERS = ['ID', 'Deal', 'Stage', 'Status', 'Created', 'Closed', 'Lost Reason'];
const columns = { id: 0, deal: 1, stage: 2, status: 3, created: 4, closed: 5, lostReason: 6 };

function ctx(statusColumn: boolean): WriteContext {
  return {
    stages,
    calendar,
    today: day('2026-11-23'),
    now: new Date('2026-11-23T12:00:00Z'),
    user: 'ana@example.com',
    fields: new Set(['id', 'deal', 'stage', 'status', 'created', 'closed', 'lostReason']),
    newId: () => 'D-NEW00000',
    statusColumn,
  };
}

const REF = { id: '', row: 2, name: '', expectedStage: '' };
const parse = (row: unknown[]) => parseDeals([HEADERS, row], stages, calendar).deals[0]!;

test('Won writes Status and Closed; Stage keeps where the deal closed', () => {
  const row = ['#1042', 'Acme', 'Negotiation', 'Open', d('2026-10-01'), '', ''];
  const plan = planMove(parse(row), { ...REF, toStage: 'Won', closedOn: '2026-11-20' }, ctx(true));
  expect(plan.cells.status).toBe('Won');
  expect(plan.cells.stage).toBeUndefined();
  expect(plan.cells.closed).toEqual(d('2026-11-20'));
  expect(plan.history).toMatchObject({ dealId: '#1042', from: 'Negotiation', to: 'Won' });
  // Read back: won, closed in Negotiation
  const after = parse(applyCells(row, columns, plan.cells));
  expect([after.stage?.name, after.closedIn?.name, after.stageText]).toEqual([
    'Won',
    'Negotiation',
    'Negotiation',
  ]);
});

test('Lost writes Status, Closed and the reason', () => {
  const row = ['2024/001', 'Globex', 'Proposal', 'open', d('2026-10-01'), '', ''];
  const plan = planMove(parse(row), { ...REF, toStage: 'Lost', lostReason: 'Price' }, ctx(true));
  expect(plan.cells).toMatchObject({ status: 'Lost', lostReason: 'Price' });
  expect(plan.cells.stage).toBeUndefined();
});

test('a won deal moved back to an open stage is open again: Stage and Status', () => {
  const row = ['Ä-17', 'Hooli', 'Negotiation', 'Won', d('2026-10-01'), d('2026-11-01'), ''];
  const plan = planMove(parse(row), { ...REF, toStage: 'Proposal' }, ctx(true));
  expect(plan.cells).toMatchObject({ stage: 'Proposal', status: 'Open', closed: '' });
});

test('between open stages only Stage is written; without a Status column Won goes to Stage', () => {
  const row = ['ACME 001', 'Acme', 'Lead', 'Open', d('2026-10-01'), '', ''];
  const move = planMove(parse(row), { ...REF, toStage: 'Qualified' }, ctx(true));
  expect(move.cells.stage).toBe('Qualified');
  expect(move.cells.status).toBeUndefined();
  const won = planMove(parse(row), { ...REF, toStage: 'Won' }, ctx(false));
  expect(won.cells.stage).toBe('Won');
  expect(won.cells.status).toBeUndefined();
});
