import { expect } from '@open-wc/testing';
import { defineElement } from '../src/define.js';
import { ObecPortal } from '../components/obec-portal/obec-portal.js';

describe('loading twice', () => {
  it('importing the widget modules a second time (another URL, as a second copy) does not throw', async () => {
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    await import('../components/obec-portal/obec-portal.js?copy=2' as string);
    await import('../components/obec-diagnostics/obec-diagnostics.js?copy=2' as string);
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    expect(customElements.get('obec-portal')).to.equal(ObecPortal);
  });

  it('a different version under a taken tag keeps the first and warns, never throws', () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    class NewerPortal extends HTMLElement {
      static version = '9.0.0';
    }
    try {
      expect(() => defineElement('obec-portal', NewerPortal)).not.to.throw();
    } finally {
      console.warn = original;
    }
    expect(customElements.get('obec-portal')).to.equal(ObecPortal);
    expect(warnings.join()).to.contain('9.0.0');
  });

  it('the CDN script included twice on one page renders one working widget set', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/tests/fixtures/twice.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as Window & { errors: string[] };
    const doc = frame.contentDocument!;
    const deadline = Date.now() + 5000;
    while (!doc.querySelector('obec-diagnostics')?.shadowRoot?.textContent?.includes('9.9.9') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(doc.querySelector('obec-diagnostics')!.shadowRoot!.textContent).to.contain('9.9.9');
    expect(win.errors).to.deep.equal([]);
    frame.remove();
  });
});
