import { expect, waitUntil } from '@open-wc/testing';
import { expectAccessible } from './helpers/axe.js';
import { captureConsoleErrors, cleanPage, mount, rendered, TEST_API, textOf } from './helpers/page.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';

describe('<obec-portal> configuration', () => {
  let consoleErrors: ReturnType<typeof captureConsoleErrors>;
  beforeEach(() => (consoleErrors = captureConsoleErrors()));
  afterEach(() => {
    consoleErrors.restore();
    cleanPage();
  });

  it('a good configuration reaches the widget and the backend answers', async () => {
    const page = mount(`<obec-portal api="${TEST_API}" authority="https://obec.example/oidc" client-id="web"><obec-diagnostics></obec-diagnostics></obec-portal>`);
    const root = await rendered(page.querySelector('obec-diagnostics')!);
    await waitUntil(() => textOf(root).includes('9.9.9'), 'health never shown');
    expect(textOf(root)).to.contain(TEST_API);
    expect(textOf(root)).to.contain('https://obec.example/oidc');
    expect(textOf(root)).to.contain('Server obce odpovídá (verze 9.9.9)');
    expect(consoleErrors.messages).to.deep.equal([]);
    await expectAccessible(page);
  });

  it('resolves a relative api URL against the page', async () => {
    const page = mount(`<obec-portal api="/test-api"><obec-diagnostics></obec-diagnostics></obec-portal>`);
    const root = await rendered(page.querySelector('obec-diagnostics')!);
    await waitUntil(() => textOf(root).includes('9.9.9'));
    expect(textOf(root)).to.contain(`${location.origin}/test-api`);
  });

  const badConfigs: [string, string, string, RegExp][] = [
    ['an api that is not a URL', `<obec-portal api="not a url">`, 'api', /"api" is invalid: expected an absolute http\(s\) URL.*got "not a url"/],
    ['an api with another scheme', `<obec-portal api="ftp://obec.example/api">`, 'api', /"api" is invalid/],
    ['a wrong theme', `<obec-portal api="${TEST_API}" theme="pink">`, 'theme', /"theme" is invalid: expected "light", "dark" or "auto", got "pink"/],
    ['a wrong timeout', `<obec-portal api="${TEST_API}" timeout="fast">`, 'timeout', /"timeout" is invalid: expected a whole number of milliseconds/],
    ['an unknown JSON setting', `<obec-portal api="${TEST_API}"><script type="application/json">{"colour":"red"}</script>`, 'colour', /"colour" is unknown/],
    ['a broken JSON block', `<obec-portal api="${TEST_API}"><script type="application/json">{api: nope}</script>`, 'script[type="application/json"]', /script\[type="application\/json"\] is invalid: expected a JSON object/],
  ];
  for (const [name, portal, attribute, consoleLine] of badConfigs) {
    it(`reports ${name} in the console once, naming the attribute`, async () => {
      mount(`${portal}</obec-portal><obec-diagnostics></obec-diagnostics><obec-diagnostics></obec-diagnostics>`);
      await waitUntil(() => consoleErrors.messages.length > 0, 'no console error');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(consoleErrors.messages).to.have.length(1);
      expect(consoleErrors.messages[0]).to.match(consoleLine);
      expect(consoleErrors.messages[0]).to.contain(attribute);
    });
  }

  it('shows a localized message in each widget that needs a wrong setting', async () => {
    const page = mount(`<obec-portal api="not a url"></obec-portal><obec-diagnostics></obec-diagnostics><aside><obec-diagnostics lang="en"></obec-diagnostics></aside>`);
    const [czech, english] = [...page.querySelectorAll('obec-diagnostics')];
    const czechText = textOf(await rendered(czech!));
    const englishText = textOf(await rendered(english!));
    expect(czechText).to.contain('Tuto službu se nepodařilo spustit');
    expect(czechText).to.contain('Nastavení „api“ v <obec-portal> je chybné: adresa serveru obce (http:// nebo https://).');
    expect(englishText).to.contain('The “api” setting of <obec-portal> is wrong');
    expect(czech!.shadowRoot!.querySelector('[part="config-error"]')!.getAttribute('role')).to.equal('alert');
    await expectAccessible(page);
  });

  it('a missing required setting shows a message and one console error', async () => {
    const page = mount(`<obec-portal></obec-portal><obec-diagnostics></obec-diagnostics><obec-diagnostics></obec-diagnostics>`);
    const text = textOf(await rendered(page.querySelector('obec-diagnostics')!));
    expect(text).to.contain('V <obec-portal> chybí nastavení „api“');
    expect(consoleErrors.messages.filter((line) => line.includes('"api"'))).to.have.length(1);
  });

  it('a wrong setting a widget does not need leaves it working, under a notice naming the setting', async () => {
    const page = mount(`<obec-portal api="${TEST_API}" theme="pink"><obec-diagnostics></obec-diagnostics></obec-portal>`);
    const root = await rendered(page.querySelector('obec-diagnostics')!);
    await waitUntil(() => textOf(root).includes('9.9.9') && root.querySelector('[part="config-warning"]') !== null);
    expect(root.querySelector('[part="config-error"]')).to.equal(null);
    const notice = [...root.querySelectorAll('[part="config-warning"] p')].map((line) => line.textContent);
    expect(notice).to.deep.equal([
      'Nastavení „theme“ v <obec-portal> je chybné: vzhled „light“, „dark“ nebo „auto“.',
      'Služba zatím používá výchozí hodnoty.',
    ]);
    expect(consoleErrors.messages.join()).to.contain('"theme" is invalid');
    await expectAccessible(page);
  });

  it('a broken JSON block is named as such in every widget', async () => {
    const page = mount(`<obec-portal api="${TEST_API}"><script type="application/json">{"timeout": 20000,}</script></obec-portal><obec-diagnostics></obec-diagnostics>`);
    const root = await rendered(page.querySelector('obec-diagnostics')!);
    await waitUntil(() => root.querySelector('[part="config-warning"]') !== null);
    expect(textOf(root)).to.contain('Nastavení „script[type="application/json"]“ v <obec-portal> je chybné: platný JSON s nastavením.');
  });

  it('a page without any <obec-portal> says so', async () => {
    const page = mount(`<obec-diagnostics></obec-diagnostics>`);
    const text = textOf(await rendered(page.querySelector('obec-diagnostics')!));
    expect(text).to.contain('Na stránce chybí nastavení <obec-portal>');
    expect(consoleErrors.messages.join()).to.contain('found no <obec-portal>');
    await expectAccessible(page);
  });

  it('settings come from the JSON block, and attributes win over it', async () => {
    const page = mount(`<obec-portal api="${TEST_API}"><script type="application/json">{"api": "https://elsewhere.example/api", "clientId": "from-json", "theme": "dark"}</script><obec-diagnostics></obec-diagnostics></obec-portal>`);
    const root = await rendered(page.querySelector('obec-diagnostics')!);
    expect(textOf(root)).to.contain(TEST_API);
    expect(textOf(root)).to.contain('from-json');
    expect(textOf(root)).to.contain('tmavý');
  });

  it('changing an attribute reconfigures the widgets, and a fix clears the error', async () => {
    const page = mount(`<obec-portal api="bad"><obec-diagnostics></obec-diagnostics></obec-portal>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    const root = await rendered(page.querySelector('obec-diagnostics')!);
    expect(root.querySelector('[part="config-error"]')).not.to.equal(null);
    portal.setAttribute('api', TEST_API);
    await waitUntil(() => textOf(root).includes('9.9.9'), 'fixed config never used');
    expect(root.querySelector('[part="config-error"]')).to.equal(null);
  });

  it('announces every change with an obec-config-change event', async () => {
    const page = mount(`<obec-portal api="${TEST_API}"></obec-portal>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    await portal.updateComplete;
    const seen: string[] = [];
    portal.addEventListener('obec-config-change', (event) => seen.push((event as CustomEvent).detail.lang));
    portal.setAttribute('lang', 'en');
    await waitUntil(() => seen.includes('en'));
  });
});
