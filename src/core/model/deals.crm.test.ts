/** parseDeals on the columns CRM exports bring: Status, a lone Close Date, Won/Lost Time, `%` headers. */
import { d, day } from '../testing';
import { Calendar } from './dates';
import { isLost, isOpen, isWon, parseDeals } from './deals';
import { StageSet } from './stages';

const stages = StageSet.defaults();
const utc = new Calendar('Etc/UTC');

describe('Close Date without a Closed column', () => {
  const rows = [
    ['Deal Name', 'Deal Stage', 'Close Date'],
    ['Open one', 'Proposal', d('2026-12-15')],
    ['Won one', 'Won', d('2026-10-02')],
    ['Lost one', 'Lost', d('2026-09-30')],
    ['Bad date', 'Won', 'soon'],
  ];
  test('is Closed for won and lost deals and Expected Close for open ones', () => {
    const t = parseDeals(rows, stages, utc);
    expect(t.deals.map((x) => [x.name, x.expectedClose, x.closed])).toEqual([
      ['Open one', day('2026-12-15'), null],
      ['Won one', null, day('2026-10-02')],
      ['Lost one', null, day('2026-09-30')],
      ['Bad date', null, null],
    ]);
    expect(t.problems).toEqual([{ row: 5, deal: 'Bad date', problem: 'Close Date "soon" is not a date' }]);
  });
  test('satisfies a required Closed column (cycle days need one)', () => {
    expect(() => parseDeals(rows, stages, utc, { required: ['closed', 'expectedClose'] })).not.toThrow();
  });
  test('with a Closed column it is Expected Close only', () => {
    const t = parseDeals(
      [
        ['Deal', 'Stage', 'Close Date', 'Closed'],
        ['W', 'Won', d('2026-10-31'), d('2026-10-02')],
      ],
      stages,
      utc,
    );
    expect([t.deals[0]?.expectedClose, t.deals[0]?.closed]).toEqual([day('2026-10-31'), day('2026-10-02')]);
  });
});

test('Won Time and Lost Time: Closed is whichever is filled', () => {
  const t = parseDeals(
    [
      ['Deal', 'Stage', 'Won Time', 'Lost Time'],
      ['W', 'Won', '2026-10-02 14:05:00', ''],
      ['L', 'Lost', '', d('2026-09-01')],
      ['O', 'Lead', '', ''],
    ],
    stages,
    utc,
  );
  expect(t.deals.map((x) => x.closed)).toEqual([day('2026-10-02'), day('2026-09-01'), null]);
});

describe('a Status column of open/won/lost', () => {
  const rows = [
    ['Deal - Title', 'Deal - Stage', 'Deal - Status'],
    ['A', 'Proposal', 'Open'],
    ['B', 'Negotiation', 'WON'],
    ['C', 'Contacted', 'lost'],
    ['D', 'Qualified', ''],
    ['E', '', 'Won'],
  ];
  test('gives the outcome; Stage tells where a closed deal closed', () => {
    const t = parseDeals(rows, stages, utc);
    expect(t.usesStatus).toBe(true);
    expect(t.deals.map((x) => [x.name, x.stage?.name, x.closedIn?.name ?? null])).toEqual([
      ['A', 'Proposal', null],
      ['B', 'Won', 'Negotiation'],
      ['C', 'Lost', 'Contacted'],
      ['D', 'Qualified', null],
      ['E', 'Won', null],
    ]);
    expect(t.deals.map((x) => (isOpen(x) ? 'open' : isWon(x) ? 'won' : isLost(x) ? 'lost' : '?'))).toEqual([
      'open',
      'won',
      'lost',
      'open',
      'won',
    ]);
    // A won deal with a blank Stage cell is no problem: its outcome is known
    expect(t.problems).toEqual([]);
    // Only the closed deals, as the win rate reads them
    expect(parseDeals(rows, stages, utc, { outcomes: ['Won'] }).deals.map((x) => x.name)).toEqual(['B', 'E']);
  });
  test('other values: Status is the team’s own column and Stage alone decides', () => {
    const t = parseDeals(
      [
        ['Deal', 'Stage', 'Status'],
        ['A', 'Proposal', 'won'],
        ['B', 'Lead', 'On hold'],
      ],
      stages,
      utc,
    );
    expect(t.usesStatus).toBe(false);
    expect(t.deals.map((x) => x.stage?.name)).toEqual(['Proposal', 'Lead']);
  });
});

test('a Probability (%) header makes every number a percentage', () => {
  const t = parseDeals(
    [
      ['Stage', 'Probability (%)'],
      ['Lead', 10],
      ['Lead', 1],
      ['Lead', '40'],
      ['Lead', '75%'],
    ],
    stages,
    utc,
  );
  // 10 → 10 %, 1 → 1 % (not 100 %), "40" → 40 %, "75%" → 75 %
  expect(t.deals.map((x) => x.probability)).toEqual([0.1, 0.01, 0.4, 0.75]);
});
