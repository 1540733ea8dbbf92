import type { Day } from '../model/dates';
import type { Team } from '../model/team';
import { MAX_LISTED, type PendingDigest, type StallInfo, utf8Length } from './state';

/** Rows listed in the manager's "every stalled deal" section; the rest are counted per owner. */
export const MAX_SUMMARY_ROWS = 100;

export interface EmailContext {
  readonly spreadsheetName: string;
  readonly url: string;
  /** The deals sheet's gid. */
  readonly sheetId: number;
  readonly today: Day;
}

export interface Email {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export interface Grouped {
  readonly digests: PendingDigest[];
  /** New stalls whose owner has no address (they go to the manager's summary only). */
  readonly unaddressed: number;
}

/**
 * Groups new stalls into one digest per owner address (an Owner cell that is an address, or the
 * owner's `Team` email; addresses compared case-insensitively), one per owner who has no address
 * yet (it waits for one), plus, when there is a manager, one summary digest listing them all.
 */
export function groupNewStalls(stalls: readonly StallInfo[], team: Team, manager: string | null): Grouped {
  const byAddress = new Map<string, { to: string; owner: string; items: [string, Day][] }>();
  let unaddressed = 0;
  for (const s of stalls) {
    const to = team.emailOf(s.deal.owner);
    const owner = s.deal.owner.trim();
    if (to === null) unaddressed++;
    // An owner with no address yet gets a digest that waits for one (Team, or the Owner cell).
    if (to === null && owner === '') continue;
    const key = to === null ? `\u0000owner:${owner.toLowerCase()}` : to.toLowerCase();
    let group = byAddress.get(key);
    if (!group) {
      group = { to: to ?? '', owner: to === null ? owner : '', items: [] };
      byAddress.set(key, group);
    }
    group.items.push([s.key, s.since]);
  }
  const digests: PendingDigest[] = [];
  for (const g of byAddress.values()) digests.push({ ...listed(false, g.to, g.items), owner: g.owner });
  if (manager && stalls.length > 0)
    digests.push(
      listed(
        true,
        '',
        stalls.map((s) => [s.key, s.since]),
      ),
    );
  return { digests, unaddressed };
}

function listed(manager: boolean, to: string, items: [string, Day][]): PendingDigest {
  return {
    manager,
    to,
    items: items.slice(0, MAX_LISTED),
    more: Math.max(0, items.length - MAX_LISTED),
    attempts: 0,
  };
}

/**
 * The digest's deals as they are now: items whose deal is still stalled since the same day
 * (a deal that moved on or was touched since is no longer news). Ordered by row.
 */
export function resolveItems(digest: PendingDigest, current: ReadonlyMap<string, StallInfo>): StallInfo[] {
  const out: StallInfo[] = [];
  for (const [key, since] of digest.items) {
    const s = current.get(key);
    if (s && s.since === since) out.push(s);
  }
  return out.sort((a, b) => a.deal.row - b.deal.row);
}

/** What one email body may weigh (plain + HTML, UTF-8): under MailApp's 200 KB, with room to spare. */
export const BODY_BUDGET_BYTES = 180_000;

export function bodyBytes(email: Email): number {
  return utf8Length(email.text) + utf8Length(email.html);
}

/**
 * The largest email `build(n)` (n = deals listed, the rest counted) within `budget` bytes:
 * starts at `count` and lists fewer until it fits (never fewer than none).
 */
export function fitEmail(build: (listed: number) => Email, count: number, budget = BODY_BUDGET_BYTES): Email {
  let n = count;
  let email = build(n);
  while (n > 0 && bodyBytes(email) > budget) {
    const size = bodyBytes(email);
    n = Math.min(n - 1, Math.floor((n * budget) / size));
    email = build(Math.max(0, n));
  }
  return email;
}
