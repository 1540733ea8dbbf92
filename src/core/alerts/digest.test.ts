import { formatAmount, managerSummaryEmail, ownerDigestEmail, rowLink } from '../../views/digestEmails';
import { parseTeam } from '../model/team';
import { day, pipeline, TODAY } from '../testing';
import { groupNewStalls, resolveItems } from './digest';
import type { StallInfo } from './state';

const CTX = { spreadsheetName: 'Q4 <Pipeline>', url: 'https://sheet/edit', sheetId: 7, today: TODAY };
const TEAM = parseTeam([
  ['Owner', 'Email'],
  ['Ben', 'ben@x.com'],
]);

function stalls(): StallInfo[] {
  const p = pipeline([
    {
      id: 'A',
      deal: 'Alpha',
      company: 'Co',
      owner: 'ana@x.com',
      amount: 1234567.891,
      stage: 'Proposal',
      stageEntered: '2026-11-01',
    },
    { id: 'B', deal: 'Bravo', owner: 'Ben', stage: 'Proposal', stageEntered: '2026-11-02' },
    { id: 'C', deal: '<b>Charlie</b>', owner: 'Ana@X.com', stage: 'Proposal', stageEntered: '2026-11-03' },
    { id: 'Z', deal: 'Zulu', owner: 'Zed', stage: 'Proposal', stageEntered: '2026-11-04' },
  ]);
  return p.deals.map((deal, i) => ({ key: deal.id, deal, since: day('2026-11-12') + i }));
}

test('grouped per owner address (case-insensitive); the manager gets them all', () => {
  const g = groupNewStalls(stalls(), TEAM, 'boss@x.com');
  expect(g.unaddressed).toBe(1);
  // Issue 10: Zed has no address: his digest waits for one (to blank, owner Zed) instead of
  // being left out.
  expect(g.digests.map((d) => [d.manager, d.to, d.owner ?? '', d.items.map(([k]) => k)])).toEqual([
    [false, 'ana@x.com', '', ['A', 'C']],
    [false, 'ben@x.com', '', ['B']],
    [false, '', 'Zed', ['Z']],
    [true, '', '', ['A', 'B', 'C', 'Z']],
  ]);
  expect(groupNewStalls(stalls(), TEAM, null).digests).toHaveLength(3);
  expect(groupNewStalls([], TEAM, 'boss@x.com').digests).toHaveLength(0);
});

test('resolveItems keeps only deals still stalled since the same day', () => {
  const all = stalls();
  const current = new Map(all.map((s) => [s.key, s]));
  const d = {
    manager: false,
    to: 'a',
    items: [
      ['C', day('2026-11-14')],
      ['A', day('2026-11-01')],
      ['B', day('2026-11-13')],
    ] as const,
    more: 0,
    attempts: 0,
  };
  expect(resolveItems(d, current).map((s) => s.key)).toEqual(['B', 'C']);
});

test('owner digest: subject counts, every value escaped in HTML, link to the row', () => {
  const [a, , c] = stalls();
  const email = ownerDigestEmail([a!, c!], 3, CTX);
  expect(email.subject).toBe('5 deals stalled in Q4 <Pipeline>');
  expect(email.html).toContain('&lt;b&gt;Charlie&lt;/b&gt;');
  expect(email.html).not.toContain('<b>Charlie');
  expect(email.html).toContain('Q4 &lt;Pipeline&gt;');
  expect(email.html).toContain('<a href="https://sheet/edit#gid=7&amp;range=A2">Alpha</a>');
  expect(email.text).toContain(
    '- Alpha (Co)\n  Stage: Proposal, days in stage / limit: 22 / 10, amount: 1,234,567.89',
  );
  expect(email.text).toContain('Stalled since 2026-11-12: https://sheet/edit#gid=7&range=A2');
  expect(email.text).toContain('...and 3 more stalled deals');
  // 2 listed + 3 counted = 5; "of your deals" is already plural.
  expect(email.text.split('\n')[0]).toBe('5 of your deals in Q4 <Pipeline> have stalled:');
  expect(ownerDigestEmail([a!], 0, CTX).text.split('\n')[0]).toBe(
    '1 of your deals in Q4 <Pipeline> has stalled:',
  );
  expect(rowLink(CTX, 42)).toBe('https://sheet/edit#gid=7&range=A42');
});

test('manager summary: new ones by owner, then every stalled deal by owner', () => {
  const all = stalls();
  const email = managerSummaryEmail([all[3]!], 0, all, TEAM, CTX);
  expect(email.subject).toBe('Pipeline summary: 1 deal newly stalled, 4 stalled in all in Q4 <Pipeline>');
  expect(email.text).toContain('Zed: no email address (add the owner to the Team sheet):\n- Zulu');
  expect(email.text).toContain('ana@x.com (2 stalled):');
  expect(email.text).toContain('Ben <ben@x.com> (1 stalled):');
  expect(email.html).not.toContain('<b>Charlie');
});

test('formatAmount', () => {
  expect(formatAmount(12500)).toBe('12,500');
  expect(formatAmount(12500.5)).toBe('12,500.5');
  expect(formatAmount(-1234.567)).toBe('-1,234.57');
  expect(formatAmount(0)).toBe('0');
  expect(formatAmount(null)).toBe('');
});
