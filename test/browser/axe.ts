/**
 * axe-core in a page or frame (its source from node_modules, injected as a script: no CDN), and
 * where browser tests put screenshots. axe runs with its default rules (WCAG A/AA and best
 * practices); the result is one line per violated rule, [] when there is none.
 */
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';

/** The repository root (jest runs this as CommonJS; tsx scripts run from the root). */
const ROOT = typeof __dirname === 'string' ? path.resolve(__dirname, '../..') : process.cwd();
export const OUTPUT = path.join(ROOT, 'test-output');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** Runs axe-core on the whole document of `target` and returns its violations, in words. */
export async function axeViolations(target: Page | Frame): Promise<string[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.addScriptTag({ path: AXE });
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<AxeResult> } }).axe;
    const r = await axe.run(document);
    return r.violations.map(
      (v) =>
        `${v.id} (${v.impact ?? 'minor'}): ${v.help} (${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join(', ')})`,
    );
  });
}
