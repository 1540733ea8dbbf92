import { day } from '../testing';
import { Calendar } from './dates';
import { HistoryIndex, parseHistory } from './history';
import { StageSet } from './stages';
import { isEmail, parseTeam } from './team';

const team = parseTeam([
  ['Email', 'Owner', 'Quota'],
  ['ana@example.com', 'Ana Lopez', '$50,000'],
  ['BEN@example.com', 'Ben', 25000],
  ['', 'Cleo', ''],
  ['', '', ''],
]);

describe('Team', () => {
  test('rows are read by header; blank rows ignored; quota read as an amount', () => {
    expect(team.members).toEqual([
      { owner: 'Ana Lopez', email: 'ana@example.com', quota: 50000 },
      { owner: 'Ben', email: 'BEN@example.com', quota: 25000 },
      { owner: 'Cleo', email: '', quota: null },
    ]);
  });

  test('find by name (case/space-insensitive) or by email (case-insensitive)', () => {
    expect(team.find('ana lopez')?.owner).toBe('Ana Lopez');
    expect(team.find('Ben@Example.com')?.owner).toBe('Ben');
    expect(team.find('Dora')).toBeUndefined();
  });

  test('ownerMatcher: a name matches the member name and email cells; blank matches all', () => {
    const ana = team.ownerMatcher('ANA LOPEZ');
    expect(['Ana Lopez', ' ana lopez ', 'ANA@EXAMPLE.COM', 'Ana', 'Ben'].map(ana)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    const byEmail = team.ownerMatcher('ana@example.com');
    expect(byEmail('Ana Lopez')).toBe(true);
    const nobody = team.ownerMatcher('Dora');
    expect([nobody('dora'), nobody('Ana Lopez')]).toEqual([true, false]);
    expect(team.ownerMatcher('  ')('anyone')).toBe(true);
  });

  test('emailOf: the Owner cell itself when it is an address, else Team', () => {
    expect(team.emailOf('dora@example.org')).toBe('dora@example.org');
    expect(team.emailOf('ben')).toBe('BEN@example.com');
    expect(team.emailOf('Cleo')).toBeNull();
    expect(isEmail('not an email')).toBe(false);
  });

  test('no Team sheet: no members', () => {
    expect(parseTeam([]).members).toEqual([]);
  });
});

describe('parseHistory', () => {
  const stages = StageSet.defaults();
  const rows = [
    ['Via', 'To', 'From', 'Deal', 'Deal ID', 'When', 'Days In Stage', 'Changed By'],
    ['sidebar', 'proposal', 'Lead', 'Acme', 'D-1', '2026-10-05', 4, 'ana@example.com'],
    ['edit', 'Nowhere', 'Proposal', 'Acme', 'D-1', 'yesterday', 'abc', 'ben@example.com'],
    ['import', '', 'Lead', 'Acme', 'D-1', '2026-10-06', '', ''],
    ['import', 'Lead', '', '', '', '2026-10-06', '', ''],
    ['import', 'Lead', '', 'Globex', '', '2026-10-07', -3, ''],
  ];
  const entries = parseHistory(rows, stages, new Calendar('Etc/UTC'));

  test('columns by header; rows without a To stage or a deal are skipped', () => {
    // rows 4 (no To) and 5 (no deal, no ID) are skipped
    expect(entries.map((e) => e.row)).toEqual([2, 3, 6]);
  });

  test('stages resolved case-insensitively; unknown ones kept as text', () => {
    expect(entries[0]).toMatchObject({
      when: day('2026-10-05'),
      dealId: 'D-1',
      deal: 'Acme',
      fromText: 'Lead',
      toText: 'proposal',
      daysInStage: 4,
      changedBy: 'ana@example.com',
      via: 'sidebar',
    });
    expect(entries[0]?.to?.name).toBe('Proposal');
    expect(entries[1]).toMatchObject({ when: null, to: null, toText: 'Nowhere', daysInStage: null });
    // negative Days In Stage is not a stay
    expect(entries[2]?.daysInStage).toBeNull();
  });

  test('HistoryIndex: entries by Deal ID, plus rows without an ID by name (case-insensitive)', () => {
    const index = new HistoryIndex(entries);
    // rows 2 and 3 carry ID D-1; row 6 names Globex without an ID
    expect(index.of('D-1', 'Acme').map((e) => e.row)).toEqual([2, 3]);
    expect(index.of('', 'GLOBEX').map((e) => e.row)).toEqual([6]);
    // an ID with no rows falls back to the name rows
    expect(index.of('G-1', 'globex').map((e) => e.row)).toEqual([6]);
    expect(index.of('Z-9', 'Nobody')).toEqual([]);
    expect([...index.groups()].map((g) => g.length)).toEqual([2, 1]);
  });
});
