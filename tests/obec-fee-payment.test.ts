import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-fee-payment/obec-fee-payment.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import { ALL_PAID, feeFetch, HOUSEHOLD, NOTHING } from '../stories/fee-fixtures.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

/** Component behaviour of <obec-fee-payment> on fixtures; the real backend and the QR decoded from pixels are in tests/flow. */
describe('<obec-fee-payment>', () => {
  afterEach(cleanPage);

  async function show({ signedIn = true, list = HOUSEHOLD as Parameters<typeof feeFetch>[0], attributes = '', lang = '' } = {}) {
    const page = mount(`<obec-portal api="https://obec.example/api" ${lang ? `lang="${lang}"` : ''}></obec-portal><obec-fee-payment ${attributes}></obec-fee-payment>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    portal.fetch = feeFetch(list);
    portal.session = new FixtureSession(signedIn ? { status: 'signed-in', citizen: ZOFIE } : { status: 'signed-out' });
    const widget = page.querySelector('obec-fee-payment')!;
    const root = await rendered(widget);
    return { page, widget, root };
  }
  const checkbox = (root: ShadowRoot, label: RegExp) =>
    [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((input) => label.test(root.querySelector(`label[for="${input.id}"]`)!.textContent!))!;

  it('lists the citizen’s and the household’s fees with amounts, dates and states in Czech', async () => {
    const { page, root } = await show();
    await waitUntil(() => root.querySelectorAll('[part="obligation"]').length === 4, 'fees not listed');
    const text = textOf(root);
    expect(text).to.contain('Poplatek za odpady 2027 – Žofie Dvořáková');
    expect(text).to.contain('Poplatek za odpady 2027 – Matěj Černý');
    expect(text).to.contain('780 Kč');
    expect(text).to.contain('31. 3. 2027');
    // partly paid and past its due date (30. 6. 2026) says both
    expect(text).to.contain('Zaplaceno částečně (200 Kč), po splatnosti');
    expect(text).to.contain('Zaplaceno');
    // paid obligations cannot be picked
    expect(root.querySelectorAll('input[type="checkbox"]')).to.have.length(3);
    await expectAccessible(page);
  });

  it('picking fees by keyboard sums what is still due, with Czech plurals', async () => {
    const { root } = await show();
    await waitUntil(() => root.querySelectorAll('input[type="checkbox"]').length === 3);
    checkbox(root, /Žofie Dvořáková/).focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => textOf(root).includes('Vybrán 1 poplatek za 780 Kč.'));
    checkbox(root, /Poplatek ze psů/).focus();
    await sendKeys({ press: 'Space' });
    // the dog fee is partly paid: 450 − 200 = 250 still due
    await waitUntil(() => textOf(root).includes('Vybrány 2 poplatky za 1 030 Kč.'), textOf(root));
  });

  it('pays by QR Platba: one code a fee with its text alternative and details to copy; focus moves there and back', async () => {
    const { page, root } = await show();
    await waitUntil(() => root.querySelectorAll('input[type="checkbox"]').length === 3);
    checkbox(root, /Žofie Dvořáková/).click();
    checkbox(root, /Matěj Černý/).click();
    root.querySelector<HTMLButtonElement>('[part="pay"]')!.click();
    await waitUntil(() => root.querySelectorAll('[part="payment"]').length === 2, 'no payment section');
    expect(root.activeElement?.id).to.equal('payment-title');
    const qr = root.querySelector('[part="qr"]')!;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('aria-label')).to.equal('QR Platba: 780\u00a0Kč na účet 19-2000145399/0800, variabilní symbol 2027000002');
    const details = textOf(root.querySelector('[part="payment"]')!);
    expect(details).to.contain('CZ65 0800 0000 1920 0014 5399');
    expect(details).to.contain('2027000002');
    expect(root.querySelectorAll('[part="copy"]').length).to.equal(10);
    await expectAccessible(page);
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((button) => /Zpět/.test(button.textContent!))!.click();
    await waitUntil(() => root.activeElement === root.querySelector('[part="pay"]'), 'focus not back on the pay button');
  });

  it('offers card payment only when the town takes cards', async () => {
    const withCards = await show();
    await waitUntil(() => withCards.root.querySelector('[part="pay"]'));
    expect(withCards.root.querySelector('[part="pay-card"]')).not.to.equal(null);
    cleanPage();
    const { root } = await show({ list: { ...HOUSEHOLD, cardPayments: false } });
    await waitUntil(() => root.querySelector('[part="pay"]'));
    expect(root.querySelector('[part="pay-card"]')).to.equal(null);
  });

  it('asks to pick a fee first', async () => {
    const { root } = await show();
    await waitUntil(() => root.querySelector('[part="pay"]'));
    root.querySelector<HTMLButtonElement>('[part="pay"]')!.click();
    await waitUntil(() => textOf(root).includes('Nejprve vyberte poplatek'));
    expect(root.querySelector('[part="payment"]')).to.equal(null);
  });

  it('shows only one fee kind when asked', async () => {
    const { root } = await show({ attributes: 'fee-kind="dog"' });
    await waitUntil(() => root.querySelectorAll('[part="obligation"]').length === 1);
    expect(textOf(root)).to.contain('Poplatek ze psů');
    expect(textOf(root)).not.to.contain('Poplatek za odpady');
  });

  it('says when there is nothing to pay, and when all is paid', async () => {
    const none = await show({ list: NOTHING });
    await waitUntil(() => textOf(none.root).includes('Žádné poplatky k zaplacení'));
    cleanPage();
    const paid = await show({ list: ALL_PAID });
    await waitUntil(() => textOf(paid.root).includes('Všechny vaše poplatky jsou zaplacené'));
    await expectAccessible(paid.page);
  });

  it('a failing server gets a clear message', async () => {
    const { page, root } = await show({ list: 'error' });
    await waitUntil(() => textOf(root).includes('Na serveru obce nastala chyba'));
    await expectAccessible(page);
  });

  it('without signing in: finds a fee by variable symbol and birth date, keeping what was typed on errors', async () => {
    const { page, root } = await show({ signedIn: false });
    const symbol = root.querySelector<HTMLInputElement>('#variable-symbol')!;
    const birthdate = root.querySelector<HTMLInputElement>('#birthdate')!;
    await expectAccessible(page);

    symbol.value = '20270A0002';
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => symbol.getAttribute('aria-invalid') === 'true');
    expect(root.activeElement).to.equal(symbol);
    expect(textOf(root)).to.contain('Variabilní symbol tvoří jen číslice');
    expect(symbol.value).to.equal('20270A0002');
    await expectAccessible(page);

    symbol.value = '2027000002';
    birthdate.value = '1990-01-01';
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => textOf(root).includes('Platbu s tímto variabilním symbolem a datem narození jsme nenašli'));
    expect(root.querySelector<HTMLInputElement>('#variable-symbol')!.value).to.equal('2027000002');
    expect(root.querySelector<HTMLInputElement>('#birthdate')!.value).to.equal('1990-01-01');

    root.querySelector<HTMLInputElement>('#birthdate')!.value = '1991-09-30';
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => root.querySelectorAll('[part="obligation"]').length === 1, 'lookup result not shown');
    expect(checkbox(root, /Žofie/).checked).to.equal(true);
  });

  const results: [string, RegExp][] = [
    ['paid', /Zaplaceno\. Děkujeme!.*Potvrzení o platbě č\. 2027\/000042/],
    ['declined', /Banka platbu zamítla\. Peníze vám nebyly strženy/],
    ['cancelled', /Platbu jste zrušili\. Nic jste nezaplatili/],
    ['expired', /Platba vypršela/],
    ['pending', /Čekáme na potvrzení platby od banky/],
  ];
  for (const [state, text] of results) {
    it(`back from the card gateway, reads the payment afresh and shows it: ${state}`, async () => {
      sessionStorage.setItem('obec-fee-payment:https://obec.example/api', JSON.stringify({ key: 'k', obligationIds: ['waste-2027-zofie'], paymentId: `payment-${state}` }));
      history.replaceState(null, '', `${location.pathname}?obec-payment=return`);
      try {
        const { page, root } = await show();
        await waitUntil(() => root.querySelector('[part="result"]'), 'no result shown');
        expect(textOf(root.querySelector('[part="result"]')!)).to.match(text);
        expect(root.activeElement?.id).to.equal('result-title');
        expect(location.search).to.equal('', 'the return parameter stays in the address');
        await expectAccessible(page);
      } finally {
        sessionStorage.clear();
        history.replaceState(null, '', location.pathname);
      }
    });
  }

  it('a card payment already under way for these fees is resumed, not started again', async () => {
    const { root } = await show();
    await waitUntil(() => root.querySelectorAll('input[type="checkbox"]').length === 3);
    checkbox(root, /Žofie Dvořáková/).click();
    root.querySelector<HTMLButtonElement>('[part="pay-card"]')!.click();
    await waitUntil(() => textOf(root).includes('už máte rozpracovanou platbu kartou'));
    expect([...root.querySelectorAll('button')].some((button) => /Pokračovat v rozpracované platbě/.test(button.textContent!))).to.equal(true);
    sessionStorage.clear();
  });

  it('speaks English', async () => {
    const { root } = await show({ lang: 'en' });
    await waitUntil(() => textOf(root).includes('Waste fee 2027 – Žofie Dvořáková'));
    expect(textOf(root)).to.contain('CZK 780');
  });
});
