import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-office/sections/audit.js';
import '../components/obec-office/sections/staff.js';
import { staffIdOf } from '../components/obec-office/sections/staff.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import { ADMIN, officeStaffFetch, STAFF, type OfficeStaffBackend } from '../stories/office-staff-fixtures.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';

function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function show(tag: 'obec-office-staff' | 'obec-office-audit', { backend = {} as OfficeStaffBackend, lang = '' } = {}) {
  backend.log ??= [];
  const page = mount(`<obec-portal api="${API}" ${lang ? `lang="${lang}"` : ''}></obec-portal><${tag}></${tag}>`);
  const portal = page.querySelector('obec-portal') as ObecPortal;
  portal.session = new FixtureSession({ status: 'signed-in', citizen: ZOFIE });
  portal.fetch = officeStaffFetch(backend);
  const widget = page.querySelector(tag)!;
  widget.me = ADMIN;
  const root = await rendered(widget);
  await waitUntil(() => root.querySelector('table, .message.error'), 'the table never showed');
  return { widget, root, log: backend.log };
}

const text = (root: ShadowRoot | Element) => textOf(root);
const button = (root: ShadowRoot | Element, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => textOf(candidate) === label)!;
const summary = (root: ShadowRoot) => root.querySelector<HTMLElement>('[part="error-summary"]');
const type = (root: ShadowRoot, id: string, value: string) => {
  const element = root.querySelector<HTMLInputElement>(`#${id}`)!;
  element.value = value;
  element.dispatchEvent(new Event('input'));
};
const check = (root: ShadowRoot, id: string, on = true) => {
  const element = root.querySelector<HTMLInputElement>(`#${id}`)!;
  element.checked = on;
  element.dispatchEvent(new Event('change'));
};

/** `<obec-office-staff>` on fixtures; the real routes are tested in tests/server. */
describe('<obec-office-staff>', () => {
  afterEach(() => cleanPage());

  it('lists the staff with roles, identity or subject, binding, last sign-in and source', async () => {
    const { root, widget, log } = await show('obec-office-staff');
    expect(log.some((entry) => entry.path === '/office/staff')).to.equal(true);
    expect(text(root.querySelector('caption')!)).to.equal('3 pracovníci');
    const rows = root.querySelectorAll('tbody tr');
    expect(text(rows[0]!)).to.contain('Karel Veselý').and.contain('správa').and.contain('2. 3. 1975').and.contain('Ano');
    expect(text(rows[1]!)).to.contain('poplatky, formuláře, ankety, hlášení').and.contain('Dosud ne');
    expect(text(rows[2]!)).to.contain('Subjekt idp:podatelna');
    expect(text(root)).to.contain('trvale naváže');
    expect(root.querySelectorAll('[style]').length).to.equal(0);
    await expectAccessible(widget);
  });

  it('adds a staff member by their NIA identity: the PUT, the notice takes focus, the row appears', async () => {
    const { root, widget, log } = await show('obec-office-staff');
    button(root, 'Přidat pracovníka').click();
    await waitUntil(() => root.querySelector('#staff-name'));
    await widget.updateComplete;
    expect(deepActive()?.id).to.equal('form-title');
    await expectAccessible(widget);
    type(root, 'staff-name', 'Jana Malá');
    check(root, 'staff-role-fees');
    check(root, 'staff-role-feedback');
    type(root, 'staff-givenName', 'Jana');
    type(root, 'staff-familyName', 'Malá');
    type(root, 'staff-birthdate', '1990-01-31');
    button(root, 'Uložit').click();
    await waitUntil(() => root.querySelector('#notice'), 'not saved');
    await widget.updateComplete;
    const put = log.find((entry) => entry.method === 'PUT')!;
    expect(put.path).to.equal('/office/staff/jana-mala');
    expect(put.body).to.deep.equal({ name: 'Jana Malá', roles: ['fees', 'feedback'], givenName: 'Jana', familyName: 'Malá', birthdate: '1990-01-31' });
    expect(deepActive()?.id).to.equal('notice');
    expect(text(root.querySelector('#notice')!)).to.equal('Účet Jana Malá je uložený.');
    expect(root.querySelectorAll('tbody tr').length).to.equal(4);
    await expectAccessible(widget);
  });

  it('adds an account of the town’s identity server by its subject', async () => {
    const { root, log } = await show('obec-office-staff');
    button(root, 'Přidat pracovníka').click();
    await waitUntil(() => root.querySelector('#staff-name'));
    type(root, 'staff-name', 'Matrika');
    check(root, 'staff-role-forms');
    check(root, 'staff-kind-subject');
    await waitUntil(() => root.querySelector('#staff-subject'));
    type(root, 'staff-subject', 'idp:matrika');
    button(root, 'Uložit').click();
    await waitUntil(() => root.querySelector('#notice'));
    expect(log.find((entry) => entry.method === 'PUT')!.body).to.deep.equal({ name: 'Matrika', roles: ['forms'], subject: 'idp:matrika' });
  });

  it('lists what is missing before sending, with links to the fields', async () => {
    const { root, widget, log } = await show('obec-office-staff');
    button(root, 'Přidat pracovníka').click();
    await waitUntil(() => root.querySelector('#staff-name'));
    button(root, 'Uložit').click();
    await waitUntil(() => summary(root));
    await widget.updateComplete;
    expect(deepActive()).to.equal(summary(root));
    expect(summary(root)!.querySelectorAll('li').length).to.equal(5);
    expect(text(summary(root)!)).to.contain('Vyberte alespoň jednu roli.');
    expect(log.some((entry) => entry.method === 'PUT')).to.equal(false);
    await expectAccessible(widget);
    summary(root)!.querySelectorAll('a')[1]!.click();
    expect(deepActive()?.id).to.equal('staff-role-admin');
  });

  it('refuses to take the admin role from the last admin (409 last_admin) and keeps the input', async () => {
    const { root, widget } = await show('obec-office-staff');
    button(root, 'Upravit Karel Veselý').click();
    await waitUntil(() => root.querySelector('#staff-name'));
    expect(root.querySelector<HTMLInputElement>('#staff-givenName')!.value).to.equal('Karel');
    expect(text(root)).to.contain('pochází ze souboru');
    check(root, 'staff-role-admin', false);
    check(root, 'staff-role-polls');
    type(root, 'staff-name', 'Karel Veselý, starosta');
    button(root, 'Uložit').click();
    await waitUntil(() => summary(root));
    await widget.updateComplete;
    expect(deepActive()).to.equal(summary(root));
    expect(text(summary(root)!)).to.contain('Musí zůstat alespoň jeden pracovník s rolí správy úřadu.');
    expect(root.querySelector<HTMLInputElement>('#staff-name')!.value).to.equal('Karel Veselý, starosta');
    expect(root.querySelector<HTMLInputElement>('#staff-role-polls')!.checked).to.equal(true);
    await expectAccessible(widget);
  });

  it('marks the field the server refused (409 subject_taken)', async () => {
    const backend: OfficeStaffBackend = { save: { status: 409, code: 'subject_taken', fields: [{ path: 'subject', code: 'subject_taken' }] } };
    const { root } = await show('obec-office-staff', { backend });
    button(root, 'Upravit Podatelna').click();
    await waitUntil(() => root.querySelector('#staff-subject'));
    button(root, 'Uložit').click();
    await waitUntil(() => summary(root));
    expect(text(summary(root)!)).to.contain('Tento subjekt už patří jinému účtu.');
    expect(root.querySelector('#staff-subject')!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('removes an account after a confirmation, and cancelling keeps it', async () => {
    const { root, widget, log } = await show('obec-office-staff');
    button(root, 'Odebrat Podatelna').click();
    await waitUntil(() => root.querySelector('#confirm-text'));
    await widget.updateComplete;
    expect(deepActive()?.id).to.equal('confirm-text');
    await expectAccessible(widget);
    button(root, 'Zrušit').click();
    await widget.updateComplete;
    expect(deepActive()?.id).to.equal('remove-podatelna');
    expect(log.some((entry) => entry.method === 'DELETE')).to.equal(false);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('#confirm-text'));
    button(root, 'Ano, odebrat').click();
    await waitUntil(() => root.querySelector('#notice'));
    expect(log.find((entry) => entry.method === 'DELETE')!.path).to.equal('/office/staff/podatelna');
    expect(text(root.querySelector('#notice')!)).to.equal('Účet Podatelna je odebraný.');
    expect(root.querySelectorAll('tbody tr').length).to.equal(2);
  });

  it('says why the last admin cannot be removed', async () => {
    const { root, widget } = await show('obec-office-staff');
    button(root, 'Odebrat Karel Veselý').click();
    await waitUntil(() => root.querySelector('#confirm-text'));
    button(root, 'Ano, odebrat').click();
    await waitUntil(() => root.querySelector('#notice'));
    await widget.updateComplete;
    expect(deepActive()?.id).to.equal('notice');
    expect(text(root.querySelector('#notice')!)).to.contain('Musí zůstat alespoň jeden pracovník');
    expect(root.querySelectorAll('tbody tr').length).to.equal(3);
    await expectAccessible(widget);
  });

  it('gives new accounts free ids from their names', () => {
    expect(staffIdOf('Žofie Dvořáková', [])).to.equal('zofie-dvorakova');
    expect(staffIdOf('Jan Novák', ['jan-novak'])).to.equal('jan-novak-2');
  });

  it('speaks English', async () => {
    const { root, widget } = await show('obec-office-staff', { lang: 'en' });
    expect(text(root.querySelector('caption')!)).to.equal('3 staff members');
    button(root, 'Add a staff member').click();
    await waitUntil(() => root.querySelector('#staff-name'));
    expect(text(root)).to.contain('Roles').and.contain('How they sign in');
    await expectAccessible(widget);
  });
});

describe('<obec-office-audit>', () => {
  afterEach(() => cleanPage());

  it('shows the log: actions in words or as logged, refusals marked', async () => {
    const { root, widget, log } = await show('obec-office-audit');
    expect(log.some((entry) => entry.path === '/office/audit?limit=50')).to.equal(true);
    const rows = root.querySelectorAll('tbody tr');
    expect(rows.length).to.equal(50);
    expect(text(rows[0]!)).to.contain('Karel Veselý').and.contain('Uložení účtu pracovníka').and.contain('id: podatelna').and.contain('provedeno (201)');
    expect(text(rows[1]!.querySelector('.badge')!)).to.equal('odmítnuto (409)');
    expect(text(rows[3]!)).to.contain('POST /office/some-new-route').and.contain('Integrační token');
    expect(text(rows[4]!)).to.contain('Změna stavu ankety');
    await expectAccessible(widget);
  });

  it('loads older entries with before= and moves focus to the first of them', async () => {
    const { root, widget, log } = await show('obec-office-audit');
    root.querySelector<HTMLButtonElement>('#older')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelectorAll('tbody tr').length === 60, 'no older entries');
    await widget.updateComplete;
    expect(log.at(-1)!.path).to.equal('/office/audit?limit=50&before=151');
    expect(deepActive()?.id).to.equal('entry-150');
    expect(root.querySelector('#older')).to.equal(null);
    expect(text(root)).to.contain('Starší záznamy nejsou.');
    await expectAccessible(widget);
  });

  it('filters by a staff member from the staff list', async () => {
    const { root, log } = await show('obec-office-audit');
    await waitUntil(() => root.querySelectorAll('#actor option').length === STAFF.length + 2, 'the staff never came');
    const select = root.querySelector<HTMLSelectElement>('#actor')!;
    select.value = 'karel-vesely';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => root.querySelectorAll('tbody tr').length === 2);
    expect(log.at(-1)!.path).to.equal('/office/audit?limit=50&actor=karel-vesely');
  });

  it('speaks English and shows a failure with a retry', async () => {
    const backend: OfficeStaffBackend = { auditAnswer: 'error' };
    const { root, widget } = await show('obec-office-audit', { backend, lang: 'en' });
    expect(text(root)).to.contain('The log could not be loaded.');
    await expectAccessible(widget);
    backend.auditAnswer = 'ok';
    button(root, 'Try again').click();
    await waitUntil(() => root.querySelector('table'));
    expect(text(root.querySelector('tbody tr')!)).to.contain('Staff account saved');
  });
});
