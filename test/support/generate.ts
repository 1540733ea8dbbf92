/**
 * Deterministic generated workbooks for property tests, the benchmark and the demo: a believable
 * pipeline (owners, stages, amounts, dates over a year) as the 2-D arrays Sheets would give.
 */
import { DEFAULT_STAGES } from '../../src/core/model/stages';

export const DEAL_HEADERS = [
  'ID',
  'Deal',
  'Company',
  'Owner',
  'Amount',
  'Stage',
  'Probability',
  'Created',
  'Stage Entered',
  'Expected Close',
  'Closed',
  'Last Activity',
  'Next Step',
  'Lost Reason',
  'Snoozed Until',
  'Stalled Since',
  'Notes',
];

export const OWNERS = ['Ana Ruiz', 'Ben Okafor', 'Chloé Martin', 'dev@example.com', 'Eve Tanaka'];
const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
];
const PRODUCTS = ['renewal', 'expansion', 'pilot', 'enterprise plan', 'starter plan', 'services'];
const NEXT_STEPS = ['Send proposal', 'Call back', 'Demo with IT', 'Wait for budget', 'Legal review', ''];
const LOST_REASONS = ['Price', 'Timing', 'Competitor', 'No budget', 'No decision'];

/** mulberry32: a small seeded PRNG so every run generates the same workbook. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

export interface GeneratedWorkbook {
  deals: unknown[][];
  history: unknown[][];
  team: unknown[][];
}

/**
 * `count` deals created over the year before `now` (UTC midnights, as a spreadsheet in UTC
 * gives them). About 55 % open, 20 % won, 25 % lost; History rows for each stage move.
 */
export function generateWorkbook(count: number, now: Date, seed = 42): GeneratedWorkbook {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const today = Math.floor(now.getTime() / DAY);
  const open = DEFAULT_STAGES.filter((s) => s[3] === 'Open').map((s) => s[0]);
  const deals: unknown[][] = [DEAL_HEADERS];
  const history: unknown[][] = [
    ['When', 'Deal ID', 'Deal', 'From', 'To', 'Days In Stage', 'Changed By', 'Via'],
  ];
  for (let i = 0; i < count; i++) {
    const id = `D-${String(i + 1).padStart(7, '0')}`;
    const name = `${pick(COMPANIES)} ${pick(PRODUCTS)} ${i + 1}`;
    const owner = pick(OWNERS);
    const created = today - 1 - Math.floor(random() * 365);
    const roll = random();
    const outcome = roll < 0.55 ? 'Open' : roll < 0.75 ? 'Won' : 'Lost';
    const furthest = outcome === 'Won' ? open.length - 1 : Math.floor(random() * open.length);
    // Walk the stages up to the furthest, spending some days in each.
    let day = created;
    let previous = '';
    let enteredDay = created;
    for (let s = 0; s <= furthest && day < today; s++) {
      const stage = open[s] as string;
      if (s > 0) {
        history.push([new Date(day * DAY), id, name, previous, stage, day - enteredDay, owner, 'sidebar']);
      }
      previous = stage;
      enteredDay = day;
      day += 1 + Math.floor(random() * 20);
    }
    let stage = previous;
    let closed: number | '' = '';
    if (outcome !== 'Open' && day < today) {
      stage = outcome;
      closed = day;
      history.push([new Date(day * DAY), id, name, previous, stage, day - enteredDay, owner, 'sidebar']);
      enteredDay = day;
    }
    const amount = Math.round(500 + random() * random() * 80_000);
    const lastActivity = random() < 0.5 ? Math.min(today, enteredDay + Math.floor(random() * 10)) : '';
    deals.push([
      id,
      name,
      pick(COMPANIES),
      owner,
      random() < 0.1 ? `$${amount.toLocaleString('en-US')}` : amount,
      stage,
      random() < 0.1 ? `${Math.round(random() * 100)}%` : '',
      new Date(created * DAY),
      new Date(enteredDay * DAY),
      stage === 'Won' || stage === 'Lost' ? '' : new Date((today + Math.floor(random() * 150) - 30) * DAY),
      closed === '' ? '' : new Date(closed * DAY),
      lastActivity === '' ? '' : new Date(lastActivity * DAY),
      pick(NEXT_STEPS),
      stage === 'Lost' ? pick(LOST_REASONS) : '',
      random() < 0.03 ? new Date((today + 5) * DAY) : '',
      '',
      random() < 0.2 ? 'call notes' : '',
    ]);
  }
  const team: unknown[][] = [
    ['Owner', 'Email', 'Quota'],
    ['Ana Ruiz', 'ana@example.com', 400_000],
    ['Ben Okafor', 'ben@example.com', 350_000],
    ['Chloé Martin', 'chloe@example.com', 300_000],
    ['Eve Tanaka', 'eve@example.com', 250_000],
  ];
  return { deals: flatten(deals), history: flatten(history), team };
}

/**
 * Strings built by concatenation are V8 "cons strings" until first read; values Sheets passes
 * in are flat. Flatten them so the benchmark measures reading cells, not V8's string joins.
 */
function flatten(rows: unknown[][]): unknown[][] {
  return rows.map((row) =>
    row.map((v) => (typeof v === 'string' ? (JSON.parse(JSON.stringify(v)) as string) : v)),
  );
}

/**
 * Weekly snapshots of a generated workbook, as the weekly snapshot writes them: one row per deal
 * open on each of the `weeks` Mondays before `now` (created by then), amounts drifting a little.
 */
export function generateSnapshots(deals: readonly (readonly unknown[])[], now: Date, weeks = 8): unknown[][] {
  const random = seeded(7);
  const today = Math.floor(now.getTime() / DAY);
  const monday = today - ((new Date(today * DAY).getUTCDay() + 6) % 7);
  const header = deals[0] as string[];
  const at = (name: string) => header.indexOf(name);
  const [id, deal, owner, stage, amount, created, close] = [
    'ID',
    'Deal',
    'Owner',
    'Stage',
    'Amount',
    'Created',
    'Expected Close',
  ].map(at) as number[];
  const open = new Set(DEFAULT_STAGES.filter((s) => s[3] === 'Open').map((s) => s[0]));
  const rows: unknown[][] = [
    ['Taken', 'Deal ID', 'Deal', 'Owner', 'Stage', 'Amount', 'Probability', 'Expected Close'],
  ];
  for (let w = weeks; w >= 1; w--) {
    const taken = monday - 7 * w;
    for (let r = 1; r < deals.length; r++) {
      const row = deals[r]!;
      const createdDay = Math.floor((row[created!] as Date).getTime() / DAY);
      if (!open.has(row[stage!] as string) || createdDay > taken) continue;
      const value = typeof row[amount!] === 'number' ? (row[amount!] as number) : 1000;
      rows.push([
        new Date(taken * DAY),
        row[id!],
        row[deal!],
        row[owner!],
        row[stage!],
        Math.round(value * (0.9 + random() * 0.2)),
        '',
        row[close!],
      ]);
    }
  }
  return rows;
}
