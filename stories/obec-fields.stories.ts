import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { action } from 'storybook/actions';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../components/obec-form/fields/fields.js';
import type { TextFieldType, Uploader } from '../components/obec-form/fields/fields.js';
import type { ChoiceField, Upload } from '../src/forms/definition.js';

// The form field elements on their own: no backend, no sign-in. The
// decorator's <obec-portal> only carries the toolbar's theme; the fields
// work without one too (the host form story shows them in a plain <form>).

interface TextArgs {
  type: TextFieldType;
  label: string;
  help: string;
  required: boolean;
  disabled: boolean;
  readonly: boolean;
  value: string;
}

const meta = {
  title: 'Widgets/Form fields',
  component: 'obec-text-field',
  tags: ['autodocs'],
  args: { type: 'text', label: 'Jméno a příjmení', help: 'Jak je uvedeno v občanském průkazu', required: true, disabled: false, readonly: false, value: '' },
  argTypes: { type: { control: 'select', options: ['text', 'textarea', 'email', 'phone', 'number', 'money', 'date'] } },
  render: (args) => html`<obec-text-field
    name="answer"
    type=${args.type}
    label=${args.label}
    help=${ifDefined(args.help || undefined)}
    ?required=${args.required}
    ?disabled=${args.disabled}
    ?readonly=${args.readonly}
    value=${ifDefined(args.value || undefined)}
  ></obec-text-field>`,
} satisfies Meta<TextArgs>;

export default meta;
type Story = StoryObj<TextArgs>;

/** The first field element in the story, its shadow root rendered. */
async function shown(canvas: HTMLElement, selector = '*'): Promise<{ field: HTMLElement & { checkValidity(): boolean }; root: ShadowRoot }> {
  let found: (HTMLElement & { checkValidity(): boolean }) | undefined;
  await waitFor(() => {
    found = [...canvas.querySelectorAll<HTMLElement & { checkValidity(): boolean }>(selector)].find((element) => element.localName.endsWith('-field'));
    expect(found?.shadowRoot?.childElementCount).toBeGreaterThan(0);
  });
  return { field: found!, root: found!.shadowRoot! };
}

/** Shows every field's errors, as submitting the host form does. */
async function submitted(canvas: HTMLElement): Promise<void> {
  await shown(canvas);
  for (const element of canvas.querySelectorAll<HTMLElement & { checkValidity(): boolean }>('*')) {
    if (element.localName.endsWith('-field') && element.localName.startsWith('obec-')) element.checkValidity();
  }
}

/** Waits until the fields in the story, together, read `text`. */
const expectText = async (canvas: HTMLElement, text: string) =>
  waitFor(
    () => {
      const shownText = [...canvas.querySelectorAll('*')]
        .filter((element) => element.localName.endsWith('-field'))
        .map((element) => element.shadowRoot?.textContent ?? '')
        .join(' ');
      expect(shownText.replace(/\s+/g, ' ')).toContain(text);
    },
    { timeout: 4000 },
  );

/** One line of text, required, with a hint: empty. */
export const Text: Story = {};

/** Filled in. */
export const TextFilled: Story = { name: 'Text, filled', args: { value: 'Jana Nováková' } };

/** The error as it shows after leaving the field empty or submitting the form. */
export const TextError: Story = {
  name: 'Text, error',
  play: async ({ canvasElement }) => {
    await submitted(canvasElement);
    await expectText(canvasElement, 'Vyplňte tento údaj.');
  },
};

/** Not editable and not submitted. */
export const TextDisabled: Story = { name: 'Text, disabled', args: { value: 'Jana Nováková', disabled: true } };

/** An e-mail address: typed wrong, the error shows when the person leaves the field. */
export const Email: Story = {
  name: 'E-mail, typed wrong',
  args: { type: 'email', label: 'E-mail', help: 'Na tuto adresu pošleme potvrzení.' },
  play: async ({ canvasElement }) => {
    const { root } = await shown(canvasElement);
    await userEvent.type(root.querySelector('input')!, 'jana@');
    await userEvent.tab();
    await expectText(canvasElement, 'Zadejte e-mail ve tvaru jmeno@example.cz.');
  },
};

/** An amount in CZK, Czech notation; "Kč" after the input and in the label for screen readers. */
export const Money: Story = { args: { type: 'money', label: 'Požadovaná částka', help: 'Nejvýše 50 000 Kč.', value: '12 500,50' } };

/** A number with a unit. */
export const NumberWithUnit: Story = {
  name: 'Number with a unit',
  render: () => html`<obec-text-field name="dogs" type="number" label="Počet psů" unit="ks" integer min="1" value="2"></obec-text-field>`,
};

/** A date, at most today. */
export const DateField: Story = {
  name: 'Date',
  render: () => html`<obec-text-field name="birth" type="date" label="Datum narození" max="today" required></obec-text-field>`,
};

/** Several lines with the characters left. */
export const Textarea: Story = {
  name: 'Textarea with a count',
  render: () => html`<obec-text-field name="description" type="textarea" maxlength="200" label="Popis projektu" help="Co chcete udělat a pro koho."></obec-text-field>`,
  play: async ({ canvasElement }) => {
    const { root } = await shown(canvasElement);
    await userEvent.type(root.querySelector('textarea')!, 'Lavičky na návsi');
    await expectText(canvasElement, 'Zbývá 184 znaků');
  },
};

const animals = html`<option value="dog">Pes</option>
  <option value="cat" title="Kočky se registrují dobrovolně.">Kočka</option>
  <option value="other">Jiné zvíře</option>`;
const animalsInEnglish = html`<option value="dog">Dog</option>
  <option value="cat" title="Registering cats is voluntary.">Cat</option>
  <option value="other">Another animal</option>`;

/** Radio buttons from `<option>` children; an option with a hint. */
export const Radio: Story = {
  name: 'Choice: radio',
  render: () => html`<obec-choice-field name="animal" label="Jaké zvíře přihlašujete?" required>${animals}</obec-choice-field>`,
};

/** Radios with nothing chosen after submitting. */
export const RadioError: Story = {
  name: 'Choice: radio, error',
  render: Radio.render,
  play: async ({ canvasElement }) => {
    await submitted(canvasElement);
    await expectText(canvasElement, 'Vyberte jednu z možností.');
  },
};

/** A select list. */
export const Select: Story = {
  name: 'Choice: select',
  render: () => html`<obec-choice-field name="animal" display="select" label="Jaké zvíře přihlašujete?">${animals}</obec-choice-field>`,
};

const purposes: ChoiceField = {
  id: 'purposes',
  type: 'choice',
  display: 'checkboxes',
  label: { cs: 'Na co dotaci použijete?', en: 'What will you use the grant for?' },
  help: { cs: 'Vyberte nejvýše dvě oblasti.', en: 'Choose at most two areas.' },
  maxSelected: 2,
  options: [
    { value: 'sport', label: { cs: 'Sport', en: 'Sport' } },
    { value: 'culture', label: { cs: 'Kultura', en: 'Culture' } },
    { value: 'seniors', label: { cs: 'Senioři', en: 'Seniors' } },
  ],
};

/** Check boxes from a form definition's field (as `<obec-form>` renders them), over the limit. */
export const Checkboxes: Story = {
  name: 'Choice: checkboxes, too many',
  render: () => html`<obec-choice-field .field=${purposes} .value=${['sport', 'culture', 'seniors']}></obec-choice-field>`,
  play: async ({ canvasElement }) => {
    await submitted(canvasElement);
    await expectText(canvasElement, 'Vyberte nejvýše 2 možnosti.');
  },
};

/** Ano / Ne. */
export const YesNo: Story = {
  name: 'Yes / no',
  render: () => html`<obec-yesno-field name="chip" label="Je pes očipovaný?" help="Čip je od roku 2020 povinný." required></obec-yesno-field>`,
};

/** One check box that must be ticked, not ticked after submitting. */
export const Checkbox: Story = {
  name: 'Checkbox, must be ticked',
  render: () => html`<obec-checkbox-field name="truth" label="Prohlašuji, že uvedené údaje jsou pravdivé." required></obec-checkbox-field>`,
  play: async ({ canvasElement }) => {
    await submitted(canvasElement);
    await expectText(canvasElement, 'Zaškrtněte políčko.');
  },
};

/** An address, the postcode wrong. */
export const Address: Story = {
  name: 'Address, postcode wrong',
  render: () =>
    html`<obec-address-field
      name="home"
      label="Adresa trvalého pobytu"
      required
      .value=${{ street: 'Náměstí 1', city: 'Javorná Lhota', postcode: '1234' }}
    ></obec-address-field>`,
  play: async ({ canvasElement }) => {
    await submitted(canvasElement);
    await expectText(canvasElement, 'Zadejte PSČ o 5 číslicích');
  },
};

/** A bank account with the format as a hint. */
export const BankAccount: Story = {
  name: 'Bank account',
  render: () => html`<obec-bank-account-field name="account" label="Číslo účtu" help="Na tento účet pošleme dotaci." required></obec-bank-account-field>`,
};

const pdf = (name: string, size = 180_000) => new File([new Uint8Array(size)], name, { type: 'application/pdf' });

/** Chooses files in the field's file input, as the file dialog would. */
function choose(root: ShadowRoot, ...files: File[]): void {
  const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Files in a host page's form: no uploader, the files go with the form. */
export const Files: Story = {
  name: 'Files',
  render: () =>
    html`<obec-file-field
      name="attachments"
      label="Přílohy"
      help="Rozpočet a fotografie místa."
      accept="application/pdf,image/jpeg,image/png"
      max-size="5242880"
      max-files="3"
      .value=${[pdf('rozpocet.pdf'), pdf('souhlas-vlastnika.pdf', 42_000)]}
    ></obec-file-field>`,
};

/**
 * With an uploader, as in `<obec-form>`: each file uploads at once (a second
 * here). Choose a PDF named `refused.pdf` to see the server refuse it, or
 * `offline.pdf` for a failed connection.
 */
const slowUploader: Uploader = (file, signal) =>
  new Promise<Upload>((resolve, reject) => {
    action('upload')(file.name, file.size);
    const timer = setTimeout(() => {
      if (file.name === 'refused.pdf') reject(Object.assign(new Error('refused'), { code: 'file_type' }));
      else if (file.name === 'offline.pdf') reject(new Error('The upload could not reach the server'));
      else resolve({ id: crypto.randomUUID(), name: file.name, size: file.size, type: file.type });
    }, 1000);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

export const FilesUploading: Story = {
  name: 'Files with an uploader',
  render: () =>
    html`<obec-file-field
      name="attachments"
      label="Přílohy"
      accept="application/pdf"
      max-size="5242880"
      max-files="3"
      required
      .uploader=${slowUploader}
    ></obec-file-field>`,
  play: async ({ canvasElement }) => {
    const { root } = await shown(canvasElement);
    choose(root, pdf('rozpocet.pdf'), pdf('refused.pdf'));
    await expectText(canvasElement, 'nahrává se…');
    await expectText(canvasElement, 'Soubor refused.pdf nelze přiložit.');
  },
};

/** A refused file: wrong type and too large, refused before anything is sent. */
export const FilesRefused: Story = {
  name: 'Files, refused before upload',
  render: () => html`<obec-file-field name="photo" label="Fotografie psa" accept="image/jpeg" max-size="1048576"></obec-file-field>`,
  play: async ({ canvasElement }) => {
    const { root } = await shown(canvasElement);
    choose(root, pdf('pes.pdf'));
    await expectText(canvasElement, 'Soubor pes.pdf nelze přiložit.');
  },
};

/** Every element disabled by a `<fieldset disabled>` around them. */
export const Disabled: Story = {
  render: () => html`<fieldset disabled style="border: 0; padding: 0; margin: 0">${everything()}</fieldset>`,
};

/** In English (the portal's `lang="en"`), the errors shown. */
export const English: Story = {
  parameters: { portal: { lang: 'en' } },
  render: () => html`<div lang="en">${everything('en')}</div>`,
  play: async ({ canvasElement }) => {
    await submitted(canvasElement);
    await expectText(canvasElement, 'Enter an amount in Czech crowns.');
  },
};

const LABELS = {
  cs: ['Jméno a příjmení', 'Požadovaná částka', 'Zvíře', 'Je pes očipovaný?', 'Adresa trvalého pobytu', 'Číslo účtu', 'Přílohy', 'Prohlašuji, že uvedené údaje jsou pravdivé.'],
  en: ['Full name', 'Amount requested', 'Animal', 'Is the dog chipped?', 'Permanent address', 'Bank account', 'Attachments', 'I declare that the details given are true.'],
};

/** One of each element, labelled in a language (the field texts come from the page, the rest from the fields). */
function everything(lang: keyof typeof LABELS = 'cs'): TemplateResult {
  const [name, amount, animal, chip, home, account, attachments, truth] = LABELS[lang];
  return html`<obec-text-field name="name" label=${name!} required value="Jana Nováková"></obec-text-field>
    <obec-text-field name="amount" type="money" label=${amount!} required></obec-text-field>
    <obec-choice-field name="animal" label=${animal!} required>${lang === 'en' ? animalsInEnglish : animals}</obec-choice-field>
    <obec-yesno-field name="chip" label=${chip!} required></obec-yesno-field>
    <obec-address-field name="home" label=${home!} required></obec-address-field>
    <obec-bank-account-field name="account" label=${account!}></obec-bank-account-field>
    <obec-file-field name="attachments" label=${attachments!} accept="application/pdf"></obec-file-field>
    <obec-checkbox-field name="truth" label=${truth!} required></obec-checkbox-field>`;
}

/** What the host page's form would send, shown instead of sending it. */
function showSubmission(event: SubmitEvent): void {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const lines = [...new FormData(form)].map(([name, value]) => `${name} = ${typeof value === 'string' ? value : `(soubor) ${value.name}`}`);
  form.querySelector('output')!.textContent = lines.join('\n');
  action('submit')(lines);
}

/**
 * The fields in a town's own plain `<form>`, with no `<obec-form>`: the
 * browser's validation stops an incomplete form at the first error, reset
 * brings the starting values back, and the submission carries every answer
 * (the address as `home.street`, `home.city`, `home.postcode`; check boxes
 * once per ticked option; the files themselves).
 */
export const HostForm: Story = {
  name: 'In a plain host page form',
  parameters: { portal: false },
  render: () => html`<form @submit=${showSubmission} style="max-width: 40em">
    ${everything()}
    <obec-choice-field name="interests" display="checkboxes" label="Zájmy">
      <option value="sport" selected>Sport</option>
      <option value="culture">Kultura</option>
    </obec-choice-field>
    <div style="display: flex; gap: 8px">
      <button type="submit">Odeslat</button>
      <button type="reset">Vrátit původní hodnoty</button>
    </div>
    <output style="display: block; margin-top: 16px; white-space: pre-wrap; font-family: monospace"></output>
  </form>`,
  play: async ({ canvasElement }) => {
    await shown(canvasElement);
    await userEvent.click(canvasElement.querySelector<HTMLButtonElement>('button[type="submit"]')!);
    // the browser stops at the first invalid field and the person lands in it
    await waitFor(() => expect(document.activeElement?.localName).toBe('obec-text-field'));
    expect(canvasElement.querySelector('output')!.textContent).toBe('');
  },
};
