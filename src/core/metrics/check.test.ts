import { d, pipelineOf } from '../testing';
import { checkTable } from './check';

describe('PIPELINE_CHECK', () => {
  test('lists every row the metrics skip or doubt, in row order', () => {
    const rows: unknown[][] = [
      [
        'Deal ID',
        'Title',
        'Status',
        'Revenue',
        'Date Created',
        'Date Closed',
        'Target Close',
        'Win Probability',
        'Notes',
      ],
      ['D-1', 'Fine', 'Proposal', '$1,000', d('2026-10-01'), '', d('2026-12-01'), '', 'keep'], // row 2: ok
      ['D-2', 'Odd stage', 'Prospecting', 100, '', '', '', '', ''], // row 3
      ['D-3', 'Bad amount', 'Lead', 'abc', '', '', '', '', ''], // row 4
      ['D-4', 'Bad date', 'Lead', 10, 'next week', '', 'soon', '', ''], // row 5: two bad dates
      ['D-5', 'Backwards', 'Lost', 10, d('2026-10-10'), d('2026-10-01'), '', '', ''], // row 6
      ['D-6', 'No close', 'won', 10, d('2026-10-10'), '', '', '', ''], // row 7
      ['D-1', 'Twin', 'Lead', 10, '', '', '', '', ''], // row 8: duplicate of row 2
      ['', '', '', '', '', '', '', '', ''], // row 9: blank, skipped
      ['D-7', '', 'Lead', 10, '', '', '', 'high', ''], // row 10: label falls back to the ID
      ['D-8', 'Won backwards', 'Won', 5, '2026-11-02', '2026-11-01', '', '', ''], // row 11: ISO text, both
      ['D-1', 'Triplet', 'Lead', 10, '', '', '', '', ''], // row 12: duplicate of row 2 again
    ];
    expect(checkTable(pipelineOf(rows))).toEqual([
      ['Row', 'Deal', 'Problem'],
      [
        3,
        'Odd stage',
        'Unknown stage "Prospecting" (stages are: Lead, Qualified, Contacted, Needs Assessment, Proposal, Negotiation, Won, Lost)',
      ],
      [4, 'Bad amount', 'Amount "abc" is not a number'],
      [5, 'Bad date', 'Created "next week" is not a date'],
      [5, 'Bad date', 'Expected Close "soon" is not a date'],
      [6, 'Backwards', 'Closed is before Created'],
      [7, 'No close', 'Won without a Closed date'],
      [8, 'Twin', 'Duplicate ID D-1 (also row 2)'],
      [10, 'D-7', 'Probability "high" is not a percentage'],
      [11, 'Won backwards', 'Closed is before Created'],
      [12, 'Triplet', 'Duplicate ID D-1 (also row 2)'],
    ]);
  });

  test('a lost deal without a reason is listed where the sheet has a Lost Reason column', () => {
    const rows = [
      ['Deal', 'Stage', 'Amount', 'Loss Reason'],
      ['Typed lost', 'LOST', 5, ''], // row 2
      ['With reason', 'Lost', 5, 'Budget'], // row 3
      ['Open', 'Lead', 5, ''], // row 4
    ];
    expect(checkTable(pipelineOf(rows))).toEqual([
      ['Row', 'Deal', 'Problem'],
      [2, 'Typed lost', 'Lost without a reason'],
    ]);
    // No Lost Reason column: nowhere to put a reason, so nothing to list.
    const without = rows.map((r) => r.slice(0, 3));
    expect(checkTable(pipelineOf(without))).toEqual([['Row', 'Deal', 'Problem']]);
  });

  test('a clean sheet: only the header row', () => {
    const rows = [
      ['Stage', 'Amount'],
      ['Lead', 5],
    ];
    expect(checkTable(pipelineOf(rows))).toEqual([['Row', 'Deal', 'Problem']]);
  });

  test('a blank Stage is reported', () => {
    const rows = [
      ['Deal', 'Stage', 'Amount'],
      ['Orphan', '', 5],
    ];
    expect(checkTable(pipelineOf(rows))).toEqual([
      ['Row', 'Deal', 'Problem'],
      [2, 'Orphan', 'Stage is blank'],
    ]);
  });
});
