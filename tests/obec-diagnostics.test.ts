import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, TEST_API, textOf } from './helpers/page.js';

describe('<obec-diagnostics>', () => {
  afterEach(cleanPage);

  async function show(portalAttributes: string, widgetAttributes = '') {
    const page = mount(`<obec-portal ${portalAttributes}></obec-portal><obec-diagnostics ${widgetAttributes}></obec-diagnostics>`);
    const widget = page.querySelector('obec-diagnostics')!;
    return { page, widget, root: await rendered(widget) };
  }

  it('says how many widgets are on the page, in Czech plural', async () => {
    const page = mount(`<obec-portal api="${TEST_API}"></obec-portal><obec-diagnostics></obec-diagnostics><obec-diagnostics></obec-diagnostics>`);
    const root = await rendered(page.querySelector('obec-diagnostics')!);
    expect(textOf(root)).to.contain('Na stránce jsou 2 widgety obce.');
  });

  const failures: [string, string, string][] = [
    ['server down', 'http://127.0.0.1:9/api', 'Server obce teď neodpovídá.'],
    ['api address points nowhere', `${TEST_API}/no-such-base`, 'Hledaný záznam neexistuje.'],
  ];
  for (const [name, api, message] of failures) {
    it(`shows a localized, accessible message when the ${name}`, async () => {
      const { page, root } = await show(`api="${api}" timeout="2000"`);
      await waitUntil(() => textOf(root).includes(message), `never showed “${message}”: ${textOf(root)}`, { timeout: 8000 });
      await expectAccessible(page);
    });
  }

  it('is accessible in the dark theme and in English', async () => {
    const { page, widget, root } = await show(`api="${TEST_API}" theme="dark" lang="en"`);
    await waitUntil(() => textOf(root).includes('The town server answers (version 9.9.9).'));
    expect(widget.matches(':state(dark)')).to.equal(true);
    await expectAccessible(page);
  });

  it('the check can be repeated by keyboard alone, and focus stays on the button', async () => {
    const { root } = await show(`api="${TEST_API}"`);
    await waitUntil(() => textOf(root).includes('9.9.9'));
    const button = root.querySelector<HTMLButtonElement>('[part="recheck"]')!;
    const requests = () => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/test-api/health')).length;
    const before = requests();
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement).to.equal(button);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => requests() > before, 'Enter did not check again');
    await waitUntil(() => textOf(root).includes('9.9.9'));
    expect(root.activeElement).to.equal(button);
    expect(root.querySelector('[part="status"]')!.getAttribute('role')).to.equal('status');
  });
});
