import { pipelineOf } from '../testing';
import { checkTable } from './check';
import { totalValue } from './totals';

test('a negative Amount is read as the team typed it, and PIPELINE_CHECK calls it doubtful', () => {
  const pipeline = pipelineOf([
    ['Deal', 'Stage', 'Amount'],
    ['Refund', 'Proposal', -500], // row 2
    ['Credit', 'Lead', '($1,200.00)'], // row 3: accounting negative
    ['Normal', 'Lead', 2000], // row 4
  ]);
  // −500 − 1200 + 2000 = 300: the negative amounts count, as typed
  expect(totalValue(pipeline, { stage: null, owner: '' })).toBe(300);
  expect(checkTable(pipeline)).toEqual([
    ['Row', 'Deal', 'Problem'],
    [2, 'Refund', 'Negative amount'],
    [3, 'Credit', 'Negative amount'],
  ]);
});
