import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import type { ObecField } from '../components/obec-form/fields/field-base.js';
import '../components/obec-form/fields/fields.js';
import type { ObecFileField, ObecTextField, Uploader } from '../components/obec-form/fields/fields.js';
import type { Upload } from '../src/forms/definition.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

type AnyField = ObecField<never, unknown> & HTMLElement;

/** Form-associated field elements, in a plain <form> of the host page as a web agency would use them. */
describe('form fields', () => {
  afterEach(cleanPage);

  /** A host page form with the markup inside, every field rendered. */
  async function form<T extends HTMLElement = AnyField>(markup: string, { lang = '' } = {}) {
    const page = mount(`<form ${lang ? `lang="${lang}"` : ''}>${markup}<button type="submit">Odeslat</button></form>`);
    const element = page.querySelector('form')!;
    element.addEventListener('submit', (event) => event.preventDefault());
    const fields = [...element.querySelectorAll<AnyField>('*')].filter((node) => node.localName.startsWith('obec-'));
    for (const field of fields) await rendered(field);
    return { page, form: element, field: fields[0] as unknown as T, root: fields[0]!.shadowRoot! };
  }
  const entries = (element: HTMLFormElement) => [...new FormData(element)].map(([name, value]) => [name, typeof value === 'string' ? value : (value as File).name]);
  const input = (root: ShadowRoot, selector = '#control') => root.querySelector<HTMLInputElement>(selector)!;
  const errorOf = (root: ShadowRoot, id = 'error') => textOf(root.querySelector(`#${id}`) ?? document.createElement('p'));
  // elements are compared by name: a failing assertion on a DOM node cannot be reported by the runner
  const focused = (root: ShadowRoot | Document) => (root.activeElement ? `${root.activeElement.localName}#${root.activeElement.id}` : 'nothing');
  const has = (root: ShadowRoot, selector: string) => root.querySelector(selector) !== null;
  async function typeInto(control: HTMLElement, text: string) {
    control.focus();
    await sendKeys({ type: text });
  }
  async function leave(field: AnyField) {
    await sendKeys({ press: 'Tab' });
    await field.updateComplete;
  }

  describe('<obec-text-field>', () => {
    it('submits what was typed, fires input and change on the host with the value current', async () => {
      const { form: host, field, root } = await form(`<obec-text-field name="applicant" label="Jméno a příjmení"></obec-text-field>`);
      const heard: string[] = [];
      field.addEventListener('input', () => heard.push(`input ${String(field.value)}`));
      field.addEventListener('change', () => heard.push(`change ${String(field.value)}`));
      await typeInto(input(root), 'Jana');
      await leave(field);
      expect(heard).to.deep.equal(['input J', 'input Ja', 'input Jan', 'input Jana', 'change Jana']);
      expect(entries(host)).to.deep.equal([['applicant', 'Jana']]);
    });

    it('a required field blocks the form; reportValidity takes the person to the input and shows the error linked to it', async () => {
      const { page, form: host, field, root } = await form(`<obec-text-field name="applicant" label="Jméno" help="Jak je uvedeno v dokladu" required></obec-text-field>`);
      const control = input(root);
      // nothing shown before the person did anything
      expect(errorOf(root)).to.equal('');
      expect(control.getAttribute('aria-invalid')).to.equal('false');
      expect(host.checkValidity()).to.equal(false);
      expect(field.validity.valueMissing).to.equal(true);
      expect(field.validationMessage).to.equal('Vyplňte tento údaj.');

      expect(field.reportValidity()).to.equal(false);
      expect(focused(root)).to.equal('input#control');
      await field.updateComplete;
      const error = root.querySelector('#error')!;
      expect(error.getAttribute('part')).to.equal('error');
      expect(textOf(error)).to.equal('Chyba: Vyplňte tento údaj.');
      expect(error.querySelector('.visually-hidden')!.textContent).to.equal('Chyba: ');
      expect(control.getAttribute('aria-invalid')).to.equal('true');
      expect(control.getAttribute('aria-describedby')).to.equal('hint error');
      expect(root.querySelector('#hint')!.textContent).to.contain('Jak je uvedeno v dokladu');
      expect(root.querySelector(`label[for="${control.id}"]`)!.textContent).to.contain('Jméno');
      await expectAccessible(page);

      await typeInto(control, 'Jana');
      await field.updateComplete;
      expect(host.checkValidity()).to.equal(true);
      expect(errorOf(root)).to.equal('');
      expect(control.getAttribute('aria-describedby')).to.equal('hint');
    });

    it('the host form’s own reportValidity focuses the first invalid field’s input', async () => {
      const { form: host, root } = await form(
        `<obec-text-field name="a" label="A" value="ok"></obec-text-field><obec-text-field name="b" label="B" required></obec-text-field>`,
      );
      const second = host.querySelectorAll('obec-text-field')[1]!;
      expect(host.reportValidity()).to.equal(false);
      expect(document.activeElement === second).to.equal(true);
      expect(focused(second.shadowRoot!)).to.equal('input#control');
      expect(focused(root)).to.equal('nothing');
    });

    it('shows an error only after the person leaves the field, not while first typing', async () => {
      const { field, root } = await form(`<obec-text-field type="email" name="email" label="E-mail"></obec-text-field>`);
      const control = input(root);
      expect(control.type).to.equal('email');
      expect(control.getAttribute('autocomplete')).to.equal('email');
      await typeInto(control, 'jana@');
      await field.updateComplete;
      expect(errorOf(root)).to.equal('');
      await leave(field);
      expect(errorOf(root)).to.contain('Zadejte e-mail ve tvaru jmeno@example.cz.');
      // once shown, it goes away as soon as the answer is right
      await typeInto(control, 'obec.cz');
      await field.updateComplete;
      expect(errorOf(root)).to.equal('');
    });

    it('marks optional fields, not required ones, in Czech and in English', async () => {
      const { root } = await form(`<obec-text-field name="a" label="Telefon" type="phone"></obec-text-field>`);
      expect(textOf(root.querySelector('label')!)).to.equal('Telefon (nepovinné)');
      expect(input(root).type).to.equal('tel');
      cleanPage();
      const english = await form(`<obec-text-field name="a" label="Phone" type="phone"></obec-text-field><obec-text-field name="b" label="Name" required></obec-text-field>`, { lang: 'en' });
      await waitUntil(() => textOf(english.root.querySelector('label')!) === 'Phone (optional)', 'English marker not shown');
      const required = english.form.querySelectorAll('obec-text-field')[1]!;
      expect(textOf(required.shadowRoot!.querySelector('label')!)).to.equal('Name');
    });

    it('speaks English from its own lang, the portal’s, or an ancestor’s, with English validation messages', async () => {
      const own = await form(`<obec-text-field lang="en" name="a" label="Name" required></obec-text-field>`);
      own.field.checkValidity();
      await waitUntil(() => errorOf(own.root) === 'Error: Fill in this field.', errorOf(own.root));
      expect(own.field.validationMessage).to.equal('Fill in this field.');
      cleanPage();

      const page = mount(`<obec-portal lang="en"></obec-portal><form lang="cs"><obec-text-field name="a" label="Name" type="number"></obec-text-field></form>`);
      (page.querySelector('obec-portal') as ObecPortal).fetch = async () => new Response('{}');
      const field = page.querySelector('obec-text-field')!;
      const root = await rendered(field);
      field.value = 'dvanáct';
      field.checkValidity();
      await waitUntil(() => errorOf(root).startsWith('Error: Enter a number'), errorOf(root));
      cleanPage();

      const ancestor = await form(`<div lang="en"><obec-text-field name="a" label="Name" required></obec-text-field></div>`);
      ancestor.field.checkValidity();
      await waitUntil(() => errorOf(ancestor.root) === 'Error: Fill in this field.', errorOf(ancestor.root));
    });

    it('money: Czech notation is read as a number, the currency is shown and said in the label; what does not read stays as typed', async () => {
      const { page, form: host, field, root } = await form(`<obec-text-field type="money" name="amount" label="Požadovaná částka" required></obec-text-field>`);
      const control = input(root);
      expect(control.getAttribute('inputmode')).to.equal('decimal');
      expect(textOf(root.querySelector('[part="suffix"]')!)).to.equal('Kč');
      expect(root.querySelector('[part="suffix"]')!.getAttribute('aria-hidden')).to.equal('true');
      expect(textOf(root.querySelector('label')!)).to.equal('Požadovaná částka (Kč)');
      await typeInto(control, '1 234,50');
      expect(field.value).to.equal(1234.5);
      expect(control.value).to.equal('1 234,50');
      expect(entries(host)).to.deep.equal([['amount', '1234.5']]);
      await expectAccessible(page);

      control.select();
      await sendKeys({ type: '12,345' });
      expect(field.value).to.equal(12.345);
      await leave(field);
      expect(errorOf(root)).to.contain('nejvýše s haléři');

      control.select();
      await sendKeys({ type: '12 tisíc' });
      expect(field.value).to.equal('12 tisíc');
      expect(field.validity.valid).to.equal(false);
    });

    it('number: the unit after the input and in the label; a number set from outside is written the Czech way', async () => {
      const { field, root } = await form(`<obec-text-field type="number" name="dogs" label="Počet psů" unit="ks" integer min="1"></obec-text-field>`);
      expect(textOf(root.querySelector('label')!)).to.equal('Počet psů (ks) (nepovinné)');
      field.value = 2.5;
      await field.updateComplete;
      expect(input(root).value).to.equal('2,5');
      expect(field.validity.stepMismatch).to.equal(true);
      field.value = 0;
      expect(field.validity.rangeUnderflow).to.equal(true);
      expect(field.validationMessage).to.equal('Zadejte číslo 1 nebo větší.');
    });

    it('date: a date input bounded by today in Prague', async () => {
      const { field, root } = await form(`<obec-text-field type="date" name="birth" label="Datum narození" max="today"></obec-text-field>`);
      const control = input(root);
      expect(control.type).to.equal('date');
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(new Date());
      expect(control.max).to.equal(today);
      field.value = '2999-01-01';
      expect(field.validity.rangeOverflow).to.equal(true);
    });

    it('textarea: counts the characters left with Czech plurals, and announces them only when typing pauses', async () => {
      const { field, root } = await form(`<obec-text-field type="textarea" name="note" label="Popis" maxlength="5"></obec-text-field>`);
      const control = root.querySelector('textarea')!;
      const count = root.querySelector('[part="count"]')!;
      const live = root.querySelector('[aria-live="polite"]')!;
      expect(textOf(count)).to.equal('Zbývá 5 znaků');
      expect(control.getAttribute('aria-describedby')).to.equal('count-hint');
      expect(textOf(root.querySelector('#count-hint')!)).to.equal('Můžete napsat nejvýše 5 znaků.');
      await typeInto(control, 'ab');
      await field.updateComplete;
      expect(textOf(count)).to.equal('Zbývají 3 znaky');
      expect(textOf(live)).to.equal('');
      await waitUntil(() => textOf(live) === 'Zbývají 3 znaky', 'not announced after the pause', { timeout: 3000 });
      await sendKeys({ type: 'cde' });
      await field.updateComplete;
      expect(textOf(count)).to.equal('Zbývá 0 znaků');
      await sendKeys({ type: 'f' });
      await field.updateComplete;
      expect(textOf(count)).to.equal('O 1 znak víc, než je povoleno');
      expect(field.validity.tooLong).to.equal(true);
    });

    it('an error set from outside shows at once and invalidates the field until the person changes the value', async () => {
      const { form: host, field, root } = await form<ObecTextField>(`<obec-text-field name="ic" label="IČO" value="12345678"></obec-text-field>`);
      field.error = 'Toto IČO v registru nenajdeme.';
      await field.updateComplete;
      expect(errorOf(root)).to.equal('Chyba: Toto IČO v registru nenajdeme.');
      expect(host.checkValidity()).to.equal(false);
      expect(field.validity.customError).to.equal(true);
      await typeInto(input(root), '9');
      await field.updateComplete;
      expect(errorOf(root)).to.equal('');
      expect(host.checkValidity()).to.equal(true);
    });

    it('after an error set from outside, the person’s corrections are checked as they type', async () => {
      const { field, root } = await form<ObecTextField>(`<obec-text-field type="email" name="email" label="E-mail" value="jana@obec"></obec-text-field>`);
      field.error = 'Na tuto adresu nelze doručit.';
      await field.updateComplete;
      await typeInto(input(root), 'x');
      await field.updateComplete;
      expect(errorOf(root)).to.equal('Chyba: Zadejte e-mail ve tvaru jmeno@example.cz.');
      await sendKeys({ type: '.cz' });
      await field.updateComplete;
      expect(errorOf(root)).to.equal('');
    });

    it('takes a definition field (as <obec-form> gives it), in the page language', async () => {
      const page = mount(`<form lang="en"><obec-text-field></obec-text-field></form>`);
      const field = page.querySelector('obec-text-field')!;
      field.field = { id: 'chip', type: 'text', label: { cs: 'Číslo čipu', en: 'Chip number' }, required: true, pattern: '\\d{15}', patternMessage: { cs: 'Číslo čipu má 15 číslic.', en: 'The chip number has 15 digits.' } };
      field.value = '123';
      const root = await rendered(field);
      await waitUntil(() => textOf(root.querySelector('label')!) === 'Chip number');
      expect(field.getAttribute('name')).to.equal('chip');
      expect(field.validationMessage).to.equal('The chip number has 15 digits.');
      expect(entries(page.querySelector('form')!)).to.deep.equal([['chip', '123']]);
    });
  });

  describe('<obec-choice-field>', () => {
    const options = `<option value="dog">Pes</option><option value="cat" title="Kočky se neregistrují povinně">Kočka</option><option value="other">Jiné</option>`;

    it('radios from light-DOM options: arrow keys choose, the form submits the value', async () => {
      const { form: host, field, root } = await form(`<obec-choice-field name="animal" label="Zvíře" required>${options}</obec-choice-field>`);
      // the options are read, not shown twice
      expect(has(root, 'slot')).to.equal(false);
      const radios = root.querySelectorAll<HTMLInputElement>('input[type="radio"]');
      expect(radios).to.have.length(3);
      expect(root.querySelector('legend')!.textContent).to.contain('Zvíře');
      expect(root.querySelector('fieldset')!.getAttribute('aria-describedby')).to.equal(null);
      expect(radios[1]!.getAttribute('aria-describedby')).to.equal('option-help-1');
      expect(textOf(root.querySelector('#option-help-1')!)).to.equal('Kočky se neregistrují povinně');
      expect(host.checkValidity()).to.equal(false);
      expect(field.validationMessage).to.equal('Vyberte jednu z možností.');

      field.focus();
      expect(focused(root)).to.equal('input#option-0');
      await sendKeys({ press: 'ArrowDown' });
      expect(field.value).to.equal('cat');
      await sendKeys({ press: 'ArrowDown' });
      expect(field.value).to.equal('other');
      expect(entries(host)).to.deep.equal([['animal', 'other']]);
      expect(host.checkValidity()).to.equal(true);
    });

    it('select: a "Vyberte…" first option, the chosen value submitted', async () => {
      const { form: host, field, root } = await form(`<obec-choice-field display="select" name="animal" label="Zvíře">${options}</obec-choice-field>`);
      const select = root.querySelector('select')!;
      expect(has(root, `label[for="${select.id}"]`)).to.equal(true);
      expect([...select.options].map((option) => option.text)).to.deep.equal(['Vyberte…', 'Pes', 'Kočka', 'Jiné']);
      expect(entries(host)).to.deep.equal([['animal', '']]);
      const heard: unknown[] = [];
      field.addEventListener('change', () => heard.push(field.value));
      select.focus();
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => heard.length > 0, 'no change on the host');
      expect(heard).to.deep.equal(['dog']);
      expect(entries(host)).to.deep.equal([['animal', 'dog']]);
    });

    it('checkboxes: the name repeated for each ticked option, limits checked', async () => {
      const { form: host, field, root } = await form(
        `<obec-choice-field display="checkboxes" name="animals" label="Zvířata" max-selected="2">${options.replace('value="cat"', 'value="cat" selected')}</obec-choice-field>`,
      );
      expect(field.value).to.deep.equal(['cat']);
      const boxes = root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
      boxes[2]!.focus();
      await sendKeys({ press: 'Space' });
      boxes[0]!.focus();
      await sendKeys({ press: 'Space' });
      expect(field.value).to.deep.equal(['dog', 'cat', 'other']);
      expect(entries(host)).to.deep.equal([
        ['animals', 'dog'],
        ['animals', 'cat'],
        ['animals', 'other'],
      ]);
      expect(field.validity.rangeOverflow).to.equal(true);
      expect(field.validationMessage).to.equal('Vyberte nejvýše 2 možnosti.');
      await leave(field);
      expect(errorOf(root)).to.equal('Chyba: Vyberte nejvýše 2 možnosti.');
      expect(root.querySelector('fieldset')!.getAttribute('aria-describedby')).to.equal('error');
    });
  });

  describe('<obec-yesno-field> and <obec-checkbox-field>', () => {
    it('yes/no: two radios Ano and Ne, arrow keys, a boolean value', async () => {
      const { form: host, field, root } = await form(`<obec-yesno-field name="chip" label="Je pes očipovaný?" required></obec-yesno-field>`);
      expect(textOf(root.querySelector('fieldset')!)).to.contain('Ano');
      expect(textOf(root.querySelector('fieldset')!)).to.contain('Ne');
      expect(field.validationMessage).to.equal('Odpovězte Ano, nebo Ne.');
      expect(entries(host)).to.deep.equal([]);
      field.focus();
      await sendKeys({ press: 'Space' });
      expect(field.value).to.equal(true);
      await sendKeys({ press: 'ArrowRight' });
      expect(field.value).to.equal(false);
      expect(entries(host)).to.deep.equal([['chip', 'false']]);
    });

    it('checkbox: Space ticks it; required means it must be ticked', async () => {
      const { form: host, field, root } = await form(`<obec-checkbox-field name="truth" label="Prohlašuji, že údaje jsou pravdivé." required></obec-checkbox-field>`);
      expect(textOf(root.querySelector('label')!)).to.equal('Prohlašuji, že údaje jsou pravdivé.');
      expect(host.checkValidity()).to.equal(false);
      await field.updateComplete;
      expect(errorOf(root)).to.equal('Chyba: Zaškrtněte políčko. Bez toho formulář nelze odeslat.');
      input(root).focus();
      await sendKeys({ press: 'Space' });
      expect(field.value).to.equal(true);
      expect(entries(host)).to.deep.equal([['truth', 'true']]);
      expect(host.checkValidity()).to.equal(true);
    });
  });

  describe('<obec-address-field>', () => {
    it('three labelled parts with autofill tokens, submitted as name.part; errors under the part', async () => {
      const { page, form: host, field, root } = await form(`<obec-address-field name="home" label="Adresa trvalého pobytu" required></obec-address-field>`);
      expect(root.querySelector('legend')!.textContent).to.contain('Adresa trvalého pobytu');
      const parts = ['street', 'city', 'postcode'].map((id) => input(root, `#${id}`));
      expect(parts.map((part) => part.autocomplete)).to.deep.equal(['address-line1', 'address-level2', 'postal-code']);
      expect(parts.map((part) => textOf(root.querySelector(`label[for="${part.id}"]`)!))).to.deep.equal(['Ulice a číslo domu', 'Obec', 'PSČ']);
      expect(entries(host)).to.deep.equal([
        ['home.street', ''],
        ['home.city', ''],
        ['home.postcode', ''],
      ]);

      await typeInto(parts[0]!, 'Náměstí 1');
      await typeInto(parts[1]!, 'Javorná Lhota');
      await typeInto(parts[2]!, '1234');
      await leave(field);
      expect(field.value).to.deep.equal({ street: 'Náměstí 1', city: 'Javorná Lhota', postcode: '1234' });
      expect(errorOf(root, 'error-postcode')).to.equal('Chyba: Zadejte PSČ o 5 číslicích, například 123 45.');
      expect(parts[2]!.getAttribute('aria-invalid')).to.equal('true');
      expect(parts[2]!.getAttribute('aria-describedby')).to.equal('postcode-hint error-postcode');
      expect(parts[0]!.getAttribute('aria-invalid')).to.equal('false');
      await expectAccessible(page);

      field.focusControl('postcode');
      expect(focused(root)).to.equal('input#postcode');
      await sendKeys({ type: '5' });
      expect(entries(host)).to.deep.equal([
        ['home.street', 'Náměstí 1'],
        ['home.city', 'Javorná Lhota'],
        ['home.postcode', '12345'],
      ]);
      expect(host.checkValidity()).to.equal(true);
    });

    it('required and empty: reportValidity focuses the street and each part says what is missing', async () => {
      const { field, root } = await form(`<obec-address-field name="home" label="Adresa" required></obec-address-field>`);
      expect(field.reportValidity()).to.equal(false);
      expect(focused(root)).to.equal('input#street');
      await field.updateComplete;
      expect(errorOf(root, 'error-street')).to.equal('Chyba: Zadejte ulici a číslo domu.');
      expect(errorOf(root, 'error-city')).to.equal('Chyba: Zadejte obec.');
      expect(errorOf(root, 'error-postcode')).to.equal('Chyba: Zadejte PSČ.');
    });
  });

  describe('<obec-bank-account-field>', () => {
    it('shows the format as a hint and checks the check digits', async () => {
      const { form: host, field, root } = await form(`<obec-bank-account-field name="account" label="Číslo účtu" help="Na tento účet pošleme dotaci."></obec-bank-account-field>`);
      expect(textOf(root.querySelector('#hint')!)).to.equal('Na tento účet pošleme dotaci. například 19-2000145399/0800');
      await typeInto(input(root), '19-2000145398/0800');
      await leave(field);
      expect(errorOf(root)).to.contain('Číslo účtu nemá platnou kontrolní číslici.');
      expect(host.checkValidity()).to.equal(false);
      field.value = '19-2000145399/0800';
      expect(host.checkValidity()).to.equal(true);
      expect(entries(host)).to.deep.equal([['account', '19-2000145399/0800']]);
    });
  });

  describe('<obec-file-field>', () => {
    const pdf = (name = 'zadost.pdf', size = 1000) => new File([new Uint8Array(size)], name, { type: 'application/pdf' });
    async function choose(root: ShadowRoot, ...files: File[]) {
      const control = input(root);
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(file);
      control.files = transfer.files;
      control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      control.dispatchEvent(new Event('change', { bubbles: true }));
    }

    it('without an uploader: the chosen files go with the form; wrong type and size are refused before anything is sent', async () => {
      const { page, form: host, field, root } = await form(
        `<obec-file-field name="attachments" label="Přílohy" accept="application/pdf,image/jpeg" max-size="2048" max-files="2"></obec-file-field>`,
      );
      const control = input(root);
      expect(control.accept).to.equal('application/pdf,image/jpeg');
      expect(control.multiple).to.equal(true);
      expect(textOf(root.querySelector('#hint')!)).to.equal('PDF, JPEG, nejvýše 2 kB na soubor, nejvýše 2 soubory');
      const heard: number[] = [];
      field.addEventListener('change', () => heard.push((field.value as File[]).length));

      await choose(root, pdf('a.pdf'), new File(['x'], 'virus.exe', { type: 'application/x-msdownload' }), pdf('big.pdf', 5000));
      await field.updateComplete;
      expect(heard).to.deep.equal([1]);
      expect(entries(host)).to.deep.equal([['attachments', 'a.pdf']]);
      expect(errorOf(root)).to.contain('Soubor virus.exe nelze přiložit. Přiložte soubor typu PDF, JPEG.');
      expect(errorOf(root)).to.contain('Soubor big.pdf je příliš velký.');
      expect(errorOf(root)).to.contain('2 kB');
      expect(textOf(root.querySelector('[part="status"]')!)).to.contain('Soubor a.pdf přiložen.');
      expect(textOf(root.querySelector('[part="files"]')!)).to.contain('a.pdf');
      await expectAccessible(page);

      await choose(root, pdf('b.pdf'), pdf('c.pdf'));
      await field.updateComplete;
      expect(entries(host)).to.deep.equal([
        ['attachments', 'a.pdf'],
        ['attachments', 'b.pdf'],
      ]);
      expect(errorOf(root)).to.equal('Chyba: Soubor c.pdf jsme nepřiložili: přiložit lze nejvýše 2 soubory.');

      const remove = root.querySelector<HTMLButtonElement>('[part="remove"]')!;
      expect(remove.getAttribute('aria-label')).to.equal('Odebrat a.pdf');
      remove.focus();
      await sendKeys({ press: 'Enter' });
      await field.updateComplete;
      expect(entries(host)).to.deep.equal([['attachments', 'b.pdf']]);
      expect(textOf(root.querySelector('[part="status"]')!)).to.equal('Soubor a.pdf odebrán.');
      // the focus stays in the list, on the file now in its place
      expect(root.activeElement!.getAttribute('aria-label')).to.equal('Odebrat b.pdf');
    });

    it('with an uploader: uploads at once, the value lists the uploads; refusals never reach it', async () => {
      const { form: host, field, root } = await form<ObecFileField>(`<obec-file-field name="attachments" label="Přílohy" accept="application/pdf" max-size="4096" max-files="3"></obec-file-field>`);
      const calls: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const uploader: Uploader = async (file) => {
        calls.push(file.name);
        await held;
        return { id: `upload-${file.name}`, name: file.name, size: file.size, type: file.type };
      };
      field.uploader = uploader;
      await choose(root, pdf('a.pdf'), new File(['x'], 'photo.gif', { type: 'image/gif' }), pdf('scan.pdf', 10_000));
      await field.updateComplete;
      expect(calls).to.deep.equal(['a.pdf']);
      expect(errorOf(root)).to.contain('Soubor photo.gif nelze přiložit.');
      expect(errorOf(root)).to.contain('Soubor scan.pdf je příliš velký.');
      expect(textOf(root.querySelector('[part="files"]')!)).to.contain('nahrává se…');
      // while it uploads, the form waits; a form re-rendering with the value it read keeps the upload going
      expect(field.value).to.deep.equal([]);
      field.value = [];
      expect(host.checkValidity()).to.equal(false);
      expect(field.validationMessage).to.equal('Počkejte prosím, až se soubory nahrají.');

      release();
      await waitUntil(() => (field.value as Upload[]).length === 1, 'upload not done');
      expect(field.value).to.deep.equal([{ id: 'upload-a.pdf', name: 'a.pdf', size: 1000, type: 'application/pdf' }]);
      expect(host.checkValidity()).to.equal(true);
      expect(entries(host)).to.deep.equal([['attachments', 'upload-a.pdf']]);
      await field.updateComplete;
      expect(textOf(root.querySelector('[part="status"]')!)).to.equal('Soubor a.pdf nahrán.');
    });

    it('a refused or failed upload says why and keeps the other files', async () => {
      const { field, root } = await form<ObecFileField>(`<obec-file-field name="attachments" label="Přílohy" accept="application/pdf" max-size="4096" max-files="3"></obec-file-field>`);
      field.uploader = async (file) => {
        if (file.name === 'fake.pdf') throw Object.assign(new Error('refused'), { code: 'file_type' });
        if (file.name === 'offline.pdf') throw new Error('The upload could not reach the server');
        return { id: file.name, name: file.name, size: file.size, type: file.type };
      };
      await choose(root, pdf('good.pdf'), pdf('fake.pdf'), pdf('offline.pdf'));
      await waitUntil(() => root.querySelector('#error') && errorOf(root).includes('offline.pdf'), 'no error shown');
      expect(field.value).to.deep.equal([{ id: 'good.pdf', name: 'good.pdf', size: 1000, type: 'application/pdf' }]);
      expect(errorOf(root)).to.contain('Soubor fake.pdf nelze přiložit. Přiložte soubor typu PDF.');
      expect(errorOf(root)).to.contain('Soubor offline.pdf se nepodařilo nahrát.');
      expect(root.querySelectorAll('[part="file"]')).to.have.length(1);
    });

    it('one file allowed: a new choice replaces the old one; required and empty is reported', async () => {
      const { form: host, field, root } = await form(`<obec-file-field name="photo" label="Fotografie" accept="image/jpeg" required></obec-file-field>`);
      expect(input(root).multiple).to.equal(false);
      expect(host.checkValidity()).to.equal(false);
      expect(field.validationMessage).to.equal('Přiložte soubor.');
      await choose(root, new File(['1'], 'one.jpg', { type: 'image/jpeg' }));
      await choose(root, new File(['2'], 'two.jpg', { type: 'image/jpeg' }));
      expect(entries(host)).to.deep.equal([['photo', 'two.jpg']]);
      expect(host.checkValidity()).to.equal(true);
    });
  });

  describe('in a host page form', () => {
    const everything = `
      <obec-text-field name="name" label="Jméno" value="Jana"></obec-text-field>
      <obec-choice-field name="animal" label="Zvíře"><option value="dog" selected>Pes</option><option value="cat">Kočka</option></obec-choice-field>
      <obec-yesno-field name="chip" label="Čip" value="true"></obec-yesno-field>
      <obec-checkbox-field name="truth" label="Pravda" checked></obec-checkbox-field>
      <obec-address-field name="home" label="Adresa"></obec-address-field>
      <obec-bank-account-field name="account" label="Účet" value="2000145399/0800"></obec-bank-account-field>
      <obec-file-field name="files" label="Soubor" accept="application/pdf"></obec-file-field>`;
    const initial = [
      ['name', 'Jana'],
      ['animal', 'dog'],
      ['chip', 'true'],
      ['truth', 'true'],
      ['home.street', ''],
      ['home.city', ''],
      ['home.postcode', ''],
      ['account', '2000145399/0800'],
    ];

    it('reset brings every field back to its initial value', async () => {
      const { form: host } = await form(everything);
      expect(entries(host)).to.deep.equal(initial);
      const field = <T extends keyof HTMLElementTagNameMap>(tag: T) => host.querySelector(tag)!;
      field('obec-text-field').value = 'Petr';
      field('obec-choice-field').value = 'cat';
      field('obec-yesno-field').value = false;
      field('obec-checkbox-field').value = false;
      field('obec-address-field').value = { street: 'Dlouhá 2', city: 'Brno', postcode: '602 00' };
      field('obec-bank-account-field').value = '';
      field('obec-file-field').value = [new File(['%PDF'], 'a.pdf', { type: 'application/pdf' })];
      expect(entries(host)).not.to.deep.equal(initial);
      host.reset();
      expect(entries(host)).to.deep.equal(initial);
      await field('obec-text-field').updateComplete;
      expect(input(field('obec-text-field').shadowRoot!).value).to.equal('Jana');
      expect(input(field('obec-checkbox-field').shadowRoot!).checked).to.equal(true);
    });

    it('a disabled fieldset disables every field: controls off, nothing submitted, nothing validated', async () => {
      const page = mount(`<form><fieldset disabled>${everything.replace('label="Jméno"', 'label="Jméno" required')}</fieldset></form>`);
      const host = page.querySelector('form')!;
      const fields = [...host.querySelectorAll<AnyField>('fieldset > *')];
      for (const field of fields) await rendered(field);
      expect(entries(host)).to.deep.equal([]);
      for (const field of fields) {
        expect(field.willValidate, field.localName).to.equal(false);
        const controls = [...field.shadowRoot!.querySelectorAll<HTMLInputElement>('input, select, textarea')];
        expect(controls.length, field.localName).to.be.greaterThan(0);
        expect(controls.every((control) => control.disabled), field.localName).to.equal(true);
      }
      expect(host.checkValidity()).to.equal(true);
      await expectAccessible(page);
      host.querySelector('fieldset')!.disabled = false;
      await fields[0]!.updateComplete;
      expect(input(fields[0]!.shadowRoot!).disabled).to.equal(false);
      expect(entries(host)).to.deep.equal(initial);
    });

    it('read-only fields are submitted but cannot be changed', async () => {
      const { form: host, field, root } = await form(
        `<obec-text-field name="name" label="Jméno" value="Jana" readonly required></obec-text-field>` +
          `<obec-yesno-field name="chip" label="Čip" value="true" readonly></obec-yesno-field>`,
      );
      expect(input(root).readOnly).to.equal(true);
      await typeInto(input(root), 'X');
      expect(field.value).to.equal('Jana');
      const yesno = host.querySelector('obec-yesno-field')!;
      yesno.shadowRoot!.querySelector<HTMLInputElement>('#no')!.click();
      expect(yesno.value).to.equal(true);
      expect(entries(host)).to.deep.equal([
        ['name', 'Jana'],
        ['chip', 'true'],
      ]);
    });

    it('follows the portal’s dark theme without needing a portal at all', async () => {
      const alone = await form(`<obec-text-field name="a" label="A"></obec-text-field>`);
      expect(alone.field.matches(':state(dark)')).to.equal(false);
      cleanPage();
      const page = mount(`<div style="background: #0d1013; padding: 8px"><obec-portal theme="dark"></obec-portal><obec-text-field name="a" label="A"></obec-text-field></div>`);
      const field = page.querySelector('obec-text-field')!;
      await rendered(field);
      await waitUntil(() => field.matches(':state(dark)'), 'dark theme not applied');
      await expectAccessible(page);
    });
  });

  describe('accessibility in every state', () => {
    const options = '<option value="a">První možnost</option><option value="b">Druhá možnost</option>';
    const cases: { name: string; markup: string; filled: unknown }[] = [
      { name: 'text', markup: '<obec-text-field label="Jméno" help="Celé jméno"></obec-text-field>', filled: 'Jana' },
      { name: 'textarea', markup: '<obec-text-field type="textarea" maxlength="50" label="Popis"></obec-text-field>', filled: 'Krátký popis' },
      { name: 'money', markup: '<obec-text-field type="money" label="Částka"></obec-text-field>', filled: 1500 },
      { name: 'date', markup: '<obec-text-field type="date" label="Datum"></obec-text-field>', filled: '2026-03-01' },
      { name: 'radio', markup: `<obec-choice-field label="Volba" help="Vyberte jednu">${options}</obec-choice-field>`, filled: 'a' },
      { name: 'select', markup: `<obec-choice-field display="select" label="Volba">${options}</obec-choice-field>`, filled: 'b' },
      { name: 'checkboxes', markup: `<obec-choice-field display="checkboxes" label="Volby">${options}</obec-choice-field>`, filled: ['a', 'b'] },
      { name: 'yesno', markup: '<obec-yesno-field label="Souhlasíte?"></obec-yesno-field>', filled: true },
      { name: 'checkbox', markup: '<obec-checkbox-field label="Prohlašuji, že údaje jsou pravdivé."></obec-checkbox-field>', filled: true },
      { name: 'address', markup: '<obec-address-field label="Adresa"></obec-address-field>', filled: { street: 'Náměstí 1', city: 'Javorná Lhota', postcode: '123 45' } },
      { name: 'bank account', markup: '<obec-bank-account-field label="Účet"></obec-bank-account-field>', filled: '19-2000145399/0800' },
      { name: 'file', markup: '<obec-file-field label="Příloha" accept="application/pdf"></obec-file-field>', filled: [new File(['%PDF'], 'zadost.pdf', { type: 'application/pdf' })] },
    ];
    for (const { name, markup, filled } of cases) {
      it(`${name}: empty, filled, in error, disabled`, async () => {
        const { page, field, root } = await form(markup.replace('label=', 'name="answer" required label='));
        await expectAccessible(page);
        field.value = filled as never;
        await field.updateComplete;
        await expectAccessible(page);
        field.value = undefined as never;
        expect(field.checkValidity()).to.equal(false);
        await field.updateComplete;
        expect(has(root, '[part="error"]'), 'error shown').to.equal(true);
        await expectAccessible(page);
        field.setAttribute('disabled', '');
        await field.updateComplete;
        expect([...root.querySelectorAll<HTMLInputElement>('input, select, textarea')].every((control) => control.disabled)).to.equal(true);
        await expectAccessible(page);
      });
    }
  });
});
