import { readAmount, readDays, readProbability } from './values';

const num = (value: number) => ({ kind: 'number', value });

describe('readAmount', () => {
  test.each([
    [12500, 12500],
    [0, 0],
    ['12500', 12500],
    ['$12,500.50', 12500.5],
    ['12500 USD', 12500],
    ['USD 12500', 12500],
    ['€1,200', 1200],
    ['£ 3,000', 3000],
    ['EUR 900', 900],
    ['  42  ', 42],
    ['.5', 0.5],
    ['1,234,567.89', 1234567.89],
  ])('%p is %p', (cell, expected) => {
    expect(readAmount(cell)).toEqual(num(expected));
  });

  test('negative amounts: -50 and accounting (1,200)', () => {
    expect(readAmount('-50')).toEqual(num(-50));
    expect(readAmount('(1,200)')).toEqual(num(-1200));
    expect(readAmount('-$300')).toEqual(num(-300));
  });

  test('blank is blank, not 0', () => {
    expect(readAmount('')).toEqual({ kind: 'blank' });
    expect(readAmount('  ')).toEqual({ kind: 'blank' });
    expect(readAmount(null)).toEqual({ kind: 'blank' });
    expect(readAmount(undefined)).toEqual({ kind: 'blank' });
  });

  // any three letters are not a currency code: '5 wks' and '12abc' are not amounts
  test.each(['abc', 'tbd', '12,50', '1.200,50', '12 500', '1e5', '$', '--5', '5 wks', '12abc', 'abc 12'])(
    '%p is unreadable',
    (cell) => {
      expect(readAmount(cell)).toEqual({ kind: 'bad', text: cell });
    },
  );

  test('non-finite numbers and other types are unreadable', () => {
    expect(readAmount(Number.NaN).kind).toBe('bad');
    expect(readAmount(Number.POSITIVE_INFINITY).kind).toBe('bad');
    expect(readAmount(true).kind).toBe('bad');
    expect(readAmount(new Date('2026-11-23T00:00:00Z')).kind).toBe('bad');
  });
});

describe('readProbability: 0.4, 40% and 40 all mean 40 %', () => {
  test.each([
    [0.4, 0.4],
    ['0.4', 0.4],
    ['40%', 0.4],
    ['40 %', 0.4],
    [40, 0.4],
    ['40', 0.4],
    // 1 and 100 are both 100 %; 0 is 0 %
    [1, 1],
    [100, 1],
    ['100%', 1],
    [0, 0],
    ['0%', 0],
    // 12.5 → 12.5 / 100
    ['12.5%', 0.125],
    [12.5, 0.125],
  ])('%p is %p', (cell, expected) => {
    const read = readProbability(cell);
    expect(read.kind).toBe('number');
    expect(read.kind === 'number' && read.value).toBeCloseTo(expected, 10);
  });

  test('blank is blank', () => {
    expect(readProbability('')).toEqual({ kind: 'blank' });
    expect(readProbability(null)).toEqual({ kind: 'blank' });
  });

  test.each(['high', '150%', '-10%', '40%%'])('%p is unreadable', (cell) => {
    expect(readProbability(cell).kind).toBe('bad');
  });

  test('numbers out of range are unreadable', () => {
    // 150 → 150 % > 100 %
    expect(readProbability(150).kind).toBe('bad');
    expect(readProbability(-0.1).kind).toBe('bad');
    expect(readProbability(Number.NaN).kind).toBe('bad');
  });
});

describe('readDays (Stalled After)', () => {
  test('whole days; blank means never', () => {
    expect(readDays(14)).toEqual(num(14));
    expect(readDays('7')).toEqual(num(7));
    expect(readDays(0)).toEqual(num(0));
    expect(readDays('')).toEqual({ kind: 'blank' });
  });

  test('fractions and negatives are unreadable', () => {
    expect(readDays(1.5).kind).toBe('bad');
    expect(readDays(-1).kind).toBe('bad');
    expect(readDays('two weeks').kind).toBe('bad');
  });
});
