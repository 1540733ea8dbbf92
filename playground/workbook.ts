/**
 * Getting a workbook into the playground's World and back out: the shipped demo (JSON), a CSV as
 * Google Sheets exports it, and .xlsx files (ExcelJS) both ways. Dates stay dates, numbers stay
 * numbers, formulas stay formulas.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { type CellValue, columnToLetters, isDate, type World, zonedParts, zonedTimeToUtc } from '../host';
import { type FormulaBridge, isDateFormat } from './formulas';

/** A formula cell in SheetData (a string is always text, even one starting with `=`). */
export interface FormulaCell {
  formula: string;
}

export function isFormulaCell(v: unknown): v is FormulaCell {
  return typeof v === 'object' && v !== null && 'formula' in v && typeof v.formula === 'string';
}

/** One sheet of plain data: Dates for dates, numbers, text, booleans, `{ formula }` for formulas. */
export interface SheetData {
  name: string;
  rows: unknown[][];
  /** Number formats by A1-less position `r:c` (1-based), kept for a round trip. */
  formats?: Record<string, string>;
}

export interface WorkbookData {
  sheets: SheetData[];
}

// ---- the demo ----

export const DEMO_FILE = path.resolve('playground/demo/workbook.json');

export interface DemoFile {
  /** The day the demo's dates are relative to; the playground clock starts on it. */
  today: string;
  timeZone: string;
  sheets: { name: string; rows: unknown[][] }[];
}

/** JSON cells: `{ "date": "2026-11-23" }` is a date (midnight in the demo's time zone). */
export function decodeDemo(file: DemoFile): WorkbookData {
  const decode = (v: unknown): unknown => {
    if (typeof v === 'object' && v !== null && 'date' in v) {
      const [y, m, d] = String((v as { date: string }).date)
        .split('-')
        .map(Number) as [number, number, number];
      return new Date(zonedTimeToUtc(y, m, d, 0, 0, 0, file.timeZone));
    }
    return v;
  };
  return { sheets: file.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map(decode)) })) };
}

export function readDemo(file = DEMO_FILE): DemoFile {
  return JSON.parse(readFileSync(file, 'utf8')) as DemoFile;
}

/** Replaces the World's sheets with the workbook's (the first-sheet placeholder is removed). */
export function loadIntoWorld(world: World, data: WorkbookData): void {
  const placeholder = world.spreadsheet().sheets.map((s) => s.name);
  for (const sheet of data.sheets) {
    const model = world.setSheet(sheet.name, [], { frozenRows: 1 });
    sheet.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (isFormulaCell(v)) model.setContent(r + 1, c + 1, { value: '', formula: v.formula });
        else if (v !== '' && v !== null && v !== undefined) {
          model.setContent(r + 1, c + 1, { value: isDate(v) ? new Date(v) : (v as CellValue) });
        }
      });
    });
    for (const [key, format] of Object.entries(sheet.formats ?? {})) {
      const [r, c] = key.split(':').map(Number) as [number, number];
      const cell = model.cell(r, c);
      if (cell) cell.numberFormat = format;
    }
  }
  const kept = new Set(data.sheets.map((s) => s.name.toLowerCase()));
  for (const name of placeholder) if (!kept.has(name.toLowerCase())) world.removeSheet(name);
}

// ---- CSV (as Google Sheets exports it) ----

/** RFC 4180 as Sheets writes it: `,` separated, `"` quoted with `""` inside, CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export type DateOrder = 'mdy' | 'dmy';

export interface CsvOptions {
  /** Spreadsheet time zone the dates are in. */
  timeZone: string;
  /** How `11/23/2026` is read: US locale (mdy, the default) or most others (dmy). */
  dateOrder?: DateOrder;
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const CURRENCY = /^(-)?[$€£¥]\s?([\d,]+(?:\.\d+)?)$|^(-)?([\d,]+(?:\.\d+)?)\s?[$€£¥]$/;
const PERCENT = /^([+-]?\d+(?:\.\d+)?)\s?%$/;
/** `2026-11-23`, and the date-times CRMs export (`2026-10-01 09:15`, `2026-10-01 09:15:22`). */
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A CSV field as Sheets reads it when importing (File › Import, "convert text to numbers, dates
 * and formulas"): `12500`, `12,500.50`, `$12,500.50` → numbers; `40%` → 0.4; `2026-11-23`,
 * `2026-11-23 09:15(:22)` (at that wall-clock time in the spreadsheet's zone) and `11/23/2026` → Dates; `TRUE`/`FALSE` → booleans; everything else text. A leading `=` is NOT taken
 * as a formula (the playground never runs formulas from an imported CSV).
 */
export function csvValue(text: string, options: CsvOptions): CellValue {
  const t = text.trim();
  if (t === '') return '';
  if (NUMBER.test(t)) return Number(t.replace(/,/g, ''));
  const cur = CURRENCY.exec(t);
  if (cur) {
    const n = Number((cur[2] ?? cur[4] ?? '').replace(/,/g, ''));
    if (Number.isFinite(n)) return cur[1] || cur[3] ? -n : n;
  }
  const pct = PERCENT.exec(t);
  if (pct) return Number(pct[1]) / 100;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  let ymd: [number, number, number] | null = null;
  let hms: [number, number, number] = [0, 0, 0];
  const iso = ISO.exec(t);
  if (iso) {
    ymd = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (iso[4] !== undefined) {
      hms = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)];
      if (hms[0] > 23 || hms[1] > 59 || hms[2] > 59) return text;
    }
  }
  const sl = SLASHED.exec(t);
  if (sl) {
    const a = Number(sl[1]);
    const b = Number(sl[2]);
    ymd = options.dateOrder === 'dmy' ? [Number(sl[3]), b, a] : [Number(sl[3]), a, b];
  }
  if (ymd) {
    const [y, m, d] = ymd;
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d) {
      return new Date(zonedTimeToUtc(y, m, d, hms[0], hms[1], hms[2], options.timeZone));
    }
  }
  return text;
}

/** A CSV export as one sheet: the header row as text, the rest typed like Sheets' import. */
export function csvToSheet(text: string, name: string, options: CsvOptions): SheetData {
  const rows = parseCsv(text).filter((r, i) => i === 0 || r.some((f) => f.trim() !== ''));
  const [header = [], ...body] = rows;
  const typed = body.map((r) => r.map((f) => csvValue(f, options)));
  const formats: Record<string, string> = {};
  body.forEach((r, i) => {
    r.forEach((f, j) => {
      const t = f.trim();
      if (CURRENCY.test(t)) formats[`${i + 2}:${j + 1}`] = '$#,##0.00';
      else if (PERCENT.test(t)) formats[`${i + 2}:${j + 1}`] = '0%';
    });
  });
  return { name, rows: [header, ...typed], formats };
}

// ---- .xlsx ----

function excelDateToCell(d: Date, timeZone: string): Date {
  // ExcelJS reads a date cell as the UTC instant of its wall time: move it to the spreadsheet zone.
  return new Date(
    zonedTimeToUtc(
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      timeZone,
    ),
  );
}

function cellToExcelDate(d: Date, timeZone: string): Date {
  const p = zonedParts(d.getTime(), timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/**
 * ExcelJS refuses a worksheet named "History" (Excel reserves it), both when writing and when
 * reading a file that has one. Google Sheets, where these files go, allows it and the add-on needs
 * it, so the guard is lifted for that one name while `run` works.
 */
async function allowingHistory<T>(run: () => Promise<T>): Promise<T> {
  const proto = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet('probe')) as object;
  const original = Object.getOwnPropertyDescriptor(proto, 'name');
  if (!original?.set) return run();
  const set = original.set;
  Object.defineProperty(proto, 'name', {
    ...original,
    set(this: { _name: string }, name: unknown) {
      if (name === 'History') this._name = name;
      else set.call(this, name);
    },
  });
  try {
    return await run();
  } finally {
    Object.defineProperty(proto, 'name', original);
  }
}

/** Every worksheet of an .xlsx: values typed, formulas kept as `{ formula }`, number formats kept. */
export async function readXlsx(file: string, timeZone: string): Promise<WorkbookData> {
  const wb = new ExcelJS.Workbook();
  await allowingHistory(() => wb.xlsx.readFile(file));
  const sheets: SheetData[] = [];
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    const formats: Record<string, string> = {};
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const line: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        line[c - 1] = excelValue(cell.value, timeZone);
        const fmt = cell.numFmt;
        if (fmt && fmt !== 'General') formats[`${r}:${c}`] = fmt;
      });
      rows[r - 1] = Array.from(line, (v) => v ?? '');
    });
    sheets.push({ name: ws.name, rows: Array.from(rows, (r) => r ?? []), formats });
  });
  return { sheets };
}

function excelValue(v: ExcelJS.CellValue, timeZone: string): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return excelDateToCell(v, timeZone);
  if (typeof v === 'object') {
    if ('formula' in v && typeof v.formula === 'string') return { formula: `=${v.formula}` };
    if ('sharedFormula' in v) return (v as { result?: unknown }).result ?? '';
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return String(v.error);
    return '';
  }
  return v;
}

/**
 * Writes the World as .xlsx: values with their types and number formats (dates get a date format
 * so they open as dates), formulas with their current result, frozen header rows.
 */
export function writeXlsx(world: World, bridge: FormulaBridge | null, file: string): Promise<void> {
  return allowingHistory(() => writeWorkbook(world, bridge, file));
}

async function writeWorkbook(world: World, bridge: FormulaBridge | null, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sheets Pipeline playground';
  const tz = world.spreadsheet().timeZone;
  for (const sheet of world.spreadsheet().sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views: sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [],
    });
    for (let r = 1; r <= sheet.lastRow(); r++) {
      for (let c = 1; c <= sheet.lastCol(); c++) {
        const cell = sheet.cell(r, c);
        if (!cell) continue;
        const target = ws.getCell(r, c);
        if (cell.formula !== undefined) {
          const result = bridge?.cellValue(sheet.name, r, c);
          const plain =
            result === undefined || (typeof result === 'object' && !isDate(result))
              ? undefined
              : isDate(result)
                ? cellToExcelDate(result, tz)
                : result;
          target.value = {
            formula: cell.formula.replace(/^=/, ''),
            result: plain,
          } as ExcelJS.CellFormulaValue;
        } else if (cell.value === '') continue;
        else if (isDate(cell.value)) {
          target.value = cellToExcelDate(cell.value, tz);
          target.numFmt = isDateFormat(cell.numberFormat) ? (cell.numberFormat as string) : 'yyyy-mm-dd';
          continue;
        } else target.value = cell.value;
        if (cell.numberFormat) target.numFmt = cell.numberFormat;
        if (cell.fontWeight === 'bold') target.font = { bold: true };
      }
    }
  }
  // Named ranges (DEALS, HISTORY) as defined names, so the formulas still resolve in Sheets/Excel.
  for (const [name, ref] of world.spreadsheet().namedRanges) {
    const sheet = world.spreadsheet().sheetOf(ref);
    const bottom = ref.openRows ? sheet.maxRows : ref.row + ref.numRows - 1;
    const a1 = `'${sheet.name.replace(/'/g, "''")}'!$${columnToLetters(ref.col)}$${ref.row}:$${columnToLetters(ref.col + ref.numCols - 1)}$${bottom}`;
    wb.definedNames.add(a1, name);
  }
  await wb.xlsx.writeFile(file);
}
