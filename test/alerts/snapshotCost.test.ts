/**
 * The weekly snapshot's spreadsheet calls (bench/alerts.ts `snapshotBenchOne`, on the built
 * Code.js): the same handful whatever the number of deals, one setValues for the whole block.
 * Time is printed by `npm run bench` (100 and 100,000 deals), not asserted here.
 */
import { snapshotBenchOne } from '../../bench/alerts';
import { DIST } from '../support/code';

const parse = (calls: string) =>
  Object.fromEntries(
    calls.split(' ').map((c) => {
      const [name, n] = c.split('×');
      return [name!, Number(n)];
    }),
  );

test('the snapshot adds the same calls at 100 and 2,000 deals: one write of the block, two small reads, one protection', () => {
  const small = snapshotBenchOne(100, DIST);
  const large = snapshotBenchOne(2000, DIST);
  expect(small.rows).toBeGreaterThan(0);
  expect(large.rows).toBeGreaterThan(1000);
  const expected = {
    'Properties.setProperty': 2, // the day taken, the headline as of the snapshot
    'Protection.setDescription': 1,
    'Protection.setWarningOnly': 1,
    'Range.getNumberFormats': 1, // cellWrite: IDs with digits are at-risk text
    'Range.getValues': 1, // the header row (the last Taken is read only on later weeks)
    'Range.setNumberFormat': 3, // Taken, Probability, Expected Close
    'Range.setValues': 1, // the whole block
    'Sheet.getLastColumn': 1,
    'Sheet.getLastRow': 1,
    'Sheet.getMaxRows': 1,
    'Sheet.getProtections': 1,
    'Sheet.getRange': 5,
    'Sheet.protect': 1,
    'Spreadsheet.getSheetByName': 1,
  };
  expect(parse(small.snapshotCalls)).toEqual(expected);
  // Past the sheet's 1,000 rows: rows are added once (insertRowsAfter) before the one write.
  expect(parse(large.snapshotCalls)).toEqual({
    ...expected,
    'Sheet.getMaxRows': 2,
    'Sheet.insertRowsAfter': 1,
  });
});
