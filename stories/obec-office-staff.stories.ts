import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import '../components/obec-office/sections/audit.js';
import '../components/obec-office/sections/staff.js';
import { FixtureSession, ZOFIE } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';
import { ADMIN, officeStaffFetch, type OfficeStaffBackend } from './office-staff-fixtures.js';

// Fixtures only: a fetch answering the staff accounts and the audit log. The real backend is in tests/flow.
const portal = (backend: OfficeStaffBackend = {}, extra: PortalFixture = {}) => ({
  portal: { fetch: officeStaffFetch(backend), session: new FixtureSession({ status: 'signed-in', citizen: ZOFIE }), ...extra } satisfies PortalFixture,
});

const meta = {
  title: 'Office/obec-office-staff',
  component: 'obec-office-staff',
  tags: ['autodocs'],
  render: () => html`<obec-office-staff .me=${ADMIN}></obec-office-staff>`,
  parameters: portal(),
} satisfies Meta;

export default meta;
type Story = StoryObj;

const shadow = (root: HTMLElement, selector = 'obec-office-staff') => root.querySelector(selector)!.shadowRoot!;
const expectText = (root: HTMLElement, text: string, selector = 'obec-office-staff') => expectWidgetText(root, text, { selector });
const press = async (root: HTMLElement, text: string, selector = 'obec-office-staff') => {
  const button = [...shadow(root, selector).querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.trim() === text)!;
  await userEvent.click(button);
};

/** The staff accounts. */
export const Staff: Story = { play: async ({ canvasElement }) => expectText(canvasElement, '3 pracovníci') };

/** The staff could not be loaded. */
export const LoadError: Story = { name: 'Load error', parameters: portal({ list: 'error' }), play: async ({ canvasElement }) => expectText(canvasElement, 'Zkusit znovu') };

/** A new account: the form. */
export const NewAccount: Story = {
  name: 'New account',
  play: async ({ canvasElement }) => {
    await expectText(canvasElement, '3 pracovníci');
    await press(canvasElement, 'Přidat pracovníka');
    await expectText(canvasElement, 'Nový pracovník');
  },
};

/** The form sent empty: the error summary. */
export const Missing: Story = {
  play: async ({ canvasElement }) => {
    await expectText(canvasElement, '3 pracovníci');
    await press(canvasElement, 'Přidat pracovníka');
    await press(canvasElement, 'Uložit');
    await expectText(canvasElement, 'Účet se nepodařilo uložit');
  },
};

/** Taking admin from the last admin: 409 last_admin. */
export const LastAdmin: Story = {
  name: 'Last admin',
  play: async ({ canvasElement }) => {
    await expectText(canvasElement, '3 pracovníci');
    await press(canvasElement, 'Upravit Karel Veselý');
    await userEvent.click(shadow(canvasElement).querySelector('#staff-role-admin')!);
    await userEvent.click(shadow(canvasElement).querySelector('#staff-role-fees')!);
    await press(canvasElement, 'Uložit');
    await expectText(canvasElement, 'Musí zůstat alespoň jeden pracovník');
  },
};

/** Removing an account asks first. */
export const ConfirmRemove: Story = {
  name: 'Confirm removal',
  play: async ({ canvasElement }) => {
    await expectText(canvasElement, '3 pracovníci');
    await press(canvasElement, 'Odebrat Podatelna');
    await expectText(canvasElement, 'Opravdu odebrat účet Podatelna?');
  },
};

/** In English. */
export const English: Story = { parameters: portal({}, { lang: 'en' }), play: async ({ canvasElement }) => expectText(canvasElement, '3 staff members') };

/** The audit log: actions in words, refusals marked, "Načíst starší". */
export const Audit: Story = {
  name: 'Audit log',
  render: () => html`<obec-office-audit .me=${ADMIN}></obec-office-audit>`,
  play: async ({ canvasElement }) => expectText(canvasElement, 'Uložení účtu pracovníka', 'obec-office-audit'),
};

/** The audit log, all pages loaded. */
export const AuditOlder: Story = {
  name: 'Audit log, older entries',
  render: () => html`<obec-office-audit .me=${ADMIN}></obec-office-audit>`,
  play: async ({ canvasElement }) => {
    await expectText(canvasElement, 'Načíst starší', 'obec-office-audit');
    await press(canvasElement, 'Načíst starší', 'obec-office-audit');
    await expectText(canvasElement, 'Starší záznamy nejsou.', 'obec-office-audit');
  },
};

/** The audit log could not be loaded. */
export const AuditError: Story = {
  name: 'Audit log, load error',
  parameters: portal({ auditAnswer: 'error' }),
  render: () => html`<obec-office-audit .me=${ADMIN}></obec-office-audit>`,
  play: async ({ canvasElement }) => expectText(canvasElement, 'Zkusit znovu', 'obec-office-audit'),
};
