/** Apps Script enums are modelled as frozen objects whose values are their names (`'BAR'`). */
export function enumOf<const K extends string>(keys: readonly K[]): Readonly<{ [P in K]: P }> {
  return Object.freeze(Object.fromEntries(keys.map((k) => [k, k]))) as { [P in K]: P };
}
