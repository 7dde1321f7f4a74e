// axe-core (the npm package, no CDN) on a Playwright page: WCAG 2.0/2.1 A and
// AA rules. Used by the compat suite and the demo's journeys.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG21AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page's document; resolves with [{id, help, nodes: [text]}]. */
export async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary)
    }));
  }, WCAG21AA);
}

export function formatViolations(vs) {
  return vs.map((v) => `  ${v.id}: ${v.help}\n${v.nodes.map((n) => '    ' + n.replace(/\n/g, ' ')).join('\n')}`).join('\n');
}
