/**
 * Next Step Date from the sidebar (issue 13), on the BUILT Code.js: shown in the selection, saved as
 * a date cell, cleared by a blank, refused on the server when it is not a real day (whatever the
 * client sent), and guarded against someone else's edit like every other field.
 * Now = 2026-01-15 (support.ts); the column is added at the right of the support workbook.
 */
import type { World } from '../../host';
import { thrown } from '../support/code';
import { ANA, d, HEADERS, makeWorld, run } from './support';

const ACME = { id: 'D-ACME0001', row: 2, name: 'Acme renewal', expectedStage: 'Proposal' };
/** Column of Next Step Date: one past the support sheet's last column. */
const NEXT_DATE = String.fromCharCode(65 + HEADERS.length);

function withNextStepDate(world: World): World {
  const rows = world.sheetValues('Deals');
  world.setSheet(
    'Deals',
    rows.map((r, i) => [...r, i === 0 ? 'Next Step Date' : i === 1 ? d('2026-01-20') : '']),
    { frozenRows: 1 },
  );
  return world;
}

type Result = { ok: boolean; message: string; deal: { nextStepDate: string | null } | null };

test('the selection shows it as an ISO day, and it is an editable field', () => {
  const world = withNextStepDate(makeWorld());
  world.select(ANA, 'Deals!A2');
  const view = run<{ deal: { nextStepDate: string | null }; fields: string[] }>(
    world,
    ANA,
    'sidebarSelection',
  );
  expect(view.deal.nextStepDate).toBe('2026-01-20');
  expect(view.fields).toContain('nextStepDate');
});

test('saved as a date cell; a blank clears it', () => {
  const world = withNextStepDate(makeWorld());
  const saved = run<Result>(world, ANA, 'sidebarUpdate', {
    ...ACME,
    changes: { nextStepDate: '2026-02-03' },
    seen: { nextStepDate: '2026-01-20' },
  });
  expect(saved).toMatchObject({ ok: true, message: 'Saved Next Step Date of "Acme renewal".' });
  expect(world.cell(`Deals!${NEXT_DATE}2`).value).toEqual(d('2026-02-03'));
  expect(saved.deal?.nextStepDate).toBe('2026-02-03');
  const cleared = run<Result>(world, ANA, 'sidebarUpdate', {
    ...ACME,
    changes: { nextStepDate: '' },
    seen: {},
  });
  expect(cleared.message).toBe('Cleared Next Step Date of "Acme renewal".');
  expect(world.cell(`Deals!${NEXT_DATE}2`).value).toBe('');
});

test.each([
  ['2026-02-30'], // no such day
  ['next week'],
  ['03/02/2026'],
  ['2026-02-03T00:00'],
])('the server refuses %p, naming the field, and writes nothing', (typed) => {
  const world = withNextStepDate(makeWorld());
  const before = JSON.stringify(world.sheetValues('Deals'));
  const error = thrown(() =>
    run(world, ANA, 'sidebarUpdate', { ...ACME, changes: { nextStepDate: typed }, seen: {} }),
  );
  expect(error?.message).toMatch(/^Next Step Date (must be a date like 2026-11-23|is too long)/);
  expect(JSON.stringify(world.sheetValues('Deals'))).toBe(before);
});

test("someone else's change of the date since the sidebar read it is not overwritten", () => {
  const world = withNextStepDate(makeWorld());
  world.setCell(`Deals!${NEXT_DATE}2`, d('2026-01-25'));
  const result = run<Result>(world, ANA, 'sidebarUpdate', {
    ...ACME,
    changes: { nextStepDate: '2026-02-03' },
    seen: { nextStepDate: '2026-01-20' },
  });
  expect(result.ok).toBe(false);
  expect(result.message).toContain('Next Step Date of "Acme renewal" was changed by someone else');
  expect(world.cell(`Deals!${NEXT_DATE}2`).value).toEqual(d('2026-01-25'));
});

test('a sheet without the column: the field is not editable and a save says which column is missing', () => {
  const world = makeWorld();
  world.select(ANA, 'Deals!A2');
  const view = run<{ fields: string[] }>(world, ANA, 'sidebarSelection');
  expect(view.fields).not.toContain('nextStepDate');
  const error = thrown(() =>
    run(world, ANA, 'sidebarUpdate', { ...ACME, changes: { nextStepDate: '2026-02-03' }, seen: {} }),
  );
  expect(error?.message ?? '').toContain('Next Step Date');
});
