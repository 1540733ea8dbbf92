import { mapColumns } from './columns';
import { cellText, normalizeKey } from './text';
import { readAmount } from './values';

export interface TeamMember {
  readonly owner: string;
  readonly email: string;
  readonly quota: number | null;
}

const TEAM_COLUMNS = {
  owner: ['Owner', 'Name', 'Rep', 'Salesperson'],
  email: ['Email', 'E-mail', 'Email Address'],
  quota: ['Quota', 'Target'],
} as const;

export const TEAM_HEADERS = ['Owner', 'Email', 'Quota'];

/** Reads the optional `Team` sheet; rows without an owner or email are ignored. */
export function parseTeam(rows: readonly (readonly unknown[])[]): Team {
  const members: TeamMember[] = [];
  if (rows.length > 0) {
    const col = mapColumns(rows[0] ?? [], TEAM_COLUMNS).index;
    for (let r = 1; r < rows.length; r++) {
      const row = rows[r] ?? [];
      const owner = col.owner !== undefined ? cellText(row[col.owner]) : '';
      const email = col.email !== undefined ? cellText(row[col.email]) : '';
      if (owner === '' && email === '') continue;
      const quotaRead = col.quota !== undefined ? readAmount(row[col.quota]) : null;
      members.push({ owner, email, quota: quotaRead?.kind === 'number' ? quotaRead.value : null });
    }
  }
  return new Team(members);
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text.trim());
}

/** Owners, their addresses and quotas. Owner names match case- and space-insensitively. */
export class Team {
  readonly members: readonly TeamMember[];
  constructor(members: readonly TeamMember[]) {
    this.members = members;
  }

  /** The member an Owner cell or filter names, by name or by email. */
  find(ownerOrEmail: string): TeamMember | undefined {
    const key = normalizeKey(ownerOrEmail);
    const email = ownerOrEmail.trim().toLowerCase();
    return this.members.find(
      (m) => normalizeKey(m.owner) === key || (m.email !== '' && m.email.toLowerCase() === email),
    );
  }

  /** The address that receives an owner's alerts: the Owner cell itself when it is an address. */
  emailOf(owner: string): string | null {
    if (isEmail(owner)) return owner.trim();
    const member = this.find(owner);
    return member && isEmail(member.email) ? member.email.trim() : null;
  }

  /**
   * A predicate matching Owner cells for an owner filter: the filter itself, and the member's
   * name and email when the filter names a Team member. Blank filter: everything.
   */
  ownerMatcher(filter: string): (owner: string) => boolean {
    const text = filter.trim();
    if (text === '') return () => true;
    const keys = new Set([text.toLowerCase()]);
    const member = this.find(text);
    if (member) {
      if (member.owner) keys.add(member.owner.trim().toLowerCase());
      if (member.email) keys.add(member.email.trim().toLowerCase());
    }
    return (owner) => keys.has(owner.trim().toLowerCase());
  }
}
