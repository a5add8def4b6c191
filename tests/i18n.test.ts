import { expect, waitUntil } from '@open-wc/testing';
import { coreMessages } from '../src/i18n/core-messages.js';
import { resolveLang } from '../src/i18n/lang.js';
import { catalogFor, loadCatalog, Translator, type Catalogs, type MessageCatalog } from '../src/i18n/translator.js';
import { diagnosticsMessages } from '../components/obec-diagnostics/obec-diagnostics.messages.js';
import { cleanPage, mount, rendered, TEST_API, textOf } from './helpers/page.js';

describe('i18n', () => {
  afterEach(cleanPage);

  it('Czech plurals take one, few and many forms through Intl.PluralRules', () => {
    const cs = new Translator('cs', diagnosticsMessages);
    expect(cs.t('widgets', { count: 1 })).to.equal('Na stránce je 1 widget obce.');
    expect(cs.t('widgets', { count: 3 })).to.equal('Na stránce jsou 3 widgety obce.');
    expect(cs.t('widgets', { count: 5 })).to.equal('Na stránce je 5 widgetů obce.');
    expect(cs.t('widgets', { count: 1.5 })).to.equal('Na stránce je 1,5 widgetu obce.');
    expect(cs.t('widgets', { count: 1234 })).to.equal('Na stránce je 1\u00a0234 widgetů obce.');
  });

  it('English plurals and numbers, once English is loaded', async () => {
    await loadCatalog(coreMessages, 'en');
    const en = new Translator('en', coreMessages);
    expect(en.t('error.invalid', { count: 1 })).to.equal('Please correct 1 field.');
    expect(en.t('error.invalid', { count: 2 })).to.equal('Please correct 2 fields.');
    expect(new Translator('cs', coreMessages).t('error.invalid', { count: 2 })).to.equal('Opravte prosím 2 údaje.');
  });

  it('every catalogue translates every Czech key', async () => {
    for (const catalogs of [coreMessages, diagnosticsMessages] as Catalogs<MessageCatalog>[]) {
      await loadCatalog(catalogs, 'en');
      expect(Object.keys(catalogFor(catalogs, 'en')!).sort()).to.deep.equal(Object.keys(catalogs.cs).sort());
    }
  });

  it('language: the configured one, then <html lang>, then Czech', () => {
    const doc = document.implementation.createHTMLDocument('');
    expect(resolveLang(undefined, doc)).to.equal('cs');
    doc.documentElement.lang = 'en-GB';
    expect(resolveLang(undefined, doc)).to.equal('en');
    expect(resolveLang('cs', doc)).to.equal('cs');
    doc.documentElement.lang = 'de';
    expect(resolveLang(undefined, doc)).to.equal('cs');
    expect(resolveLang('EN', doc)).to.equal('en');
  });

  it('widgets speak the portal’s lang, else the page’s, and follow a change of <html lang>', async () => {
    document.documentElement.lang = 'en';
    const page = mount(`<obec-portal api="${TEST_API}"></obec-portal><obec-diagnostics></obec-diagnostics>`);
    const widget = page.querySelector('obec-diagnostics')!;
    const root = await rendered(widget);
    await waitUntil(() => textOf(root).includes('set-up check'), 'not English from <html lang>');
    expect(root.querySelector('[part="base"]')!.getAttribute('lang')).to.equal('en');
    document.documentElement.lang = 'cs';
    await waitUntil(() => textOf(root).includes('Kontrola nastavení'), 'did not follow <html lang>');
    page.querySelector('obec-portal')!.setAttribute('lang', 'en');
    await waitUntil(() => textOf(root).includes('set-up check'), 'did not follow the portal’s lang');
  });
});
