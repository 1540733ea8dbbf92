/** axe-core in a page (bundled from node_modules: no CDN), and where browser tests put screenshots. */
import path from 'node:path';
import type { Page } from 'playwright-core';

export const OUTPUT = path.resolve(__dirname, '../../test-output');
const AXE = path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[];
}

/** Runs axe-core on the whole document and returns its violations, in words ([] = none). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<AxeResult> } }).axe;
    const r = await axe.run(document);
    return r.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  });
}
