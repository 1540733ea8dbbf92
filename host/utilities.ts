/** Utilities: formatDate (Java patterns in IANA zones), getUuid, sleep (advances the clock), base64. */
import { randomUUID } from 'node:crypto';
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';
import { formatJavaDate } from './format-date';
import { isValidTimeZone } from './tz';
import { isDate } from './values';

function toBytes(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  throw gasError('Invalid argument: data');
}

/** Apps Script byte arrays are signed (-128..127). */
function signedBytes(buf: Buffer): number[] {
  return [...buf].map((b) => (b > 127 ? b - 256 : b));
}

export class UtilitiesFake implements Bound {
  constructor(readonly exec: Execution) {}

  /** Unknown zones fall back to GMT, as Java's TimeZone lookup does. */
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date) || Number.isNaN(date.getTime())) throw gasError('Invalid argument: date');
    const tz = isValidTimeZone(String(timeZone)) ? String(timeZone) : 'GMT';
    return formatJavaDate(date.getTime(), tz, String(format));
  }

  getUuid(): string {
    return randomUUID();
  }

  /** Advances the world clock instead of sleeping (max 300000 ms, like Apps Script). */
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!Number.isFinite(ms) || ms < 0 || ms > 300_000) throw gasError('Invalid argument: milliseconds');
    this.exec.world.clock.advance(ms);
  }

  base64Encode(data: string | number[]): string {
    return toBytes(data).toString('base64');
  }

  base64EncodeWebSafe(data: string | number[]): string {
    return toBytes(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    return signedBytes(Buffer.from(String(encoded), 'base64'));
  }

  base64DecodeWebSafe(encoded: string): number[] {
    return signedBytes(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }

  /** `%s`, `%d`, `%f`-style formatting (sprintf subset). */
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return String(template).replace(
      /%(-?\d*)(?:\.(\d+))?([sdif%])/g,
      (_m, _w, prec: string | undefined, t) => {
        if (t === '%') return '%';
        const arg = args[i++];
        if (t === 's') return String(arg);
        if (t === 'd' || t === 'i') return String(Math.trunc(Number(arg)));
        return prec !== undefined ? Number(arg).toFixed(Number(prec)) : String(Number(arg));
      },
    );
  }
}

instrument(UtilitiesFake, 'Utilities');
