/**
 * Import and export: a CSV made by hand the way Google Sheets exports one (quoting, US-locale and
 * ISO dates, `$12,500.50` currency, `50%`), the .xlsx round trip (dates stay dates, numbers stay
 * numbers, formulas stay formulas), and the metrics of the imported CSV worked out by hand.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { World } from '../../host';
import { Playground } from '../../playground/app';
import {
  csvToSheet,
  csvValue,
  loadIntoWorld,
  parseCsv,
  readXlsx,
  writeXlsx,
} from '../../playground/workbook';
import { d } from '../../src/core/testing';

const CSV = path.resolve(__dirname, 'fixtures/google-sheets-export.csv');
const OUTPUT = path.resolve(__dirname, '../../test-output');
const DIST = path.resolve(__dirname, '../../dist');
const UTC = { timeZone: 'Etc/UTC' };

describe('CSV as Google Sheets exports it', () => {
  test('quoting: commas, doubled quotes and line breaks inside quoted fields', () => {
    const rows = parseCsv(readFileSync(CSV, 'utf8'));
    expect(rows).toHaveLength(11);
    expect(rows.every((r) => r.length === 15)).toBe(true);
    expect(rows[2]?.[1]).toBe('Globex pilot, phase 2');
    expect(rows[2]?.[14]).toBe('Met at the expo, keen');
    expect(rows[3]?.[1]).toBe('Initech "big" deal');
    expect(rows[10]?.[12]).toBe('Call back\nafter budget review');
    expect(parseCsv('a,b\r\n"x ""y""",\r\n')).toEqual([
      ['a', 'b'],
      ['x "y"', ''],
    ]);
  });

  test('values are typed like Sheets imports them', () => {
    expect(csvValue('$12,500.50', UTC)).toBe(12500.5);
    expect(csvValue('-$1,000.00', UTC)).toBe(-1000);
    expect(csvValue('12,500', UTC)).toBe(12500);
    expect(csvValue('50%', UTC)).toBe(0.5);
    expect(csvValue('11/23/2026', UTC)).toEqual(d('2026-11-23'));
    expect(csvValue('23/11/2026', { ...UTC, dateOrder: 'dmy' })).toEqual(d('2026-11-23'));
    expect(csvValue('2026-11-23', UTC)).toEqual(d('2026-11-23'));
    expect(csvValue('2/30/2026', UTC)).toBe('2/30/2026');
    // CRM date-times (HubSpot's `Create Date`), at that wall-clock time in the sheet's zone:
    // 10:12 in London on 15 September (BST, UTC+1) is 09:12 UTC; 09:15:22 on 1 November (GMT) is UTC.
    const london = { timeZone: 'Europe/London' };
    expect(csvValue('2026-09-15 10:12', london)).toEqual(new Date('2026-09-15T09:12:00Z'));
    expect(csvValue('2026-11-01 09:15:22', london)).toEqual(new Date('2026-11-01T09:15:22Z'));
    expect(csvValue('2026-11-01 25:00', london)).toBe('2026-11-01 25:00');
    expect(csvValue('TRUE', UTC)).toBe(true);
    expect(csvValue('D-101', UTC)).toBe('D-101');
    expect(csvValue('=1+1', UTC)).toBe('=1+1');
    const sheet = csvToSheet(readFileSync(CSV, 'utf8'), 'Deals', UTC);
    expect(sheet.rows[1]?.slice(0, 8)).toEqual([
      'D-101',
      'Acme renewal',
      'Acme Corp',
      'Ana',
      12500.5,
      'Proposal',
      '',
      d('2026-09-01'),
    ]);
    expect(sheet.formats?.['2:5']).toBe('$#,##0.00');
  });
});

describe('.xlsx', () => {
  test('round trip: dates stay dates, numbers stay numbers, formulas stay formulas', async () => {
    const world = new World({ timeZone: 'Europe/London' });
    const summer = new Date('2026-06-30T23:00:00Z'); // 1 July 2026, midnight in London
    world.setSheet('Deals', [
      ['Deal', 'Amount', 'Created', 'Note', 'Won?'],
      ['A', 12500.5, summer, '', true],
      ['B', 3, new Date('2026-11-23T00:00:00Z'), '', false],
    ]);
    world.setCell('Deals!D2', "'=text", 'user');
    world.setSheet('Calc', [['=SUM(Deals!B2:B3)']]);
    world.setSheet('History', [
      ['When', 'Deal ID'],
      [new Date('2026-11-20T00:00:00Z'), 'D-1'],
    ]);
    world.removeSheet('Sheet1');
    mkdirSync(OUTPUT, { recursive: true });
    const file = path.join(OUTPUT, 'roundtrip.xlsx');
    await writeXlsx(world, null, file);
    const back = await readXlsx(file, 'Europe/London');
    expect(back.sheets.map((s) => s.name)).toEqual(['Deals', 'Calc', 'History']);
    expect(back.sheets[2]!.rows[1]).toEqual([new Date('2026-11-20T00:00:00Z'), 'D-1']);
    const deals = back.sheets[0]!.rows;
    expect(deals[1]).toEqual(['A', 12500.5, summer, '=text', true]);
    expect(deals[2]).toEqual(['B', 3, new Date('2026-11-23T00:00:00Z'), '', false]);
    expect(deals[1]![2]).toBeInstanceOf(Date);
    expect(back.sheets[1]!.rows[0]).toEqual([{ formula: '=SUM(Deals!B2:B3)' }]);
    // And back into a World: the text that looks like a formula is still text.
    const again = new World({ timeZone: 'Europe/London' });
    loadIntoWorld(again, back);
    expect(again.formulaAt('Deals!D2')).toBe('');
    expect(again.cell('Deals!D2').value).toBe('=text');
    expect(again.formulaAt('Calc!A1')).toBe('=SUM(Deals!B2:B3)');
  });
});

describe('the hand-made CSV in the playground', () => {
  test('Set up adopts it and the Dashboard shows the metrics worked out by hand', () => {
    const sheet = csvToSheet(readFileSync(CSV, 'utf8'), 'Deals', UTC);
    const pg = new Playground({
      data: { sheets: [sheet] },
      now: '2026-11-23T09:00:00Z',
      timeZone: 'Etc/UTC',
      distDir: DIST,
    });
    const metric = (row: number) => pg.bridge.cellValue('Dashboard', row, 2) as number;
    // Open: D-101 12,500.50 · D-102 8,000 · D-106 15,000 · D-109 1,234.56 · D-110 9,999.99
    expect(metric(5)).toBe(5); // Open Deals (PIPELINE_SUMMARY's first row)
    expect(metric(6)).toBeCloseTo(46735.05, 6);
    // Weighted: 12,500.50×0.6 + 8,000×0.1 + 15,000×0.5 (its own 50 %) + 1,234.56×0.2 + 9,999.99×0.3
    expect(metric(7)).toBeCloseTo(7500.3 + 800 + 7500 + 246.912 + 2999.997, 6);
    // Won D-103, D-104, D-108; lost D-105, D-107.
    expect(metric(8)).toBeCloseTo(3 / 5, 10);
    expect(metric(9)).toBeCloseTo(65000 / 3, 6);
    // Cycle days: 30 (Jun 1 → Jul 1), 20 (Aug 1 → 21), 90 (Mar 1 → May 30).
    expect(metric(10)).toBeCloseTo(140 / 3, 6);
    // Velocity: 5 open × 21,666.67 × 0.6 ÷ 46.67 days.
    expect(metric(11)).toBeCloseTo((5 * (65000 / 3) * 0.6) / (140 / 3), 6);
    // Stalled on 23 Nov: D-102 (Lead since Nov 1, 14 days) and D-106 (Negotiation, touched Nov 12, 7 days).
    expect(metric(12)).toBe(2);
    // Set up kept their columns and added the managed ones at the right.
    const header = pg.world.sheetValues('Deals')[0];
    expect(header?.slice(0, 15)).toEqual(parseCsv(readFileSync(CSV, 'utf8'))[0]);
    expect(header).toContain('Stalled Since');
  });
});
