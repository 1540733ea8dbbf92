/**
 * Text is stored exactly as typed (issue 9). The host parses strings written with setValues as
 * Sheets parses typed input (TRUE → boolean, 0012 → 12, 1e3 → 1000, 40% → 0.4, 2026-02-01 and
 * 2/1/2026 → dates, $1,000 → 1000, a leading ' dropped), so every text the built Code.js writes —
 * Next Step, Lost Reason, the ID, name and stages copied into History by the sidebar and by an
 * edit, the IDs Set up fills — must come back identical, in cells of the default format and in
 * cells the team formatted as plain text (`@`). Expected values are the strings themselves.
 */
import { typeInto } from '../../host';
import { call, loadInWorld } from '../support/code';
import { ANA, col, HISTORY_HEADER, historyRows, makeWorld, run } from './support';

const COERCIBLE = [
  'TRUE',
  'false',
  '0012',
  '1e3',
  '40%',
  '2026-02-01',
  '2/1/2026',
  '$1,000',
  "'quoted",
  ' 12 ',
];
const FORMULA_LIKE = ['=1+1', '-2', '+3', '@x'];

type Result = {
  ok: boolean;
  message: string;
  deal: { nextStep: string; lostReason: string; id: string } | null;
  history?: { from: string; to: string }[];
};
const ACME = { id: 'D-ACME0001', row: 2, name: 'Acme renewal', expectedStage: 'Proposal' };

/** Sets a number format as the team would (Format › Number), in an execution of its own. */
function formatAs(world: ReturnType<typeof makeWorld>, a1: string, format: string): void {
  const ctx = loadInWorld(world, { user: ANA });
  const ss = (ctx.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
  ss.getRange(a1).setNumberFormat(format);
  world.endExecution(ctx);
}

/** A cell's stored value and formula, to compare with what was typed. */
function stored(world: ReturnType<typeof makeWorld>, a1: string): { value: unknown; formula: string } {
  return { value: world.cell(a1).value, formula: world.formulaAt(a1) };
}

describe.each([
  ['default format', undefined],
  ['plain-text (@) format', '@'],
])('in cells of the %s', (_name, format) => {
  function world(): ReturnType<typeof makeWorld> {
    const w = makeWorld();
    // The team formatted its Next Step and Lost Reason columns as plain text.
    if (format) formatAs(w, `Deals!${col('Next Step')}2:${col('Lost Reason')}5`, format);
    return w;
  }

  test.each([...COERCIBLE, ...FORMULA_LIKE])('Next Step %j reads back identical', (text) => {
    const w = world();
    const result = run<Result>(w, ANA, 'sidebarUpdate', {
      ...ACME,
      changes: { nextStep: text },
      seen: { nextStep: 'Send proposal' },
    });
    expect(result.ok).toBe(true);
    const a1 = `Deals!${col('Next Step')}2`;
    if (format === '@' && text.startsWith('=')) {
      // The conservative reading: a plain-text cell may still take `=` as a formula, so the
      // write path keeps the apostrophe there: never a formula, the apostrophe then visible.
      expect(stored(w, a1)).toEqual({ value: `'${text}`, formula: '' });
      return;
    }
    expect(stored(w, a1)).toEqual({ value: text, formula: '' });
    expect(result.deal?.nextStep).toBe(text);
  });

  test.each(COERCIBLE)('Lost Reason %j reads back identical', (text) => {
    const w = world();
    const result = run<Result>(w, ANA, 'sidebarMove', { ...ACME, toStage: 'Lost', lostReason: text });
    expect(result.ok).toBe(true);
    expect(stored(w, `Deals!${col('Lost Reason')}2`)).toEqual({ value: text, formula: '' });
  });
});

// IDs the sidebar accepts today (the ID rule is widened in issue 9's "IDs teams use", elsewhere);
// names are trimmed when read, so a padded name is not among them.
const IDS = ['TRUE', 'false', '0012', '1e3', '2026-02-01'];
const NAMES = COERCIBLE.filter((t) => t.trim() === t);

describe('History copies IDs, names and stages as text', () => {
  test.each(NAMES.map((name, i) => [IDS[i % IDS.length]!, name]))(
    'a deal with ID %j and name %j moved by the sidebar, then by an edit',
    (id, text) => {
      const w = makeWorld();
      // The user's own cells: typed with an apostrophe, so they hold the text.
      w.setCell(`Deals!${col('ID')}2`, `'${id}`, 'user');
      w.setCell(`Deals!${col('Deal')}2`, `'${text}`, 'user');
      expect(w.cell(`Deals!${col('ID')}2`).value).toBe(id);
      const moved = run<Result>(w, ANA, 'sidebarMove', {
        ...ACME,
        id,
        name: text,
        toStage: 'Negotiation',
      });
      expect(moved.ok).toBe(true);
      const row = historyRows(w).at(-1) ?? [];
      expect(row.slice(1, 5)).toEqual([id, text, 'Proposal', 'Negotiation']);

      // Typed into Stage: the edit trigger copies them again.
      const ctx = loadInWorld(w, { user: ANA, authMode: 'LIMITED', trigger: 'edit' });
      const event = typeInto(ctx, `Deals!${col('Stage')}2`, 'Won');
      call(ctx, 'onEdit', event);
      w.endExecution(ctx);
      const edited = historyRows(w).at(-1) ?? [];
      expect(edited.slice(1, 5)).toEqual([id, text, 'Negotiation', 'Won']);
      // No History cell became a number, boolean, date or formula.
      expect(
        w
          .sheetFormulas('History')
          .flat()
          .filter((f) => f !== ''),
      ).toEqual([]);
    },
  );

  test('a deal whose ID is 00123 keeps its History (also in a plain-text History)', () => {
    const w = makeWorld();
    formatAs(w, 'History!A2:H50', '@');
    w.setCell(`Deals!${col('ID')}2`, "'00123", 'user');
    w.setSheet('History', [HISTORY_HEADER], { frozenRows: 1 });
    const first = run<Result>(w, ANA, 'sidebarMove', { ...ACME, id: '00123', toStage: 'Negotiation' });
    expect(first.ok).toBe(true);
    expect(historyRows(w).map((r) => r[1])).toEqual(['00123']);
    // Its History is found again by that ID: the sidebar lists the move.
    const items = run<{ from: string; to: string }[]>(w, ANA, 'sidebarHistory', '00123', 'Acme renewal');
    expect(items.map((h) => [h.from, h.to])).toEqual([['Proposal', 'Negotiation']]);
  });
});

describe('stage names are written as text', () => {
  test.each(['1e3', '2026', 'TRUE'])('moving a deal to the team stage %j', (stage) => {
    const w = makeWorld();
    // The team's Stages sheet, typed with apostrophes where Sheets would convert.
    w.setSheet(
      'Stages',
      [
        ['Stage', 'Probability', 'Stalled After (days)', 'Outcome'],
        ['Lead', 0.1, 14, 'Open'],
        ['Qualified', 0.2, 14, 'Open'],
        ['Proposal', 0.6, 10, 'Open'],
        [stage, 0.8, 7, 'Open'],
        ['Won', 1, '', 'Won'],
        ['Lost', 0, '', 'Lost'],
      ],
      { frozenRows: 1 },
    );
    const moved = run<Result>(w, ANA, 'sidebarMove', { ...ACME, toStage: stage });
    expect(moved.ok).toBe(true);
    expect(stored(w, `Deals!${col('Stage')}2`)).toEqual({ value: stage, formula: '' });
    expect(historyRows(w).at(-1)?.slice(3, 5)).toEqual(['Proposal', stage]);
  });
});
