/**
 * The spreadsheet's calendar, with time-zone offsets that Apps Script itself agrees with.
 *
 * Day counts need the offset of the spreadsheet's zone at each date. `Intl` is fast, but Google
 * does not document which ICU data Apps Script's V8 carries, and an `Intl` without a zone throws
 * or answers UTC. `Utilities.formatDate(d, zone, 'Z')` is Apps Script's own answer (and works in
 * custom functions: Utilities needs no authorisation). So, once per execution and zone, `Intl`
 * is checked against it on probe dates (a winter and a summer one, so a missing DST rule shows):
 * it is used when it agrees, else every offset comes from `Utilities.formatDate`.
 */
import { Calendar, intlZoneOffset, isUtcZone, type ZoneOffset } from '../core/model/dates';

/** Mid-January and mid-July 2026, noon UTC: either side of every northern and southern DST. */
const PROBES = [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)];

/** Per execution (Apps Script loads the script afresh for each): zone → the offsets chosen. */
const decided = new Map<string, ZoneOffset | undefined>();

/** Which source gave the offsets of a zone in this execution (for tests and diagnostics). */
export const offsetSources = new Map<string, 'intl' | 'utilities' | 'none'>();

/** `+0100`, `-0330` (Java's `Z` pattern) → ms; null when unreadable. */
export function parseRfc822Offset(text: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(String(text).trim());
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -minutes : minutes) * 60_000;
}

function utilitiesOffset(timeZone: string): ZoneOffset | null {
  if (typeof Utilities === 'undefined' || !Utilities || typeof Utilities.formatDate !== 'function')
    return null;
  return (ms) => {
    const offset = parseRfc822Offset(Utilities.formatDate(new Date(ms), timeZone, 'Z'));
    if (offset === null) throw new Error(`Utilities.formatDate gave no offset for ${timeZone}`);
    return offset;
  };
}

/** The offsets at the probe dates, or null when the source fails. */
function probe(offset: ZoneOffset | null): number[] | null {
  if (!offset) return null;
  try {
    return PROBES.map(offset);
  } catch {
    return null;
  }
}

/** Chooses the offsets of a zone: Intl when Apps Script agrees with it, else Utilities. */
function chooseOffsets(timeZone: string): ZoneOffset | undefined {
  const intl = intlZoneOffset(timeZone);
  const utilities = utilitiesOffset(timeZone);
  const intlAt = probe(intl);
  const utilitiesAt = probe(utilities);
  let chosen: ZoneOffset | undefined;
  if (utilitiesAt) {
    // Apps Script's own answer is the reference; Intl is used only where it agrees.
    const agree = intlAt?.every((v, i) => v === utilitiesAt[i]) === true;
    chosen = agree ? (intl as ZoneOffset) : (utilities as ZoneOffset);
    offsetSources.set(timeZone, agree ? 'intl' : 'utilities');
  } else if (intlAt) {
    // Outside Apps Script (no Utilities): Intl is all there is.
    chosen = intl as ZoneOffset;
    offsetSources.set(timeZone, 'intl');
  } else offsetSources.set(timeZone, 'none'); // Calendar then raises a clear error, never UTC.
  return chosen;
}

/** A calendar for the spreadsheet's time zone; the offsets' source is decided once per execution. */
export function spreadsheetCalendar(timeZone: string): Calendar {
  const zone = timeZone || 'Etc/UTC';
  if (isUtcZone(zone)) return new Calendar(zone);
  if (!decided.has(zone)) decided.set(zone, chooseOffsets(zone));
  return new Calendar(zone, decided.get(zone));
}
