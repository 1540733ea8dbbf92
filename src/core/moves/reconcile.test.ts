import { Calendar } from '../model/dates';
import { parseDeals } from '../model/deals';
import { parseHistory } from '../model/history';
import { StageSet } from '../model/stages';
import { d } from '../testing';
import { lastStageById } from './edits';
import { missingMoves } from './reconcile';

const stages = StageSet.defaults();
const calendar = new Calendar('Etc/UTC');
const NOW = new Date('2026-11-23T12:00:00Z');

const deals = parseDeals(
  [
    ['ID', 'Deal', 'Stage', 'Stage Entered'],
    ['D-1', 'Acme', 'Proposal', d('2026-11-01')],
    ['D-2', 'Globex', 'Lead', d('2026-11-02')],
    ['D-3', 'Initech', 'Qualified', ''],
    ['', 'Hooli', 'Won', ''],
    ['D-4', 'Twin A', 'Won', ''],
    ['D-4', 'Twin B', 'Lost', ''],
    ['D-5', 'Typo', 'Closing', ''],
    ['D-6', 'Soylent', 'Proposal', ''],
    ['D-7', 'Umbrella', 'Lost', ''],
  ],
  stages,
  calendar,
).deals;

const history = parseHistory(
  [
    ['When', 'Deal ID', 'Deal', 'From', 'To', 'Days In Stage', 'Changed By', 'Via'],
    [d('2026-10-01'), 'D-1', 'Acme', '', 'Lead', '', '', 'import'],
    [d('2026-10-20'), 'D-1', 'Acme', 'Lead', 'Qualified', 19, 'ana@x.com', 'sidebar'],
    [d('2026-10-20'), 'D-2', 'Globex', '', 'Lead', '', '', 'import'],
    [d('2026-10-20'), 'D-4', 'Twin A', '', 'Lead', '', '', 'import'],
    [d('2026-10-20'), 'D-5', 'Typo', '', 'Lead', '', '', 'import'],
    [d('2026-10-20'), 'D-6', 'Soylent', '', 'proposal', '', '', 'edit'],
    [d('2026-10-21'), 'D-7', 'Umbrella', '', 'Negotiation', '', '', 'edit'],
    [d('2026-10-22'), 'D-7', 'Umbrella', 'Negotiation', 'Stalled?', '', '', 'edit'],
  ],
  stages,
  calendar,
);

test('a deal whose Stage differs from its last History To gets one sync row, dated now', () => {
  const rows = missingMoves(deals, lastStageById(history), { stages, now: NOW, user: '' });
  // D-1: last To Qualified, Stage Proposal → missing. D-2 same (Lead). D-3, Hooli: nothing in
  // History / no ID. D-4 shared by two rows: ambiguous. D-5: Stage is not a stage. D-6: same
  // stage in another case. D-7: last To is the text "Stalled?" (not a stage) ≠ Lost → missing.
  expect(rows).toEqual([
    {
      when: NOW,
      dealId: 'D-1',
      deal: 'Acme',
      from: 'Qualified',
      to: 'Proposal',
      daysInStage: null,
      changedBy: '',
      via: 'sync',
    },
    {
      when: NOW,
      dealId: 'D-7',
      deal: 'Umbrella',
      from: 'Stalled?',
      to: 'Lost',
      daysInStage: null,
      changedBy: '',
      via: 'sync',
    },
  ]);
});

test('after the sync rows, nothing differs any more', () => {
  const first = missingMoves(deals, lastStageById(history), { stages, now: NOW, user: 'x' });
  const extended = parseHistory(
    [
      ['When', 'Deal ID', 'Deal', 'From', 'To'],
      ...history.map((h) => [h.when, h.dealId, h.deal, h.fromText, h.toText]),
      ...first.map((r) => [r.when, r.dealId, r.deal, r.from, r.to]),
    ],
    stages,
    calendar,
  );
  expect(missingMoves(deals, lastStageById(extended), { stages, now: NOW, user: 'x' })).toEqual([]);
});
