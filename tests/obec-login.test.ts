import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-login/obec-login.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import type { SessionError } from '../src/session/session.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';
import { expectAccessible } from './helpers/axe.js';
import { captureConsoleErrors, cleanPage, mount, rendered, TEST_API, textOf } from './helpers/page.js';

/** Component behaviour of <obec-login> on a fixture session; the real sign-in is in tests/flow. */
describe('<obec-login>', () => {
  afterEach(cleanPage);

  async function show(session: FixtureSession, { lang = '', attributes = '' } = {}) {
    const page = mount(
      `<obec-portal api="${TEST_API}" authority="https://obec.example/oidc" client-id="web" ${lang ? `lang="${lang}"` : ''}></obec-portal>
       <header><obec-login ${attributes}></obec-login></header>`,
    );
    (page.querySelector('obec-portal') as ObecPortal).session = session;
    const login = page.querySelector('obec-login')!;
    const root = await rendered(login);
    return { page, login, root };
  }

  it('signed out: a sign-in button naming the identity means, accessible', async () => {
    const session = new FixtureSession();
    const { page, root } = await show(session);
    expect(textOf(root)).to.contain('Přihlásit se');
    expect(textOf(root)).to.contain('přes Identitu občana');
    await expectAccessible(page);
  });

  it('passes the level of assurance, the popup choice and the language to the sign-in', async () => {
    const session = new FixtureSession();
    const { root } = await show(session, { attributes: 'loa="loahigh" popup', lang: 'en' });
    await waitUntil(() => textOf(root).includes('Sign in'));
    root.querySelector<HTMLButtonElement>('[part="button"]')!.click();
    expect(session.calls).to.deep.equal([{ method: 'signIn', options: { loa: 'loahigh', popup: true, lang: 'en' } }]);
    await waitUntil(() => textOf(root).includes('Taking you to sign in'));
    expect(root.querySelector('[part="button"]')!.hasAttribute('disabled')).to.equal(true);
  });

  const errors: [SessionError, string][] = [
    ['cancelled', 'Přihlášení jste zrušili.'],
    ['idp-unavailable', 'Národní identitní autorita teď neodpovídá.'],
    ['broker-unavailable', 'Přihlašovací služba obce teď neodpovídá.'],
    ['stale', 'Tento odkaz na dokončení přihlášení už neplatí.'],
    ['expired', 'Vaše přihlášení vypršelo.'],
    ['failed', 'Přihlášení se nepodařilo.'],
  ];
  for (const [error, message] of errors) {
    it(`says plainly what happened: ${error}`, async () => {
      const { page, root } = await show(new FixtureSession({ status: 'signed-out', error }));
      expect(root.querySelector('[part="error"]')!.getAttribute('role')).to.equal('alert');
      expect(textOf(root.querySelector('[part="error"]')!)).to.contain(message);
      await expectAccessible(page);
    });
  }

  it('signed in: the name, and a menu with sign-out that works by keyboard', async () => {
    const session = new FixtureSession({ status: 'signed-in', citizen: ZOFIE });
    const { page, root } = await show(session);
    const button = root.querySelector<HTMLButtonElement>('[part="button"]')!;
    expect(textOf(button)).to.equal('Žofie Dvořáková');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(root.querySelector('[part="menu"]')!.hasAttribute('hidden')).to.equal(true);

    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.activeElement === root.querySelector('[part="sign-out"]'), 'focus did not move into the menu');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(textOf(root.querySelector('[part="menu"]')!)).to.contain('značná úroveň ověření');
    await expectAccessible(page);

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => root.querySelector('[part="menu"]')!.hasAttribute('hidden'));
    expect(root.activeElement).to.equal(button);

    button.click();
    await waitUntil(() => !root.querySelector('[part="menu"]')!.hasAttribute('hidden'));
    root.querySelector<HTMLButtonElement>('[part="sign-out"]')!.click();
    expect(session.calls).to.deep.equal([{ method: 'signOut' }]);
    await waitUntil(() => textOf(root).includes('Odhlašujeme'));
  });

  it('a click outside closes the menu', async () => {
    const { page, root } = await show(new FixtureSession({ status: 'signed-in', citizen: ZOFIE }));
    root.querySelector<HTMLButtonElement>('[part="button"]')!.click();
    await waitUntil(() => !root.querySelector('[part="menu"]')!.hasAttribute('hidden'));
    page.click();
    await waitUntil(() => root.querySelector('[part="menu"]')!.hasAttribute('hidden'), 'menu stayed open');
  });

  it('follows the session: a sign-in or sign-out in another tab updates it, with events for the host page', async () => {
    const session = new FixtureSession();
    const { login, root } = await show(session);
    const events: string[] = [];
    document.addEventListener('obec-sign-in', (event) => events.push(`in:${(event as CustomEvent).detail.name}`));
    document.addEventListener('obec-sign-out', (event) => events.push(`out:${(event as CustomEvent).detail.name}`));
    session.set({ status: 'signed-in', citizen: ZOFIE });
    await waitUntil(() => textOf(root).includes('Žofie Dvořáková'));
    session.set({ status: 'signed-out' });
    await waitUntil(() => textOf(root).includes('Přihlásit se'));
    expect(events).to.deep.equal(['in:Žofie Dvořáková', 'out:Žofie Dvořáková']);
    expect(login.isConnected).to.equal(true);
  });

  it('without authority and client-id it says what is missing', async () => {
    const errors = captureConsoleErrors();
    try {
      const page = mount(`<obec-portal api="${TEST_API}"></obec-portal><obec-login></obec-login>`);
      const root = await rendered(page.querySelector('obec-login')!);
      await waitUntil(() => textOf(root).includes('chybí nastavení „authority“'));
      expect(textOf(root)).to.contain('chybí nastavení „client-id“');
      await expectAccessible(page);
    } finally {
      errors.restore();
    }
  });
});
