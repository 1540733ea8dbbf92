/** Deal IDs the add-on assigns: `D-` and 8 letters/digits, unique within the sheet. */
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

/** Is this a well-formed deal ID (as typed by users or assigned by the add-on)? */
export function isDealId(value: unknown): value is string {
  return typeof value === 'string' && DEAL_ID_PATTERN.test(value);
}
