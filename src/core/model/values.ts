/** Reading numbers out of the cells people actually type. */

export type NumberRead =
  | { kind: 'number'; value: number }
  | { kind: 'blank' }
  | { kind: 'bad'; text: string };

const CURRENCY_SYMBOLS = /[$€£¥₹₩₽₺₪]/g;
/** An ISO 4217 code before or after the number, upper-case as written (`12500 USD`, `EUR 900`). */
const CURRENCY_CODE = /^(?:[A-Z]{3}\s*)?(.*?)(?:\s*[A-Z]{3})?$/;

/** Reads an amount: a number, or text such as `$12,500.50`, `12500 USD`, `EUR 900`, `(1,200)`. */
export function readAmount(value: unknown): NumberRead {
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : bad(value);
  if (value === null || value === undefined) return { kind: 'blank' };
  if (typeof value !== 'string') return bad(value);
  const text = value.trim();
  if (text === '') return { kind: 'blank' };
  let body = text.replace(CURRENCY_SYMBOLS, '').trim();
  const code = CURRENCY_CODE.exec(body);
  body = (code?.[1] ?? body).trim();
  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  if (body.startsWith('-')) {
    negative = !negative;
    body = body.slice(1).trim();
  }
  body = body.replace(CURRENCY_SYMBOLS, '').trim();
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$/.test(body)) return bad(text);
  const parsed = Number(body.replace(/,/g, ''));
  if (!Number.isFinite(parsed)) return bad(text);
  return { kind: 'number', value: negative ? -parsed : parsed };
}

/**
 * Reads a probability: `0.4`, `40%` and `40` all mean 40 %. Returns a fraction 0–1.
 * A number above 1 is read as a percentage; anything outside 0–100 % is unreadable. Under a
 * header that says `%` (`Probability (%)`), every number is a percentage (`1` is 1 %).
 */
export function readProbability(value: unknown, percentHeader = false): NumberRead {
  if (value === null || value === undefined) return { kind: 'blank' };
  let number: number;
  let percent = false;
  if (typeof value === 'number') {
    number = value;
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return { kind: 'blank' };
    percent = text.endsWith('%');
    const body = percent ? text.slice(0, -1).trim() : text;
    if (!/^\d+(?:\.\d+)?$|^\.\d+$/.test(body)) return bad(text);
    number = Number(body);
  } else {
    return bad(value);
  }
  if (!Number.isFinite(number) || number < 0) return bad(value);
  const fraction = percent || percentHeader || number > 1 ? number / 100 : number;
  return fraction <= 1 ? { kind: 'number', value: fraction } : bad(value);
}

/** Reads a whole number of days (Stalled After); blank means "never". */
export function readDays(value: unknown): NumberRead {
  const read = readAmount(value);
  if (read.kind === 'number' && (read.value < 0 || !Number.isInteger(read.value))) return bad(value);
  return read;
}

function bad(value: unknown): NumberRead {
  return { kind: 'bad', text: typeof value === 'string' ? value : String(value) };
}
