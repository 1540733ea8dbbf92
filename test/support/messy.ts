/**
 * fast-check arbitraries for messy real-world deal sheets: aliased headers in any order, extra
 * columns, blank rows, currency text, ISO and nonsense dates, unknown stages, odd probabilities.
 */
import fc from 'fast-check';

const HEADER_CHOICES: readonly (readonly string[])[] = [
  ['ID', 'Deal ID', 'id'],
  ['Deal', 'Deal Name', 'Opportunity', 'TITLE'],
  ['Company', 'Account', 'Client'],
  ['Owner', 'Rep', 'Sales Rep', 'assigned to'],
  ['Amount', 'Value', 'Deal Size', 'revenue'],
  ['Stage', 'Status', 'Deal Stage', 'pipeline_stage'],
  ['Probability', 'Win Probability'],
  ['Created', 'Created On', 'Date Created'],
  ['Stage Entered', 'In Stage Since'],
  ['Expected Close', 'Close Date', 'Target Close'],
  ['Closed', 'Closed On', 'Date Closed'],
  ['Last Activity', 'Last Touch'],
  ['Next Step'],
  ['Lost Reason'],
  ['Snoozed Until', 'Snooze'],
  ['Stalled Since'],
];
const EXTRA_HEADERS = ['Notes', 'Region', '', 'Source', 'Amount (old)'];

const stageText = fc.oneof(
  fc.constantFrom(
    'Lead',
    'Qualified',
    'contacted',
    'Needs Assessment',
    'PROPOSAL',
    'Negotiation',
    'Won',
    'lost',
    ' Won ',
  ),
  fc.constantFrom('', 'Closing', 'n/a', '=1+1'),
  fc.string({ maxLength: 8 }),
);
const dateValue = fc.oneof(
  fc.date({
    min: new Date('2024-01-01T00:00:00Z'),
    max: new Date('2027-12-31T00:00:00Z'),
    noInvalidDate: true,
  }),
  fc.constantFrom('2026-11-23', '2026-02-30', 'next week', '', '2026-13-01', '11/23/2026'),
  fc.integer({ min: -5, max: 50000 }),
  fc.constant(new Date(Number.NaN)),
);
const amountValue = fc.oneof(
  fc.double({ min: -1e9, max: 1e12, noNaN: true }),
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.constantFrom('$12,500.50', '12500 USD', '€1,200', 'abc', '', '(300)', '1e400', '-', '$'),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
);
const probabilityValue = fc.oneof(
  fc.constantFrom('', '40%', '0.4', '40', '150%', '-3', 'high'),
  fc.double({ min: -2, max: 200, noNaN: true }),
);
const anyCell = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(''));

const FIELD_VALUE: readonly fc.Arbitrary<unknown>[] = [
  fc.oneof(fc.constantFrom('D-1', 'D-2', 'D-3', ''), fc.string({ maxLength: 6 })),
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('Ana', 'ana', 'ben@example.com', '', 'Ben Okafor', 'Chloé'),
  amountValue,
  stageText,
  probabilityValue,
  dateValue,
  dateValue,
  dateValue,
  dateValue,
  dateValue,
  fc.string({ maxLength: 10 }),
  fc.string({ maxLength: 10 }),
  dateValue,
  dateValue,
];

/** A messy deals table: header row (Stage always present) then rows, some blank. */
export const messyDeals: fc.Arbitrary<unknown[][]> = fc
  .record({
    include: fc.array(fc.boolean(), { minLength: HEADER_CHOICES.length, maxLength: HEADER_CHOICES.length }),
    aliases: fc.array(fc.nat(), { minLength: HEADER_CHOICES.length, maxLength: HEADER_CHOICES.length }),
    extras: fc.subarray(EXTRA_HEADERS),
    order: fc.nat(),
    rowCount: fc.integer({ min: 0, max: 25 }),
  })
  .chain(({ include, aliases, extras, order, rowCount }) => {
    const columns: { header: string; field: number | null }[] = [];
    HEADER_CHOICES.forEach((names, field) => {
      if (field === 5 || include[field]) {
        columns.push({ header: names[(aliases[field] ?? 0) % names.length] as string, field });
      }
    });
    for (const extra of extras) columns.push({ header: extra, field: null });
    // Rotate so the columns come in an odd order.
    const shift = columns.length > 0 ? order % columns.length : 0;
    const ordered = [...columns.slice(shift), ...columns.slice(0, shift)];
    const row = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.tuple(
          ...ordered.map((c) =>
            c.field === null ? anyCell : (FIELD_VALUE[c.field] as fc.Arbitrary<unknown>),
          ),
        ),
      },
      { weight: 1, arbitrary: fc.constant(ordered.map(() => '')) },
    );
    return fc
      .array(row, { minLength: rowCount, maxLength: rowCount })
      .map((rows) => [ordered.map((c) => c.header), ...rows.map((r) => [...r])]);
  });

/** A messy History table. */
export const messyHistory: fc.Arbitrary<unknown[][]> = fc
  .array(
    fc.tuple(
      dateValue,
      fc.constantFrom('D-1', 'D-2', 'D-3', ''),
      fc.string({ maxLength: 6 }),
      stageText,
      stageText,
      fc.oneof(fc.integer({ min: -3, max: 90 }), fc.constantFrom('', 'x')),
      fc.string({ maxLength: 5 }),
      fc.constantFrom('sidebar', 'edit', ''),
    ),
    { maxLength: 20 },
  )
  .map((rows) => [
    ['When', 'Deal ID', 'Deal', 'From', 'To', 'Days In Stage', 'Changed By', 'Via'],
    ...rows.map((r) => [...r]),
  ]);

/** Argument values a user might type into the non-table arguments. */
export const messyArgument: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '',
    'Ana',
    'Proposal',
    'won',
    'Closing',
    '2026-12',
    '2026-01-01',
    'next week',
    '50000',
    'abc',
  ),
  fc.date({
    min: new Date('2025-01-01T00:00:00Z'),
    max: new Date('2027-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  fc.integer({ min: -10, max: 1_000_000 }),
  fc.constant(undefined),
);

/** A messy Snapshots table: mostly real snapshot days, now and then a Taken cell nobody can read. */
export const messySnapshots: fc.Arbitrary<unknown[][]> = fc
  .array(
    fc.tuple(
      fc.oneof(
        {
          weight: 9,
          arbitrary: fc.constantFrom('2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16'),
        },
        { weight: 1, arbitrary: dateValue },
      ),
      fc.constantFrom('D-1', 'D-2', 'D-3', ''),
      fc.string({ maxLength: 6 }),
      fc.constantFrom('Ana', ''),
      stageText,
      amountValue,
      probabilityValue,
      dateValue,
    ),
    { maxLength: 20 },
  )
  .map((rows) => [
    ['Taken', 'Deal ID', 'Deal', 'Owner', 'Stage', 'Amount', 'Probability', 'Expected Close'],
    ...rows.map((r) => [...r]),
  ]);
