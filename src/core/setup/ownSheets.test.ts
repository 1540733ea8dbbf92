import { chooseOwnSheet, chooseRangeName, fitsOwnSheet, isWholeColumnsFromA } from './ownSheets';

test('which header rows are the add-on kind of sheet', () => {
  expect(fitsOwnSheet('history', ['When', 'Deal ID', 'Deal', 'From', 'To'])).toBe(true);
  expect(fitsOwnSheet('history', ['To', 'Deal'])).toBe(true); // any order, enough to read
  expect(fitsOwnSheet('history', ['Year', 'Event'])).toBe(false);
  expect(fitsOwnSheet('stages', ['Stage', 'Probability'])).toBe(true);
  expect(fitsOwnSheet('stages', ['Step', 'Description'])).toBe(false);
  expect(fitsOwnSheet('stages', ['Name', 'Owner'])).toBe(false); // a name alone is not a stage list
  expect(fitsOwnSheet('team', ['Owner', 'Email', 'Quota'])).toBe(true);
  expect(fitsOwnSheet('team', ['Player', 'Position'])).toBe(false);
  expect(fitsOwnSheet('snapshots', ['Taken', 'Deal ID'])).toBe(true);
  expect(fitsOwnSheet('history', ['', ''])).toBe(true); // blank: free to use
});

test('a team sheet with the add-on name is kept; the next free name is used', () => {
  const theirs = { name: 'history', headers: ['Year', 'Event'], empty: false };
  expect(chooseOwnSheet('history', [theirs])).toEqual({
    kind: 'history',
    name: 'Pipeline History',
    create: true,
    keptAsYours: ['history'],
  });
  const ours = { name: 'Pipeline History', headers: ['When', 'Deal ID', 'To'], empty: false };
  expect(chooseOwnSheet('history', [theirs, ours])).toMatchObject({
    name: 'Pipeline History',
    create: false,
  });
  expect(chooseOwnSheet('stages', [{ name: 'Stages', headers: [], empty: true }])).toMatchObject({
    name: 'Stages',
    create: false,
    keptAsYours: [],
  });
});

test('a named range is the add-on only in its own shape, on its own sheet', () => {
  expect(isWholeColumnsFromA('A:R')).toBe(true);
  expect(isWholeColumnsFromA('A1:B3')).toBe(false);
  expect(isWholeColumnsFromA('B:R')).toBe(false);
  expect(chooseRangeName('deals', 'Deals', null)).toEqual({
    kind: 'deals',
    name: 'DEALS',
    keptAsYours: null,
  });
  expect(chooseRangeName('deals', 'Deals', { sheet: 'deals', a1: 'A:P' }).name).toBe('DEALS');
  const elsewhere = { sheet: 'Summary', a1: 'A1:B3' };
  expect(chooseRangeName('deals', 'Deals', elsewhere)).toEqual({
    kind: 'deals',
    name: 'PIPELINE_DEALS',
    keptAsYours: elsewhere,
  });
  expect(chooseRangeName('history', 'History', { sheet: 'Other', a1: 'A:H' }).name).toBe('PIPELINE_HISTORY');
});
