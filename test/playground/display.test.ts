/**
 * How the playground shows a cell: as Sheets does in the en-US locale, with its number format.
 * Expected texts are what Google Sheets (en-US) displays for these values, written by hand.
 */
import { automaticDate, automaticNumber, cellView } from '../../playground/app';

describe('cells as Sheets (en-US) shows them', () => {
  test('a date with no format: M/D/YYYY, with the time when it is not midnight', () => {
    expect(cellView(new Date('2026-04-11T00:00:00Z'), undefined, 'Etc/UTC').t).toBe('4/11/2026');
    expect(automaticDate(new Date('2026-11-23T09:05:07Z'), 'Etc/UTC')).toBe('11/23/2026 9:05:07');
    // Midnight in New York is 05:00 UTC: still a plain day there.
    expect(automaticDate(new Date('2026-12-01T05:00:00Z'), 'America/New_York')).toBe('12/1/2026');
    expect(cellView(new Date('2026-04-11T00:00:00Z'), undefined, 'Etc/UTC').r).toBe(1);
  });

  test('a date with a format keeps it', () => {
    expect(cellView(new Date('2026-04-11T00:00:00Z'), 'yyyy-mm-dd', 'Etc/UTC').t).toBe('2026-04-11');
  });

  test('a number formatted as currency shows as currency', () => {
    expect(cellView(12500, '$#,##0.00', 'Etc/UTC').t).toBe('$12,500.00');
    expect(cellView(12500.5, '"$"#,##0.00', 'Etc/UTC').t).toBe('$12,500.50');
    expect(cellView(0.46, '0%', 'Etc/UTC').t).toBe('46%');
  });

  test('a number with no format has no floating-point noise', () => {
    expect(cellView(15831253867.999998, undefined, 'Etc/UTC').t).toBe('15831253868');
    expect(automaticNumber(0.1 + 0.2)).toBe('0.3');
    expect(automaticNumber(15831769824)).toBe('15831769824');
    expect(automaticNumber(-1234.5)).toBe('-1234.5');
  });
});
