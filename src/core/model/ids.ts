/** The IDs the add-on assigns look like this (`D-` and 8 letters/digits); teams' own may be any text. */
export const DEAL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new ID not in `taken`; `random` returns [0, 1) (Math.random in Apps Script). */
export function newDealId(taken: ReadonlySet<string>, random: () => number = Math.random): string {
  for (;;) {
    let id = 'D-';
    for (let i = 0; i < 8; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length) % ALPHABET.length];
    if (!taken.has(id)) return id;
  }
}

/** The longest deal ID accepted: teams' own IDs are short, but a generous limit costs nothing. */
export const MAX_DEAL_ID_LENGTH = 200;

/**
 * Is this a deal ID the add-on accepts? Any non-blank text a team uses (`ACME 001`, `#1042`,
 * `Ä-17`, `2024/001`, a CRM's `15831769824`) up to MAX_DEAL_ID_LENGTH characters, without
 * control characters (a cell's text, trimmed).
 */
export function isDealId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.trim() === value &&
    value.length > 0 &&
    value.length <= MAX_DEAL_ID_LENGTH &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    !/[\u0000-\u001f\u007f]/.test(value)
  );
}
