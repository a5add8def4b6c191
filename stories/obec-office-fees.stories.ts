import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import '../components/obec-office/sections/fees.js';
import { FixtureSession, ZOFIE } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';
import { BROKEN_CSV, BROKEN_FIELDS, CLERK, csvFile, demoObligations, GOOD_CSV, manyObligations, officeFeesFetch, type OfficeFeesBackend } from './office-fees-fixtures.js';

// Fixtures only: a fetch answering the office's fees routes. The section
// stands alone here; in a page it is a tab of <obec-office>.
const portal = (backend: OfficeFeesBackend = {}, extra: PortalFixture = {}) => ({
  portal: {
    fetch: officeFeesFetch(backend),
    session: new FixtureSession({ status: 'signed-in', citizen: ZOFIE }),
    ...extra,
  } satisfies PortalFixture,
});

const meta = {
  title: 'Office/obec-office-fees',
  component: 'obec-office-fees',
  tags: ['autodocs'],
  render: () => html`<obec-office-fees .me=${CLERK}></obec-office-fees>`,
  parameters: portal(),
} satisfies Meta;

export default meta;
type Story = StoryObj;

const shadow = (root: HTMLElement) => root.querySelector('obec-office-fees')!.shadowRoot!;
const expectFees = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-office-fees' });
const press = async (root: HTMLElement, text: string) => {
  const button = [...shadow(root).querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.trim() === text)!;
  await userEvent.click(button);
};
async function check(root: HTMLElement, file: File) {
  await expectFees(root, 'Nalezeno');
  await userEvent.upload(shadow(root).querySelector<HTMLInputElement>('#import-file')!, file);
  await press(root, 'Zkontrolovat');
}

/** Fee kinds, the town's obligations and payments. */
export const Lists: Story = { play: async ({ canvasElement }) => expectFees(canvasElement, 'Nalezeno 7 povinností.') };

/** More than one page of obligations: "další" and "předchozí". */
export const Paged: Story = {
  parameters: portal({ obligations: [...demoObligations(), ...manyObligations()] }),
  play: async ({ canvasElement }) => expectFees(canvasElement, '1–50 z 67'),
};

/** Loading. */
export const Loading: Story = { parameters: portal({}, { fetch: () => new Promise<Response>(() => {}) }) };

/** A good file checked: the preview with its counts and "Importovat". */
export const PreviewOk: Story = {
  name: 'Preview ok',
  play: async ({ canvasElement }) => {
    await check(canvasElement, csvFile(GOOD_CSV));
    await expectFees(canvasElement, '2 nové, 1 beze změny');
  },
};

/** A file with refused cells: every one by row and column; nothing imported. */
export const PreviewRefused: Story = {
  name: 'Preview with refused rows',
  parameters: portal({ import: { refuse: BROKEN_FIELDS } }),
  play: async ({ canvasElement }) => {
    await check(canvasElement, csvFile(BROKEN_CSV, 'rozbite.csv'));
    await expectFees(canvasElement, 'V souboru jsou 4 chyby.');
  },
};

/** A file with a header and no rows. */
export const HeaderOnly: Story = {
  name: 'Header only',
  play: async ({ canvasElement }) => {
    await check(canvasElement, csvFile(GOOD_CSV.split('\r\n')[0]!));
    await expectFees(canvasElement, 'Soubor má jen záhlaví');
  },
};

/** A file too large for the server (413). */
export const TooLarge: Story = {
  name: 'File too large',
  parameters: portal({ import: { status: 413, code: 'payload_too_large' } }),
  play: async ({ canvasElement }) => {
    await check(canvasElement, csvFile(GOOD_CSV));
    await expectFees(canvasElement, 'Soubor je příliš velký.');
  },
};

/** Imported: the counts, and the list already shows the new obligations. */
export const Imported: Story = {
  play: async ({ canvasElement }) => {
    await check(canvasElement, csvFile(GOOD_CSV));
    await expectFees(canvasElement, 'Importovat');
    await press(canvasElement, 'Importovat');
    await expectFees(canvasElement, 'Importováno: 2 nové, 1 beze změny.');
  },
};

/** Editing an obligation: an amount below what is paid is refused, the input kept. */
export const EditBelowPaid: Story = {
  name: 'Edit, below paid',
  play: async ({ canvasElement }) => {
    await expectFees(canvasElement, '2026000002');
    await userEvent.click(shadow(canvasElement).querySelector('[aria-label="Upravit povinnost 2026000002"]')!);
    const amount = shadow(canvasElement).querySelector<HTMLInputElement>('#edit-amount')!;
    await userEvent.clear(amount);
    await userEvent.type(amount, '400');
    await press(canvasElement, 'Uložit');
    await expectFees(canvasElement, 'Částka nemůže být nižší');
  },
};

/** Deleting an obligation something was paid on: refused. */
export const DeleteRefused: Story = {
  name: 'Delete refused',
  play: async ({ canvasElement }) => {
    await expectFees(canvasElement, '2026000002');
    await userEvent.click(shadow(canvasElement).querySelector('[aria-label="Smazat povinnost 2026000002"]')!);
    await press(canvasElement, 'Ano, smazat');
    await expectFees(canvasElement, 'nelze smazat');
  },
};

/** A bank statement imported: matched, skipped and unmatched lines. */
export const Statement: Story = {
  name: 'Bank statement',
  play: async ({ canvasElement }) => {
    await expectFees(canvasElement, 'Nalezeno');
    await userEvent.upload(shadow(canvasElement).querySelector<HTMLInputElement>('#statement-file')!, csvFile('date;amount;variable_symbol;reference\r\n2026-11-02;780,00;2027000001;b-1', 'vypis.csv'));
    await press(canvasElement, 'Načíst výpis');
    await expectFees(canvasElement, 'Spárováno: 2');
  },
};

/** In English. */
export const English: Story = {
  parameters: portal({}, { lang: 'en' }),
  play: async ({ canvasElement }) => expectFees(canvasElement, '7 obligations found.'),
};
