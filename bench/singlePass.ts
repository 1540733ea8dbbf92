/**
 * Plain single-pass implementations, written for `npm run bench` only: what a careful developer
 * would write by hand for one figure over the 2-D array Sheets passes, with the stages hard-coded
 * (the generated workbook's defaults) and dates read as UTC days. No validation, no problems, no
 * other layouts: the floor our general code is measured against. Loaded into the same kind of vm
 * context as Code.js (bundled by esbuild in bench/columnar.ts), so both read the same realm's data.
 */

const DAY = 86_400_000;
const OPEN = ['Lead', 'Qualified', 'Contacted', 'Needs Assessment', 'Proposal', 'Negotiation'];
const PROBABILITY = [0.1, 0.2, 0.3, 0.4, 0.6, 0.8];
const STALLED_AFTER = [14, 14, 10, 14, 10, 7];

function amountOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') {
    const n = Number(value.replace(/[$,\s]/g, ''));
    return !Number.isNaN(n) ? n : Number.NaN;
  }
  return Number.NaN;
}

function dayOf(value: unknown): number {
  return value instanceof Date ? Math.floor(value.getTime() / DAY) : -1;
}

function percentOf(value: unknown): number {
  if (typeof value === 'number') return value > 1 ? value / 100 : value;
  if (typeof value === 'string' && value !== '') return Number.parseFloat(value) / 100;
  return Number.NaN;
}

/** PIPELINE_WINRATE and PIPELINE_AVG_DEAL (no filter) in one loop. */
export function winRateAndAverage(rows: unknown[][]): [number, number] {
  const header = rows[0] as string[];
  const stageCol = header.indexOf('Stage');
  const amountCol = header.indexOf('Amount');
  let won = 0;
  let lost = 0;
  let sum = 0;
  let counted = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] as unknown[];
    const stage = row[stageCol];
    if (stage === 'Won') {
      won++;
      const amount = amountOf(row[amountCol]);
      if (!Number.isNaN(amount)) {
        sum += amount;
        counted++;
      }
    } else if (stage === 'Lost') lost++;
  }
  return [won / (won + lost), sum / counted];
}

/** PIPELINE_STALLED_COUNT (no filter) on `today` (a UTC day number). */
export function stalledCount(rows: unknown[][], today: number): number {
  const header = rows[0] as string[];
  const col = (name: string) => header.indexOf(name);
  const [stageCol, createdCol, enteredCol, activityCol, snoozeCol] = [
    col('Stage'),
    col('Created'),
    col('Stage Entered'),
    col('Last Activity'),
    col('Snoozed Until'),
  ];
  const limits = new Map<unknown, number>(OPEN.map((s, i) => [s, STALLED_AFTER[i] as number]));
  let n = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] as unknown[];
    const limit = limits.get(row[stageCol]);
    if (limit === undefined) continue;
    const entered = dayOf(row[enteredCol]);
    const activity = dayOf(row[activityCol]);
    const start = Math.max(entered, activity) >= 0 ? Math.max(entered, activity) : dayOf(row[createdCol]);
    if (start < 0) continue;
    if (dayOf(row[snoozeCol]) > today) continue;
    if (today - start > limit) n++;
  }
  return n;
}

/**
 * PIPELINE_FUNNEL: per open stage, open deals, value, weighted value, deals that reached it
 * (History's From/To by Deal ID, then each deal's furthest open stage) and conversion.
 */
export function funnel(deals: unknown[][], history: unknown[][]): (string | number)[][] {
  const index = new Map<unknown, number>(OPEN.map((s, i) => [s, i]));
  const WON = OPEN.length;
  index.set('Won', WON);
  // History: per Deal ID, the bits of the stages it was in (From) or entered (To).
  const hHeader = history[0] as string[];
  const [hId, hFrom, hTo] = [hHeader.indexOf('Deal ID'), hHeader.indexOf('From'), hHeader.indexOf('To')];
  const seen = new Map<unknown, number>();
  for (let r = 1; r < history.length; r++) {
    const row = history[r] as unknown[];
    const from = index.get(row[hFrom]);
    const to = index.get(row[hTo]);
    const bits = (from !== undefined && from < WON ? 1 << from : 0) | (to !== undefined ? 1 << to : 0);
    if (bits !== 0) seen.set(row[hId], (seen.get(row[hId]) ?? 0) | bits);
  }
  const header = deals[0] as string[];
  const [idCol, stageCol, amountCol, probCol] = [
    header.indexOf('ID'),
    header.indexOf('Stage'),
    header.indexOf('Amount'),
    header.indexOf('Probability'),
  ];
  const count = new Float64Array(WON);
  const value = new Float64Array(WON);
  const weighted = new Float64Array(WON);
  const reached = new Float64Array(WON + 1);
  for (let r = 1; r < deals.length; r++) {
    const row = deals[r] as unknown[];
    const stageText = row[stageCol];
    const stage = index.get(stageText);
    let bits = seen.get(row[idCol]) ?? 0;
    if (stage !== undefined) bits |= 1 << stage;
    let furthest = stageText === 'Lost' ? 0 : -1;
    if (stage === WON) furthest = WON - 1;
    else for (let s = WON - 1; s > furthest; s--) if (bits & (1 << s)) furthest = s;
    for (let s = 0; s <= furthest; s++) reached[s]!++;
    if (bits & (1 << WON)) reached[WON]!++;
    if (stage !== undefined && stage < WON) {
      count[stage]!++;
      const amount = amountOf(row[amountCol]);
      if (!Number.isNaN(amount)) {
        value[stage]! += amount;
        const own = percentOf(row[probCol]);
        weighted[stage]! += amount * (!Number.isNaN(own) ? own : (PROBABILITY[stage] as number));
      }
    }
  }
  return OPEN.map((name, s) => {
    const here = reached[s]!;
    return [name, count[s]!, value[s]!, weighted[s]!, here, here === 0 ? '' : reached[s + 1]! / here];
  });
}
