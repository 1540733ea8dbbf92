/**
 * Whole CRM exports and a team's own sheet in the built Code.js, before and without Set up (no
 * `Stages` sheet): each read as SPEC §1 says, in both forms (the range as an argument, and the
 * `Deals` sheet read by the function). Fixtures: test/fixtures/crm (CSV as exported, imported as
 * Sheets would). Every expected figure is worked out by hand in the comments. Today 2026-11-23.
 */
import { World } from '../../host';
import { hubspotDeals, pipedriveDeals, salesforceOpportunities, teamSheet } from '../fixtures/crm';
import { call, loadInWorld, type ScriptContext } from '../support/code';
import { NOW, TIME_ZONE, wholeColumns } from '../support/sample';

function expectClose(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    expect(actual as number).toBeCloseTo(expected, 6);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    const rows = actual as unknown[];
    expect(rows.length).toBe(expected.length);
    expected.forEach((cell, i) => {
      expectClose(rows[i], cell);
    });
  } else {
    expect(actual).toEqual(expected);
  }
}

interface Expected {
  winRate: number;
  avgDeal: number;
  openCount: number;
  openValue: number;
  weighted: number;
  cycleDays: number;
  forecast: unknown[][];
  funnel: unknown[][];
}

const FORECAST = ['Month', 'Open Deals', 'Value', 'Weighted', 'Won'];
const FUNNEL = ['Stage', 'Open Deals', 'Open Value', 'Weighted Value', 'Reached', 'Conversion'];

/** Both forms of every figure: `=FN(A:Z)` and `=FN()` reading `Deals`. */
function checkBothForms(rows: unknown[][], expected: Expected): void {
  const world = new World({ now: NOW, timeZone: TIME_ZONE });
  world.setSheet('Deals', rows);
  const ctx: ScriptContext = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
  const range = wholeColumns(rows);
  for (const tables of [[range], []]) {
    const f = (name: string, ...args: unknown[]) => call(ctx, name, ...tables, ...args);
    expectClose(f('PIPELINE_WINRATE'), expected.winRate);
    expectClose(f('PIPELINE_AVG_DEAL'), expected.avgDeal);
    expectClose(f('PIPELINE_COUNT'), expected.openCount);
    expectClose(f('PIPELINE_VALUE'), expected.openValue);
    expectClose(f('PIPELINE_WEIGHTED'), expected.weighted);
    expectClose(f('PIPELINE_CYCLE_DAYS'), expected.cycleDays);
    expectClose(f('PIPELINE_FORECAST'), expected.forecast);
    expectClose(f('PIPELINE_FUNNEL'), expected.funnel);
  }
  expect(world.calls.writes()).toBe(0);
}

/** Each export, the figures worked out by hand from the fixture (the comments), checked in both forms. */
const EXPORTS: readonly { name: string; rows: () => unknown[][]; expected: Expected }[] = [
  {
    name: 'Pipedrive deals export (Deal - … headers, Status open/won/lost, Won time / Lost time)',
    // Pipedrive's pipeline: Lead In 10 %, Contact Made 20 %, Demo Scheduled 40 %, Proposal Made 60 %,
    // Negotiations Started 80 %. Status gives the outcome; Stage is where a closed deal closed.
    // Open: 101 Proposal Made 12500.5, 102 Demo Scheduled 8000, 106 Negotiations Started 15000 (own
    // Probability 50), 107 Lead In 2500, 109 Lead In (Value blank).
    // Won: 103 (20000, created 08-03, won 09-02), 104 (5000, created 09-10, won 10-20).
    // Lost: 105 (closed in Contact Made, lost 07-21), 108 (closed in Demo Scheduled, lost 08-15).
    rows: pipedriveDeals,
    expected: {
      winRate: 2 / 4,
      avgDeal: (20000 + 5000) / 2,
      openCount: 5,
      openValue: 12500.5 + 8000 + 15000 + 2500, // 38000.5
      // 12500.5 × 0.6 + 8000 × 0.4 + 15000 × 0.5 + 2500 × 0.1 = 7500.3 + 3200 + 7500 + 250
      weighted: 18450.3,
      // 103: 08-03 → 09-02 = 28 + 2 = 30 days; 104: 09-10 → 10-20 = 20 + 20 = 40 days; mean 35
      cycleDays: 35,
      forecast: [
        FORECAST,
        ['2026-09', 0, 0, 0, 20000], // 103 won 09-02
        ['2026-10', 0, 0, 0, 5000], // 104 won 10-20
        ['2026-12', 2, 27500.5, 15000.3, 0], // 101 12-15, 106 12-01
        ['2027-01', 1, 8000, 3200, 0], // 102
        ['2027-02', 1, 0, 0, 0], // 109, Value blank
        ['No date', 1, 2500, 250, 0], // 107
      ],
      // Furthest stage reached: 101 Proposal Made (3), 102 Demo (2), 106 Negotiations (4),
      // 107 and 109 Lead In (0); won 103, 104 every open stage (4); lost 105 Contact Made (1)
      // and 108 Demo Scheduled (2), where their Stage cell says they closed.
      // Reached: Lead In 9, Contact Made 7, Demo 6, Proposal Made 4, Negotiations 3, Won 2.
      funnel: [
        FUNNEL,
        ['Lead In', 2, 2500, 250, 9, 7 / 9],
        ['Contact Made', 0, 0, 0, 7, 6 / 7],
        ['Demo Scheduled', 1, 8000, 3200, 6, 4 / 6],
        ['Proposal Made', 1, 12500.5, 7500.3, 4, 3 / 4],
        ['Negotiations Started', 1, 15000, 7500, 3, 2 / 3],
      ],
    },
  },
  {
    name: 'HubSpot deals export (one Close Date, Closed won / Closed lost stages, date-times)',
    // HubSpot's pipeline: Appointment scheduled 20 %, Qualified to buy 40 %, Presentation Scheduled
    // 60 %, Decision maker bought-in 80 %, Contract sent 90 % (the sheet's own spelling kept).
    // Open: 824 Contract sent 24000 (Close Date 12-10), 825 Appointment scheduled 6000 (12-31),
    // 829 Qualified to buy blank Amount (2027-01-15), 830 Decision maker bought-in 18000 (12-20).
    // Won: 826 12000 (created 10-01 09:30, closed 10-30 15:45), 828 4500.5 (11-03 → 11-18).
    // Lost: 827, 831.
    rows: hubspotDeals,
    expected: {
      winRate: 2 / 4,
      avgDeal: (12000 + 4500.5) / 2, // 8250.25
      openCount: 4,
      openValue: 24000 + 6000 + 18000,
      // 24000 × 0.9 + 6000 × 0.2 + 18000 × 0.8 = 21600 + 1200 + 14400
      weighted: 37200,
      // 826: 10-01 → 10-30 = 29 days; 828: 11-03 → 11-18 = 15 days; mean 22
      cycleDays: 22,
      forecast: [
        FORECAST,
        ['2026-10', 0, 0, 0, 12000],
        ['2026-11', 0, 0, 0, 4500.5],
        ['2026-12', 3, 48000, 37200, 0], // 824, 825, 830
        ['2027-01', 1, 0, 0, 0], // 829, Amount blank
      ],
      // Furthest reached: 824 Contract sent (4), 825 Appointment (0), 829 Qualified (1), 830
      // Decision maker (3); won 826, 828 every open stage; lost 827, 831 without History only
      // the first stage. Reached: 8, 5, 4, 4, 3; Won 2.
      funnel: [
        FUNNEL,
        ['Appointment scheduled', 1, 6000, 1200, 8, 5 / 8],
        ['Qualified to buy', 1, 0, 0, 5, 4 / 5],
        ['Presentation Scheduled', 0, 0, 0, 4, 4 / 4],
        ['Decision maker bought-in', 1, 18000, 14400, 4, 3 / 4],
        ['Contract sent', 1, 24000, 21600, 3, 2 / 3],
      ],
    },
  },
  {
    name: 'Salesforce opportunity report (Probability (%), Close Date, text currencies)',
    // Salesforce's pipeline of 8 open stages. Each deal's own Probability (%) wins over its stage's.
    // Open: Acme Proposal/Price Quote 30000 @75 (12-15), Globex Prospecting "USD 5,000.00" @10
    // (2027-01-31), Stark Negotiation/Review "12500 USD" @90 (12-05), Wayne Value Proposition 4000
    // @50 (2027-01-10).
    // Won: Initech 18000 (08-16 → 10-15), Hooli "$9,500.50" (10-21 → 11-20), Soylent 2500 (09-10 → 09-30).
    // Lost: Umbrella, Vandelay (Amount blank).
    rows: salesforceOpportunities,
    expected: {
      winRate: 3 / 5,
      avgDeal: (18000 + 9500.5 + 2500) / 3, // 10000.1666…
      openCount: 4,
      openValue: 30000 + 5000 + 12500 + 4000, // 51500
      // 30000 × 0.75 + 5000 × 0.1 + 12500 × 0.9 + 4000 × 0.5 = 22500 + 500 + 11250 + 2000
      weighted: 36250,
      // Initech 08-16 → 10-15 = 31 + 29 = 60; Hooli 10-21 → 11-20 = 30; Soylent 09-10 → 09-30 = 20
      cycleDays: (60 + 30 + 20) / 3,
      forecast: [
        FORECAST,
        ['2026-09', 0, 0, 0, 2500],
        ['2026-10', 0, 0, 0, 18000],
        ['2026-11', 0, 0, 0, 9500.5],
        ['2026-12', 2, 42500, 33750, 0], // Acme 22500 + Stark 11250
        ['2027-01', 2, 9000, 2500, 0], // Globex 500 + Wayne 2000
      ],
      // Furthest reached: Acme Proposal/Price Quote (6), Globex Prospecting (0), Stark
      // Negotiation/Review (7), Wayne Value Proposition (3); won every open stage (7); lost the
      // first only. Reached: 9, 6, 6, 6, 5, 5, 5, 4; Won 3.
      funnel: [
        FUNNEL,
        ['Prospecting', 1, 5000, 500, 9, 6 / 9],
        ['Qualification', 0, 0, 0, 6, 1],
        ['Needs Analysis', 0, 0, 0, 6, 1],
        ['Value Proposition', 1, 4000, 2000, 6, 5 / 6],
        ['Id. Decision Makers', 0, 0, 0, 5, 1],
        ['Perception Analysis', 0, 0, 0, 5, 1],
        ['Proposal/Price Quote', 1, 30000, 22500, 5, 4 / 5],
        ['Negotiation/Review', 1, 12500, 11250, 4, 3 / 4],
      ],
    },
  },
  {
    name: 'a team sheet of its own (invented stage names, typed by hand)',
    // Stages learned in order of first appearance: Discovery, Demo, Trial, Paperwork; no
    // Probability column and no known names, so spread evenly: 10 %, 36.67 %, 63.33 %, 90 %
    // (10 + 80 × i / 3, to 0.01 %). Closed Won and Lost name the outcomes.
    // Open: Bakery Discovery "$4,000" (text) → 2027-01-15, Gym Demo 12000 → 12-20, Law Trial 30000
    // → 12-05, Dentist Paperwork 6000 → 11-30, Garage Discovery blank Value, no Target Close.
    // Won: Florist 2500 (09-01 → 10-01), School 9000 (07-01 → 09-09). Lost: Cafe.
    rows: teamSheet,
    expected: {
      winRate: 2 / 3,
      avgDeal: (2500 + 9000) / 2,
      openCount: 5,
      openValue: 4000 + 12000 + 30000 + 6000,
      // 4000 × 0.1 + 12000 × 0.3667 + 30000 × 0.6333 + 6000 × 0.9 = 400 + 4400.4 + 18999 + 5400
      weighted: 29199.4,
      // Florist 09-01 → 10-01 = 30; School 07-01 → 09-09 = 31 + 31 + 8 = 70; mean 50
      cycleDays: 50,
      forecast: [
        FORECAST,
        ['2026-09', 0, 0, 0, 9000],
        ['2026-10', 0, 0, 0, 2500],
        ['2026-11', 1, 6000, 5400, 0],
        ['2026-12', 2, 42000, 23399.4, 0],
        ['2027-01', 1, 4000, 400, 0],
        ['No date', 1, 0, 0, 0],
      ],
      // Furthest reached: Bakery, Garage Discovery (0), Gym Demo (1), Law Trial (2), Dentist
      // Paperwork (3); won every stage (3); lost Cafe the first only.
      // Reached: Discovery 8, Demo 5 (Gym, Law, Dentist, Florist, School), Trial 4, Paperwork 3; Won 2.
      funnel: [
        FUNNEL,
        ['Discovery', 2, 4000, 400, 8, 5 / 8],
        ['Demo', 1, 12000, 4400.4, 5, 4 / 5],
        ['Trial', 1, 30000, 18999, 4, 3 / 4],
        ['Paperwork', 1, 6000, 5400, 3, 2 / 3],
      ],
    },
  },
];

test.each(EXPORTS)('$name: every figure, both forms', ({ rows, expected }) => {
  checkBothForms(rows(), expected);
});
