/**
 * Writes the playground's demo workbook (playground/demo/workbook.json) deterministically:
 * `npx tsx playground/demo/generate.ts`. 300 deals over the year before DEMO_TODAY from the
 * shared generator, with activity tuned so that most open deals are active today and a few stall
 * on each of the following days (so "Advance the clock a day" shows deals stalling).
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_STAGES } from '../../src/core/model/stages';
import { DEAL_HEADERS, generateWorkbook, seeded } from '../../test/support/generate';
import { DEMO_FILE, type DemoFile } from '../workbook';

export const DEMO_TODAY = '2026-11-23';
const DAY = 86_400_000;

function encode(v: unknown): unknown {
  if (v instanceof Date) return { date: v.toISOString().slice(0, 10) };
  return v;
}

export function demoFile(): DemoFile {
  const today = new Date(`${DEMO_TODAY}T00:00:00Z`);
  const wb = generateWorkbook(300, today, 2026);
  const random = seeded(7);
  const col = (name: string) => DEAL_HEADERS.indexOf(name);
  const limits = new Map(DEFAULT_STAGES.map(([name, , days]) => [name, days]));
  const [header, ...deals] = wb.deals;
  for (const deal of deals) {
    const limit = limits.get(String(deal[col('Stage')]));
    if (limit === null || limit === undefined) continue;
    const entered = (deal[col('Stage Entered')] as Date).getTime();
    // ~15 % stay stalled; the rest were touched recently, spread so some stall each coming day.
    if (random() < 0.15) continue;
    const ago = Math.floor(random() * (limit + 1));
    const touched = Math.max(entered, today.getTime() - ago * DAY);
    deal[col('Last Activity')] = new Date(touched);
  }
  return {
    today: DEMO_TODAY,
    timeZone: 'Etc/UTC',
    sheets: [
      { name: 'Deals', rows: [header as unknown[], ...deals].map((r) => r.map(encode)) },
      { name: 'Team', rows: wb.team.map((r) => r.map(encode)) },
      { name: 'History', rows: wb.history.map((r) => r.map(encode)) },
    ],
  };
}

const isMain = process.argv[1]?.endsWith('generate.ts');
if (isMain) {
  const file = demoFile();
  const json = `{\n  "today": ${JSON.stringify(file.today)},\n  "timeZone": ${JSON.stringify(file.timeZone)},\n  "sheets": [\n${file.sheets
    .map(
      (s) =>
        `    {\n      "name": ${JSON.stringify(s.name)},\n      "rows": [\n${s.rows.map((r) => `        ${JSON.stringify(r)}`).join(',\n')}\n      ]\n    }`,
    )
    .join(',\n')}\n  ]\n}\n`;
  writeFileSync(DEMO_FILE, json);
  console.log(
    `wrote ${DEMO_FILE}: ${file.sheets.map((s) => `${s.name} ${s.rows.length - 1} rows`).join(', ')}`,
  );
}
