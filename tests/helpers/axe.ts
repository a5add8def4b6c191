import 'axe-core/axe.min.js';
import { expect } from '@open-wc/testing';

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown[]; failureSummary: string }[] }[];
}
declare global {
  interface Window {
    axe: { run(context: Element | Document, options: unknown): Promise<AxeResult> };
  }
}

/** WCAG 2.1 A and AA, the level Czech law 99/2019 requires of public bodies. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Asserts that axe finds no WCAG 2.1 A/AA violation in the element, shadow roots included. */
export async function expectAccessible(element: Element | Document = document): Promise<void> {
  const result = await window.axe.run(element, { runOnly: { type: 'tag', values: WCAG_21_AA }, resultTypes: ['violations'] });
  const summary = result.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `  ${JSON.stringify(node.target)} ${node.failureSummary}`).join('\n'),
  );
  expect(summary, summary.join('\n')).to.deep.equal([]);
}
