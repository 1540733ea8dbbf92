/**
 * Day counts never silently fall back to UTC (issue 10 §1). The built Code.js runs in a host
 * whose `Intl` is right, throws for the zone (an engine without its ICU data), answers UTC for it
 * (silently wrong), or is absent; every time the days are Berlin's, because Intl is used only
 * when `Utilities.formatDate(d, zone, 'Z')` agrees with it on the probe dates, decided once per
 * execution. Runs as a custom function (Utilities needs no authorisation there).
 */
import { World } from '../../host';
import { call, loadInWorld, thrown } from '../support/code';

const ZONE = 'Europe/Berlin';
const HEADERS = ['ID', 'Deal', 'Owner', 'Amount', 'Stage', 'Created', 'Closed'];
// Worked by hand. Created 2026-03-01T23:30Z is 00:30 on 2 March in Berlin (UTC+1 in winter);
// Closed 2026-03-10T12:00Z is 10 March in both. Berlin: 2 → 10 March = 8 days (UTC would say 9).
// Second deal: Created 2026-06-30T22:30Z is 00:30 on 1 July in Berlin (UTC+2 in summer),
// Closed 2026-07-21T21:59Z is 23:59 on 21 July: 1 → 21 July = 20 days (UTC would say 21).
// Mean cycle in Berlin (8 + 20) / 2 = 14; in UTC (9 + 21) / 2 = 15.
const DEALS = [
  HEADERS,
  ['D-1', 'Alpha', 'Ana', 1000, 'Won', new Date('2026-03-01T23:30:00Z'), new Date('2026-03-10T12:00:00Z')],
  ['D-2', 'Beta', 'Ana', 3000, 'Won', new Date('2026-06-30T22:30:00Z'), new Date('2026-07-21T21:59:00Z')],
];
const BERLIN_MEAN = 14;

/** An Intl whose DateTimeFormat misbehaves for Berlin; other zones (and no zone) work. */
function intlFor(mode: 'throws' | 'utc'): typeof Intl {
  const Real = Intl.DateTimeFormat;
  function DateTimeFormat(locale?: string, options?: Intl.DateTimeFormatOptions) {
    if (options?.timeZone === ZONE) {
      if (mode === 'throws') throw new RangeError(`Invalid time zone specified: ${ZONE}`);
      return new Real(locale, { ...options, timeZone: 'UTC' });
    }
    return new Real(locale, options);
  }
  return { ...Intl, DateTimeFormat } as unknown as typeof Intl;
}

function world(): World {
  const w = new World({ now: '2026-11-23T10:00:00Z', timeZone: ZONE });
  w.setSheet('Deals', DEALS, { frozenRows: 1 });
  return w;
}

describe('time-zone offsets', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['Intl that knows the zone', {}, 'intl'],
    ['Intl that throws for the zone', { Intl: intlFor('throws') }, 'utilities'],
    ['Intl that silently answers UTC for the zone', { Intl: intlFor('utc') }, 'utilities'],
    ['no Intl at all', { Intl: undefined }, 'utilities'],
  ];

  test.each(cases)('with %s, day counts are Berlin days', (_name, extra, source) => {
    const w = world();
    const ctx = loadInWorld(w, { authMode: 'CUSTOM_FUNCTION', extra });
    expect(call(ctx, 'PIPELINE_CYCLE_DAYS', DEALS)).toBe(BERLIN_MEAN);
    expect(call(ctx, 'PIPELINE_CYCLE_DAYS')).toBe(BERLIN_MEAN); // read from the sheet too
    // Decided once for the execution: two probes, then only what the chosen source needs.
    const probes = w.calls.count('Utilities.formatDate');
    if (source === 'intl') expect(probes).toBe(2);
    else expect(probes).toBeGreaterThan(2);
    w.endExecution(ctx);
  });

  test('the check is made once per execution, not per call', () => {
    const w = world();
    const ctx = loadInWorld(w, { authMode: 'CUSTOM_FUNCTION' });
    for (let i = 0; i < 5; i++) call(ctx, 'PIPELINE_CYCLE_DAYS', DEALS);
    expect(w.calls.count('Utilities.formatDate')).toBe(2);
    w.endExecution(ctx);
  });

  test('a UTC spreadsheet needs no offsets at all', () => {
    const w = new World({ now: '2026-11-23T10:00:00Z', timeZone: 'Etc/UTC' });
    const ctx = loadInWorld(w, { authMode: 'CUSTOM_FUNCTION', extra: { Intl: undefined } });
    // In UTC: 9 and 21 days (see above).
    expect(call(ctx, 'PIPELINE_CYCLE_DAYS', DEALS)).toBe(15);
    expect(w.calls.count('Utilities.formatDate')).toBe(0);
  });

  test('with neither Intl nor Utilities, a clear error instead of UTC days', () => {
    const w = world();
    const ctx = loadInWorld(w, {
      authMode: 'CUSTOM_FUNCTION',
      extra: { Intl: undefined, Utilities: undefined },
    });
    expect(thrown(() => call(ctx, 'PIPELINE_CYCLE_DAYS', DEALS))).toEqual({
      name: 'PipelineError',
      message: expect.stringContaining('time zone "Europe/Berlin" is not known here'),
    });
  });

  test('the daily check uses the same offsets (Intl broken)', () => {
    const w = world();
    // The daily check's Stalled Since date is written as Berlin midnight of today.
    w.setSheet(
      'Deals',
      [
        ['ID', 'Deal', 'Owner', 'Amount', 'Stage', 'Stage Entered', 'Stalled Since'],
        ['D-1', 'Alpha', 'ana@example.com', 1000, 'Proposal', new Date('2026-10-31T23:30:00Z'), ''],
      ],
      { frozenRows: 1 },
    );
    const ctx = loadInWorld(w, { extra: { Intl: intlFor('throws') } });
    const ns = (ctx as unknown as { SheetsPipeline_: { runStalledCheck_: (o: unknown) => unknown } })
      .SheetsPipeline_;
    ns.runStalledCheck_({ via: 'menu' });
    w.endExecution(ctx);
    // Stage Entered is 1 November in Berlin (31 October in UTC); Proposal stalls after 10 days,
    // so on day 11: 12 November, written as Berlin midnight, 23:00Z on the 11th. Had the offsets
    // fallen back to UTC it would read 31 Oct + 11 = 11 November at 00:00Z.
    const stalled = w.sheetValues('Deals')[1]?.[6] as Date;
    expect(stalled.toISOString()).toBe('2026-11-11T23:00:00.000Z');
  });
});
