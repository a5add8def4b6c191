import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-office/obec-office.js';
import type { ObecOffice } from '../components/obec-office/obec-office.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import type { SessionState } from '../src/session/session.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';
import { ADMIN, CLERK, officeFeesFetch, type OfficeFeesBackend } from '../stories/office-fees-fixtures.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';
const SIGNED_IN: SessionState = { status: 'signed-in', citizen: ZOFIE };

/** The element focus is on, through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The office shell: who is signed in, tabs by role, lazy sections. Sections have their own tests. */
describe('<obec-office>', () => {
  afterEach(() => cleanPage());

  async function show({ backend = {} as OfficeFeesBackend, session = SIGNED_IN, lang = '', tab = '' } = {}) {
    backend.log ??= [];
    const page = mount(`<obec-portal api="${API}" ${lang ? `lang="${lang}"` : ''}></obec-portal><obec-office ${tab ? `tab="${tab}"` : ''}></obec-office>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    const fixtureSession = new FixtureSession(session);
    portal.session = fixtureSession;
    portal.fetch = officeFeesFetch(backend);
    const widget = page.querySelector('obec-office') as ObecOffice;
    const root = await rendered(widget);
    await waitUntil(() => root.querySelector('[data-state], [role="tablist"], .message'), 'the office never showed');
    return { page, widget, root, log: backend.log, session: fixtureSession };
  }

  const tabs = (root: ShadowRoot) => [...root.querySelectorAll<HTMLElement>('[role="tab"]')];
  const tabNames = (root: ShadowRoot) => tabs(root).map((tab) => textOf(tab));
  const selected = (root: ShadowRoot) => root.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')!;

  it('offers sign-in when nobody is signed in, and asks nothing of the office API', async () => {
    const { root, log, session, widget } = await show({ session: { status: 'signed-out' } });
    expect(textOf(root)).to.include('Do úřadu se přihlaste jako pracovník obce.');
    expect(log.filter((entry) => entry.path === '/office/me')).to.have.length(0);
    [...root.querySelectorAll('button')].find((button) => textOf(button) === 'Přihlásit se')!.click();
    expect(session.calls.map((call) => call.method)).to.deep.equal(['signIn']);
    await expectAccessible(widget);
  });

  it('tells a signed-in citizen that this identity is not on the staff', async () => {
    const { root, widget } = await show({ backend: { me: 'not-staff' } });
    await waitUntil(() => root.querySelector('[data-state="not-staff"]'));
    expect(textOf(root)).to.include('tato identita není mezi pracovníky úřadu');
    expect(root.querySelector('[role="tablist"]')).to.equal(null);
    await expectAccessible(widget);
  });

  it('shows the clerk who is signed in, their roles and a tab per role; the fees section loads lazily', async () => {
    const { root, log, widget } = await show({ backend: { me: CLERK } });
    await waitUntil(() => root.querySelector('[role="tablist"]'));
    expect(textOf(root.querySelector('[part="who"]')!)).to.equal('Přihlášen(a): Alena Svobodová Role: poplatky, formuláře, ankety, hlášení');
    expect(tabNames(root)).to.deep.equal(['Poplatky', 'Formuláře', 'Ankety', 'Hlášení', 'Ukazatele']);
    expect(log.find((entry) => entry.path === '/office/me')!.headers.get('Authorization')).to.equal('Bearer fixture-token');
    const panel = root.querySelector('[role="tabpanel"]')!;
    expect(panel.getAttribute('aria-labelledby')).to.equal(selected(root).id);
    expect(selected(root).getAttribute('aria-controls')).to.equal(panel.id);
    await waitUntil(() => panel.querySelector('obec-office-fees'), 'the fees section loads');
    const fees = panel.querySelector('obec-office-fees')!;
    expect(fees.me).to.deep.equal(CLERK);
    await waitUntil(() => fees.shadowRoot?.querySelector('#obligations-total'));
    await expectAccessible(widget);
  });

  it('gives an admin every tab, staff and audit log included', async () => {
    const { root } = await show({ backend: { me: ADMIN } });
    await waitUntil(() => root.querySelector('[role="tablist"]'));
    expect(tabNames(root)).to.deep.equal(['Poplatky', 'Formuláře', 'Ankety', 'Hlášení', 'Ukazatele', 'Pracovníci', 'Záznam činností']);
    expect(textOf(root.querySelector('[part="who"]')!)).to.include('Role: správce');
  });

  it('moves between tabs with arrow keys, Home and End (roving tabindex), and reflects the tab attribute', async () => {
    const { root, widget } = await show({ backend: { me: CLERK } });
    await waitUntil(() => root.querySelector('[role="tablist"]'));
    expect(tabs(root).map((tab) => tab.tabIndex)).to.deep.equal([0, -1, -1, -1, -1]);
    const changes: string[] = [];
    widget.addEventListener('obec-office-tab', (event) => changes.push((event as CustomEvent<{ tab: string }>).detail.tab));
    selected(root).focus();
    await sendKeys({ press: 'ArrowRight' });
    await widget.updateComplete;
    expect(textOf(selected(root))).to.equal('Formuláře');
    expect(deepActive()).to.equal(selected(root));
    expect(widget.getAttribute('tab')).to.equal('forms');
    expect(tabs(root).map((tab) => tab.tabIndex)).to.deep.equal([-1, 0, -1, -1, -1]);
    await sendKeys({ press: 'End' });
    await widget.updateComplete;
    expect(textOf(selected(root))).to.equal('Ukazatele');
    await sendKeys({ press: 'ArrowRight' });
    await widget.updateComplete;
    expect(textOf(selected(root))).to.equal('Poplatky', 'wraps around');
    await sendKeys({ press: 'ArrowLeft' });
    await widget.updateComplete;
    expect(textOf(selected(root))).to.equal('Ukazatele');
    await sendKeys({ press: 'Home' });
    await widget.updateComplete;
    expect(textOf(selected(root))).to.equal('Poplatky');
    expect(deepActive()).to.equal(selected(root));
    expect(changes).to.deep.equal(['forms', 'indicators', 'fees', 'indicators', 'fees']);
    // the panel is the next stop of Tab
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('role')).to.equal('tabpanel');
  });

  it('opens the tab the attribute names, and the first allowed one when the role does not allow it', async () => {
    const one = await show({ backend: { me: CLERK }, tab: 'polls' });
    await waitUntil(() => one.root.querySelector('[role="tablist"]'));
    expect(textOf(selected(one.root))).to.equal('Ankety');
    cleanPage();
    const two = await show({ backend: { me: CLERK }, tab: 'audit' });
    await waitUntil(() => two.root.querySelector('[role="tablist"]'));
    expect(textOf(selected(two.root))).to.equal('Poplatky');
  });

  it('shows "Načítáme…" in a panel whose section has not arrived yet', async () => {
    const { root, widget } = await show({ backend: { me: CLERK } });
    await waitUntil(() => root.querySelector('[role="tablist"]'));
    widget.tab = 'reports';
    await widget.updateComplete;
    const panel = root.querySelector('[role="tabpanel"]')!;
    expect(panel.id).to.equal('panel-reports');
    expect(textOf(panel)).to.equal('Načítáme…');
  });

  it('speaks English', async () => {
    const { root, widget } = await show({ backend: { me: ADMIN }, lang: 'en' });
    await waitUntil(() => root.querySelector('[role="tablist"]'));
    expect(tabNames(root)).to.deep.equal(['Fees', 'Forms', 'Polls', 'Reports', 'Indicators', 'Staff', 'Audit log']);
    expect(textOf(root.querySelector('[part="who"]')!)).to.equal('Signed in: Karel Veselý Roles: administrator');
    const panel = root.querySelector('[role="tabpanel"]')!;
    await waitUntil(() => panel.querySelector('obec-office-fees')?.shadowRoot?.querySelector('#obligations-total'));
    await expectAccessible(widget);
  });
});
