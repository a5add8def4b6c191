import { expect, waitUntil } from '@open-wc/testing';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, TEST_API, textOf } from './helpers/page.js';
import '../components/obec-login/obec-login.js';
import '../components/obec-fee-payment/obec-fee-payment.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import { feeFetch } from '../stories/fee-fixtures.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';

/** What a person sees of the widget: box sizes and the styles that make its look. */
function look(widget: Element) {
  return styleOf(widget, ['[part="base"]', 'h2', 'dt', 'dd', '[part="status"] p', '[part="recheck"]']);
}

function styleOf(widget: Element, selectors: string[]) {
  const root = widget.shadowRoot!;
  return selectors.map((selector) => {
    const element = root.querySelector(selector)!;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      selector,
      width: Math.round(box.width),
      height: Math.round(box.height),
      ...Object.fromEntries(
        [
          'color', 'background-color', 'font-size', 'font-weight', 'font-style', 'line-height', 'letter-spacing',
          'text-transform', 'text-align', 'padding-top', 'padding-left', 'margin-top', 'border-top-width',
          'border-top-style', 'display', 'white-space',
        ].map((name) => [name, style.getPropertyValue(name)]),
      ),
    };
  });
}

async function diagnosticsPage() {
  const page = mount(
    `<div style="display:block !important;width:640px !important;padding:0 !important;margin:0 !important;border:0 !important">
       <obec-portal api="${TEST_API}">
         <!-- the host's own box (margins, width) is the page's layout; everything inside must not change -->
         <obec-diagnostics style="width:600px !important;margin:0 !important"></obec-diagnostics>
       </obec-portal>
     </div>`,
  );
  const widget = page.querySelector('obec-diagnostics')!;
  const root = await rendered(widget);
  await waitUntil(() => textOf(root).includes('9.9.9'));
  return widget;
}

/** Puts the hostile stylesheet on the page, loaded. */
async function applyHostileSheet(): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/tests/fixtures/hostile.css';
  await new Promise((resolve) => {
    link.onload = resolve;
    document.head.append(link);
  });
  return link;
}

describe('hostile host page', () => {
  let sheet: HTMLLinkElement | undefined;
  afterEach(() => {
    sheet?.remove();
    cleanPage();
  });

  it('aggressive global CSS changes nothing inside the widget', async () => {
    const clean = look(await diagnosticsPage());
    cleanPage();

    sheet = await applyHostileSheet();
    expect(getComputedStyle(document.body).color).to.equal('rgb(255, 0, 255)', 'the hostile sheet is not in effect');

    const widget = await diagnosticsPage();
    expect(look(widget)).to.deep.equal(clean);
    await expectAccessible(widget);
  });

  it('the sign-in button and the fee widget look the same on the hostile page too', async () => {
    const render = async () => {
      const page = mount(
        `<div style="display:block !important;width:640px !important;padding:0 !important;margin:0 !important;border:0 !important">
           <obec-portal api="https://obec.example/api" authority="https://obec.example/oidc" client-id="web"></obec-portal>
           <obec-login style="margin:0 !important"></obec-login>
           <obec-fee-payment style="width:600px !important;margin:0 !important"></obec-fee-payment>
         </div>`,
      );
      const portal = page.querySelector('obec-portal') as ObecPortal;
      portal.fetch = feeFetch();
      portal.session = new FixtureSession({ status: 'signed-in', citizen: ZOFIE });
      const login = page.querySelector('obec-login')!;
      const fees = page.querySelector('obec-fee-payment')!;
      await rendered(login);
      const feesRoot = await rendered(fees);
      await waitUntil(() => feesRoot.querySelectorAll('[part="obligation"]').length === 4);
      return [...styleOf(login, ['[part="button"]']), ...styleOf(fees, ['[part="base"]', 'h2', '[part="obligation"]', 'label', 'input[type="checkbox"]', '[part="pay-card"]', '[part="pay"]'])];
    };
    const clean = await render();
    cleanPage();
    sheet = await applyHostileSheet();
    expect(await render()).to.deep.equal(clean);
  });

  it('inherits the host page’s font family, and only that', async () => {
    document.body.style.fontFamily = 'Georgia, serif';
    try {
      const widget = await diagnosticsPage();
      expect(getComputedStyle(widget.shadowRoot!.querySelector('h2')!).fontFamily).to.contain('Georgia');
      expect(getComputedStyle(widget.shadowRoot!.querySelector('[part="recheck"]')!).fontFamily).to.contain('Georgia');
    } finally {
      document.body.style.fontFamily = '';
    }
  });

  it('is themable through --obec-* properties set anywhere above it, and ::part', async () => {
    const style = document.createElement('style');
    style.textContent = `body { --obec-color-primary: rgb(29, 92, 58); } obec-diagnostics::part(base) { border-width: 5px; }`;
    document.head.append(style);
    try {
      const widget = await diagnosticsPage();
      const button = widget.shadowRoot!.querySelector('[part="recheck"]')!;
      expect(getComputedStyle(button).color).to.equal('rgb(29, 92, 58)');
      expect(getComputedStyle(widget.shadowRoot!.querySelector('[part="base"]')!).borderTopWidth).to.equal('5px');
    } finally {
      style.remove();
    }
  });
});
