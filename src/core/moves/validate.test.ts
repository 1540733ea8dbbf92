import { readDealRef, readMoveRequest, readSnoozeRequest, readUpdateRequest } from './validate';

const REF = { id: 'D-ACME0001', row: 2, name: 'Acme', expectedStage: 'Lead' };

describe('request validation', () => {
  test('a well-formed move; identifiers trimmed, free text kept as typed', () => {
    expect(readMoveRequest({ ...REF, name: ' Acme ', toStage: ' Won ', amount: 5, lostReason: '' })).toEqual({
      ...REF,
      toStage: 'Won',
      closedOn: '',
      amount: 5,
      lostReason: '',
    });
    expect(readMoveRequest({ ...REF, toStage: 'Lost', lostReason: '\t=1+1' }).lostReason).toBe('\t=1+1');
    expect(readMoveRequest({ ...REF, toStage: 'Lost', lostReason: '   ' }).lostReason).toBe('');
  });

  test.each([
    [{ ...REF, id: 'line\nbreak' }, 'The deal ID holds a line break or tab.'],
    [{ ...REF, id: 'x'.repeat(201) }, 'The deal ID is too long (at most 200 characters).'],
    [{ ...REF, id: 42 }, 'The deal ID must be text.'],
    [{ ...REF, row: 2.5 }, 'The row number is not valid.'],
    [{ ...REF, row: 10_000_001 }, 'The row number is not valid.'],
    [{ ...REF, id: '', name: '' }, 'The request names no deal (no ID and no name).'],
    [{ ...REF, name: 'x'.repeat(501) }, 'The deal name is too long (at most 500 characters).'],
  ])('refuses a bad deal reference %#', (raw, message) => {
    expect(() => readDealRef(raw as Record<string, unknown>)).toThrow(message);
  });

  test.each(['ACME 001', '#1042', 'Ä-17', '2024/001', '15831769824', 'x'.repeat(200)])(
    'any ID text a team uses is valid: %s',
    (id) => {
      expect(readDealRef({ ...REF, id }).id).toBe(id);
    },
  );

  test.each([
    ['2026-02-29', 'must be a date'],
    ['1899-12-31', 'must be a date'],
    ['2026-1-5', 'must be a date'],
    [20260105, 'must be text'],
  ])('refuses the Closed date %j', (closedOn, message) => {
    expect(() => readMoveRequest({ ...REF, toStage: 'Won', closedOn })).toThrow(message);
  });

  test('numbers must be finite and in range', () => {
    for (const amount of [Number.POSITIVE_INFINITY, Number.NaN, 'abc', 1e14, -1e14, true, {}]) {
      expect(() => readMoveRequest({ ...REF, toStage: 'Won', amount })).toThrow(/final amount/);
    }
    expect(readMoveRequest({ ...REF, toStage: 'Won', amount: '' }).amount).toBeNull();
    // A negative final amount (a refund) is the team's data: kept (issue 9).
    expect(readMoveRequest({ ...REF, toStage: 'Won', amount: -1 }).amount).toBe(-1);
    expect(() => readUpdateRequest({ ...REF, changes: { probability: 1.01 }, seen: {} })).toThrow(
      'Probability must be between 0 and 1.',
    );
  });

  // What the sheet reads as an amount (SPEC §1: `$12,500.50`, `12500 USD`), the sidebar takes;
  // expected values worked by hand from the text.
  test.each([
    ['12500', 12500],
    ['$12,500.50', 12500.5],
    ['12500 USD', 12500],
    ['EUR 900', 900],
    ['  7,000  ', 7000],
    ['0', 0],
    // Negative amounts are the team's data (issue 9): saved, and listed by PIPELINE_CHECK.
    ['-5', -5],
    ['(1,200)', -1200],
  ])('reads the amount %j as %d', (typed, value) => {
    expect(readUpdateRequest({ ...REF, changes: { amount: typed }, seen: {} }).changes.amount).toBe(value);
  });

  test.each([
    ['12k', 'Amount "12k" is not an amount the sheet reads: type 12000 instead of 12k.'],
    ['1.5m', 'Amount "1.5m" is not an amount the sheet reads: type 1500000 instead of 1.5m.'],
    ['abc', 'Amount "abc" is not an amount: type a number such as 12500, $12,500.50 or 12500 USD.'],
    ['12,50', 'Amount "12,50" is not an amount'],
    ['-20000000000000', 'Amount "-20000000000000" is too large (at most 10,000,000,000,000).'],
  ])('refuses the amount %j, naming it', (typed, message) => {
    expect(() => readUpdateRequest({ ...REF, changes: { amount: typed }, seen: {} })).toThrow(message);
  });

  test('only a blank field clears the amount', () => {
    expect(readUpdateRequest({ ...REF, changes: { amount: '   ' }, seen: {} }).changes.amount).toBeNull();
    expect(readUpdateRequest({ ...REF, changes: { amount: null }, seen: {} }).changes.amount).toBeNull();
  });

  test('updates take only the editable fields; snooze takes a date or blank', () => {
    expect(
      readUpdateRequest({ ...REF, changes: { amount: null, expectedClose: '' }, seen: {} }).changes,
    ).toEqual({
      amount: null,
      expectedClose: '',
    });
    expect(() => readUpdateRequest({ ...REF, changes: { owner: 'me' }, seen: {} })).toThrow(
      'owner cannot be edited from the sidebar.',
    );
    expect(readSnoozeRequest({ ...REF, until: '' }).until).toBe('');
    expect(() => readSnoozeRequest({ ...REF, until: 'soon' })).toThrow(
      'Snoozed Until must be a date like 2026-11-23.',
    );
    expect(() => readMoveRequest(null)).toThrow('The move request is malformed.');
    expect(() => readMoveRequest([REF])).toThrow('The move request is malformed.');
  });
});
