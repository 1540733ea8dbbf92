import { chooseDealsSheet, looksLikeDeals, matchHeaders } from './match';

const OWN = ['Stages', 'History', 'Team', 'Dashboard'];

describe('matchHeaders', () => {
  test('aliases in any order, each field once, unknown headers ignored', () => {
    const m = matchHeaders(['Deal Name', 'Notes', 'Value', 'Status', 'Rep', 'Amount (old)', 'value']);
    expect(m.fields.sort()).toEqual(['amount', 'deal', 'owner', 'stage']);
    expect(m.score).toBe(4);
    expect(m.hasStage).toBe(true);
  });

  test('what counts as a deals table', () => {
    expect(looksLikeDeals(matchHeaders(['Status', 'Name']))).toBe(true);
    expect(looksLikeDeals(matchHeaders(['Name', 'Email']))).toBe(false);
    expect(looksLikeDeals(matchHeaders(['Deal', 'Value', 'Close Date']))).toBe(true);
    expect(looksLikeDeals(matchHeaders([]))).toBe(false);
  });
});

describe('chooseDealsSheet', () => {
  test('a sheet called Deals wins, in any case, whatever its headers', () => {
    const choice = chooseDealsSheet(
      [
        { name: 'Opportunities 2026', headers: ['Deal Name', 'Value', 'Status', 'Rep'] },
        { name: 'deals', headers: ['x'] },
      ],
      'Deals',
      OWN,
    );
    expect(choice).toEqual({ kind: 'exact', name: 'deals' });
  });

  test('otherwise the best match; the add-on own sheets and weak matches are skipped', () => {
    const choice = chooseDealsSheet(
      [
        { name: 'Notes', headers: ['Name', 'Text'] },
        { name: 'Leads', headers: ['Name', 'Company', 'Status'] },
        { name: 'Opportunities 2026', headers: ['Deal Name', 'Value', 'Status', 'Rep', 'Close Date'] },
        { name: 'Stages', headers: ['Stage', 'Probability', 'Name', 'Value', 'Owner', 'Created'] },
      ],
      'Deals',
      OWN,
    );
    expect(choice.kind).toBe('best');
    expect(choice.kind === 'best' && choice.name).toBe('Opportunities 2026');
    expect(choice.kind === 'best' && choice.match.score).toBe(5);
  });

  test('ties go to the leftmost sheet; nothing deal-like gives none', () => {
    const a = { name: 'A', headers: ['Deal', 'Stage', 'Owner'] };
    const b = { name: 'B', headers: ['Deal', 'Stage', 'Amount'] };
    expect(chooseDealsSheet([a, b], 'Deals', OWN)).toMatchObject({ kind: 'best', name: 'A' });
    expect(chooseDealsSheet([{ name: 'Sheet1', headers: [] }], 'Deals', OWN)).toEqual({ kind: 'none' });
  });
});
