import { fixtureCleanup, waitUntil } from '@open-wc/testing';
import '../../components/obec-portal/obec-portal.js';
import '../../components/obec-diagnostics/obec-diagnostics.js';
import type { ObecDiagnostics } from '../../components/obec-diagnostics/obec-diagnostics.js';

export const TEST_API = `${location.origin}/test-api`;

/** Puts markup straight into the body (not a fixture wrapper), as a CMS template would. */
export function mount(markup: string): HTMLElement {
  const container = document.createElement('div');
  container.className = 'test-page';
  container.innerHTML = markup;
  document.body.append(container);
  return container;
}

export function cleanPage(): void {
  fixtureCleanup();
  document.querySelectorAll('.test-page').forEach((element) => element.remove());
  document.documentElement.removeAttribute('lang');
}

/** The widget's rendered shadow root, once it has rendered something. */
export async function rendered(element: Element): Promise<ShadowRoot> {
  const widget = element as ObecDiagnostics;
  await waitUntil(() => widget.shadowRoot && widget.shadowRoot.childElementCount > 0, `<${element.localName}> rendered nothing`);
  await widget.updateComplete;
  return widget.shadowRoot!;
}

/** Visible text of a shadow root, whitespace folded. */
export function textOf(root: ShadowRoot | Element): string {
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Records console.error calls while a test runs. */
export function captureConsoleErrors(): { messages: string[]; restore(): void } {
  const original = console.error;
  const messages: string[] = [];
  console.error = (...args: unknown[]) => {
    messages.push(args.map(String).join(' '));
  };
  return { messages, restore: () => (console.error = original) };
}
