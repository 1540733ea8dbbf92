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
    [{ ...REF, id: 'has space' }, 'The deal ID is not a valid ID.'],
    [{ ...REF, id: 42 }, 'The deal ID must be text.'],
    [{ ...REF, row: 2.5 }, 'The row number is not valid.'],
    [{ ...REF, row: 10_000_001 }, 'The row number is not valid.'],
    [{ ...REF, id: '', name: '' }, 'The request names no deal (no ID and no name).'],
    [{ ...REF, name: 'x'.repeat(501) }, 'The deal name is too long (at most 500 characters).'],
  ])('refuses a bad deal reference %#', (raw, message) => {
    expect(() => readDealRef(raw as Record<string, unknown>)).toThrow(message);
  });

  test.each([
    ['2026-02-29', 'must be a date'],
    ['1899-12-31', 'must be a date'],
    ['2026-1-5', 'must be a date'],
    [20260105, 'must be text'],
  ])('refuses the Closed date %j', (closedOn, message) => {
    expect(() => readMoveRequest({ ...REF, toStage: 'Won', closedOn })).toThrow(message);
  });

  test('numbers must be finite and in range', () => {
    for (const amount of [Number.POSITIVE_INFINITY, Number.NaN, '5', 1e14, -1]) {
      expect(() => readMoveRequest({ ...REF, toStage: 'Won', amount })).toThrow(/final amount/);
    }
    expect(readMoveRequest({ ...REF, toStage: 'Won', amount: '' }).amount).toBeNull();
    expect(() => readUpdateRequest({ ...REF, changes: { probability: 1.01 }, seen: {} })).toThrow(
      'Probability must be between 0 and 1.',
    );
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
