import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkDefinition, parseDefinition } from '../../src/forms/check.js';
import type { FormDefinition, Upload } from '../../src/forms/definition.js';
import { validateAnswers } from '../../src/forms/validate.js';

const root = new URL('../../', import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

/** A valid one-step form with these fields (and more steps, if given). */
const form = (fields: unknown[], ...steps: unknown[]) => ({ id: 'test', title: 'Test', steps: [{ id: 'main', title: 'Hlavní', fields }, ...steps] });
const text = (id: string, extra: object = {}) => ({ id, type: 'text', label: id, ...extra });
/** The errors of a definition as `path code` lines. */
const problems = (json: unknown) => parseDefinition(json).errors.map((error) => `${error.path} ${error.code}`);
const messageOf = (json: unknown, code: string) => parseDefinition(json).errors.find((error) => error.code === code)?.message ?? '';

describe('parseDefinition: the shape, in an editor’s words', () => {
  test('a valid definition comes back with no errors', () => {
    const { definition, errors } = parseDefinition(form([text('name', { required: true })]));
    assert.deepEqual(errors, []);
    assert.equal(definition?.steps[0]?.fields[0]?.id, 'name');
  });

  test('not an object, or no steps', () => {
    assert.deepEqual(problems('form'), [' invalid_type']);
    assert.deepEqual(problems({ id: 'x', title: 'X' }), ['steps missing']);
    assert.deepEqual(problems({ id: 'x', title: 'X', steps: [] }), ['steps too_few']);
  });

  test('a missing property, a wrong type, a value not allowed', () => {
    assert.deepEqual(problems(form([{ id: 'a', type: 'text' }])), ['steps.0.fields.0.label missing']);
    assert.deepEqual(problems(form([text('a', { required: 'yes' })])), ['steps.0.fields.0.required invalid_type']);
    assert.match(messageOf(form([text('a', { required: 'yes' })]), 'invalid_type'), /Expected boolean/);
    assert.deepEqual(problems(form([text('a', { prefill: 'phone' })])), ['steps.0.fields.0.prefill invalid_value']);
    assert.match(messageOf(form([text('a', { prefill: 'phone' })]), 'invalid_value'), /"name" or "given_name"/);
  });

  test('an unknown field type names the types there are', () => {
    assert.deepEqual(problems(form([{ id: 'a', type: 'txt', label: 'A' }])), ['steps.0.fields.0.type unknown_type']);
    assert.match(messageOf(form([{ id: 'a', type: 'txt', label: 'A' }]), 'unknown_type'), /"txt".*text, textarea.*group/);
    const inGroup = form([{ id: 'g', type: 'group', label: 'G', itemLabel: 'I', fields: [{ id: 'b', type: 'txt', label: 'B' }] }]);
    assert.deepEqual(problems(inGroup), ['steps.0.fields.0.fields.0.type unknown_type']);
  });

  test('an error inside a group is reported where it is, not as a failed union', () => {
    const json = form([{ id: 'g', type: 'group', label: 'G', itemLabel: 'I', fields: [{ id: 'b', type: 'text' }] }]);
    assert.deepEqual(problems(json), ['steps.0.fields.0.fields.0.label missing']);
  });

  test('texts are a string or { cs, en }', () => {
    assert.deepEqual(problems(form([text('a', { label: { en: 'Name' } })])), ['steps.0.fields.0.label invalid_text']);
    assert.deepEqual(problems(form([text('a', { label: 12 })])), ['steps.0.fields.0.label invalid_text']);
    assert.deepEqual(problems(form([text('a', { label: { cs: 'Jméno', en: 'Name' } })])), []);
  });

  test('ids, option values, counts and date bounds that are malformed', () => {
    assert.deepEqual(problems({ ...form([text('a')]), id: 'Grant 2027' }), ['id invalid_format']);
    assert.match(messageOf({ ...form([text('a')]), id: 'Grant 2027' }, 'invalid_format'), /form id is lower-case/);
    assert.deepEqual(problems(form([text('1st')])), ['steps.0.fields.0.id invalid_format']);
    assert.deepEqual(problems(form([text('a', { minLength: -1 })])), ['steps.0.fields.0.minLength invalid_format']);
    assert.match(messageOf(form([text('a', { maxLength: 1.5 })]), 'invalid_format'), /maxLength is a whole number/);
    assert.deepEqual(problems(form([{ id: 'd', type: 'date', label: 'D', min: 'yesterday' }])), ['steps.0.fields.0.min invalid_format']);
    assert.match(messageOf(form([{ id: 'd', type: 'date', label: 'D', min: 'yesterday' }]), 'invalid_format'), /YYYY-MM-DD or today/);
    assert.deepEqual(problems(form([{ id: 'c', type: 'choice', display: 'radio', label: 'C', options: [{ value: 'a b', label: 'A' }] }])), ['steps.0.fields.0.options.0.value invalid_format']);
  });

  test('unknown properties are refused, so a typo is not silently dropped', () => {
    assert.deepEqual(problems(form([text('a', { requierd: true })])), ['steps.0.fields.0.requierd unknown_key']);
    assert.deepEqual(problems({ ...form([text('a')]), titel: 'x' }), ['titel unknown_key']);
    assert.deepEqual(problems(form([text('a', { label: { cs: 'A', em: 'A' } })])), ['steps.0.fields.0.label.em unknown_key']);
    assert.deepEqual(problems(form([{ id: 'c', type: 'choice', display: 'radio', label: 'C', options: [{ value: 'a', label: 'A', hint: 'x' }] }])), ['steps.0.fields.0.options.0.hint unknown_key']);
    assert.deepEqual(problems(form([{ id: 'i', type: 'info', text: 'T', required: true }])), ['steps.0.fields.0.required unknown_key'], 'an info text takes no answer');
    const group = { id: 'g', type: 'group', label: 'G', itemLabel: 'I', fields: [text('b', { maxlength: 3 })], total: { field: 'b', label: 'T', maximum: 3 } };
    assert.deepEqual(problems(form([group])), ['steps.0.fields.0.total.maximum unknown_key', 'steps.0.fields.0.fields.0.maxlength unknown_key', 'steps.0.fields.0.total.field total_field']);
    assert.deepEqual(problems({ ...form([text('a')]), steps: [{ id: 'main', title: 'M', fields: [text('a')], condition: 'x' }] }), ['steps.0.condition unknown_key']);
  });
});

describe('checkDefinition: across the document', () => {
  test('ids are unique: steps, fields in the form, fields in a group, option values', () => {
    assert.deepEqual(problems(form([text('a'), text('a')])), ['steps.0.fields.1.id duplicate_id']);
    assert.deepEqual(problems(form([text('a')], { id: 'main', title: 'Další', fields: [text('a')] })), ['steps.1.id duplicate_id', 'steps.1.fields.0.id duplicate_id']);
    assert.deepEqual(problems(form([text('a'), { id: 'g', type: 'group', label: 'G', itemLabel: 'I', fields: [text('a'), text('b'), text('b')] }])), ['steps.0.fields.1.fields.2.id duplicate_id']);
    const options = [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }, { value: 'x', label: 'X2' }];
    assert.deepEqual(problems(form([{ id: 'c', type: 'choice', display: 'select', label: 'C', options }])), ['steps.0.fields.0.options.2.value duplicate_option']);
  });

  test('bounds that contradict each other', () => {
    assert.deepEqual(problems(form([text('a', { minLength: 5, maxLength: 4 })])), ['steps.0.fields.0.maxLength range']);
    assert.deepEqual(problems(form([{ id: 'n', type: 'number', label: 'N', min: 5, max: 1 }])), ['steps.0.fields.0.max range']);
    assert.deepEqual(problems(form([{ id: 'm', type: 'money', label: 'M', min: 5, max: 1 }])), ['steps.0.fields.0.max range']);
    assert.deepEqual(problems(form([{ id: 'd', type: 'date', label: 'D', min: '2027-01-01', max: '2026-01-01' }])), ['steps.0.fields.0.max range']);
    assert.deepEqual(problems(form([{ id: 'd', type: 'date', label: 'D', min: 'today', max: '2026-01-01' }])), [], 'today is not known in advance');
    assert.deepEqual(problems(form([{ id: 'd', type: 'date', label: 'D', max: '2026-02-30' }])), ['steps.0.fields.0.max invalid_date']);
    const options = [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }];
    assert.deepEqual(problems(form([{ id: 'c', type: 'choice', display: 'checkboxes', label: 'C', options, minSelected: 2, maxSelected: 1 }])), ['steps.0.fields.0.maxSelected range']);
    assert.deepEqual(problems(form([{ id: 'c', type: 'choice', display: 'checkboxes', label: 'C', options, minSelected: 3 }])), ['steps.0.fields.0.minSelected range']);
    assert.deepEqual(problems(form([{ id: 'c', type: 'choice', display: 'radio', label: 'C', options, maxSelected: 1 }])), ['steps.0.fields.0.display not_checkboxes']);
    const group = { id: 'g', type: 'group', label: 'G', itemLabel: 'I', minItems: 3, maxItems: 2, fields: [{ id: 'n', type: 'number', label: 'N' }], total: { field: 'n', label: 'T', min: 10, max: 5 } };
    assert.deepEqual(problems(form([group])), ['steps.0.fields.0.maxItems range', 'steps.0.fields.0.total.max range']);
  });

  test('patterns compile as Unicode regular expressions', () => {
    assert.deepEqual(problems(form([text('a', { pattern: '[a-' })])), ['steps.0.fields.0.pattern pattern']);
    assert.deepEqual(problems(form([text('a', { pattern: '\\-' })])), ['steps.0.fields.0.pattern pattern'], 'a needless escape is an error with the u flag');
    assert.deepEqual(problems(form([text('a', { pattern: '\\d{3} ?\\d{2}' })])), []);
  });

  test('files: media types, a size and a count of at least one', () => {
    const file = { id: 'f', type: 'file', label: 'F', accept: ['application/pdf'], maxSize: 100 };
    assert.deepEqual(problems(form([{ ...file, accept: ['pdf', 'image/*'] }])), ['steps.0.fields.0.accept.0 media_type', 'steps.0.fields.0.accept.1 media_type']);
    assert.deepEqual(problems(form([{ ...file, maxSize: 0, maxFiles: 0 }])), ['steps.0.fields.0.maxSize range', 'steps.0.fields.0.maxFiles range']);
  });

  test('a total sums a number or money field of its group', () => {
    const group = (total: object) => form([{ id: 'g', type: 'group', label: 'G', itemLabel: 'I', fields: [text('item'), { id: 'amount', type: 'money', label: 'A' }], total }]);
    assert.deepEqual(problems(group({ field: 'amount', label: 'Celkem' })), []);
    assert.deepEqual(problems(group({ field: 'item', label: 'Celkem' })), ['steps.0.fields.0.total.field total_field']);
    assert.deepEqual(problems(group({ field: 'price', label: 'Celkem' })), ['steps.0.fields.0.total.field total_field']);
  });

  test('prefill suits the field type and is not available in a group', () => {
    assert.deepEqual(problems(form([{ id: 'e', type: 'email', label: 'E', prefill: 'email' }, { id: 'b', type: 'date', label: 'B', prefill: 'birthdate' }, { id: 'a', type: 'address', label: 'A', prefill: 'address' }, { id: 't', type: 'textarea', label: 'T', prefill: 'address' }])), []);
    assert.deepEqual(problems(form([{ id: 'b', type: 'number', label: 'B', prefill: 'birthdate' }])), ['steps.0.fields.0.prefill prefill']);
    assert.match(messageOf(form([{ id: 'a', type: 'date', label: 'A', prefill: 'address' }]), 'prefill'), /address suits a field of type address or text or textarea/);
    assert.deepEqual(problems(form([{ id: 'g', type: 'group', label: 'G', itemLabel: 'I', fields: [text('n', { prefill: 'name' })] }])), ['steps.0.fields.0.fields.0.prefill prefill']);
  });

  test('conditions parse; the message says where the mistake is', () => {
    const json = form([text('a'), text('b', { when: 'a = 1' })]);
    assert.deepEqual(problems(json), ['steps.0.fields.1.when expression']);
    assert.equal(messageOf(json, 'expression'), `Unexpected '=': write '==' to compare (at character 3 of "a = 1")`);
    assert.deepEqual(problems(form([text('a')], { id: 's', title: 'S', when: 'a >', fields: [text('b')] })), ['steps.1.when expression']);
  });

  test('conditions name fields with answers, from where they are written', () => {
    assert.deepEqual(problems(form([text('a'), text('b', { when: "c == 'x'" })])), ['steps.0.fields.1.when unknown_reference']);
    assert.match(messageOf(form([{ id: 'i', type: 'info', text: 'T' }, text('b', { when: 'not empty(i)' })]), 'unknown_reference'), /info text/);
    const budget = { id: 'budget', type: 'group', label: 'G', itemLabel: 'I', fields: [{ id: 'amount', type: 'money', label: 'A' }, text('note', { when: "amount > 100 and kind == 'org'" })] };
    assert.deepEqual(problems(form([text('kind'), budget, text('x', { when: 'sum(budget.amount) > 10 and count(budget) > 1' })])), []);
    assert.deepEqual(problems(form([text('kind'), budget, text('x', { when: 'amount > 10' })])), ['steps.0.fields.2.when unknown_reference'], 'a group’s field is not a form field');
    assert.deepEqual(problems(form([text('kind'), budget, text('x', { when: 'sum(budget.price) > 10' })])), ['steps.0.fields.2.when unknown_reference']);
    assert.deepEqual(problems(form([text('kind'), budget, text('x', { when: 'sum(kind.amount) > 10' })])), ['steps.0.fields.2.when unknown_reference']);
  });

  test('ids with - cannot be named in a condition, and the message says why', () => {
    const json = form([text('applicant-type'), text('b', { when: "applicant-type == 'org'" })]);
    assert.deepEqual(problems(json), ['steps.0.fields.1.when unreferenceable_id', 'steps.0.fields.1.when unreferenceable_id']);
    assert.match(messageOf(json, 'unreferenceable_id'), /"applicant-type" cannot be used.*use "_"/);
    assert.deepEqual(problems(form([text('applicant-type'), text('b')])), [], 'an id with - is fine when no condition names it');
  });

  test('a condition may not depend on its own field, directly or through its step', () => {
    assert.deepEqual(problems(form([text('a', { when: 'empty(a)' })])), ['steps.0.fields.0.when cycle']);
    assert.deepEqual(problems(form([text('a')], { id: 's', title: 'S', when: 'not empty(b)', fields: [text('b')] })), ['steps.1.fields.0.id cycle']);
    assert.deepEqual(problems(form([text('a', { when: 'not empty(b)' }), text('b', { when: 'not empty(a)' })])), ['steps.0.fields.0.when cycle']);
    const group = { id: 'g', type: 'group', label: 'G', itemLabel: 'I', when: 'sum(g.n) > 1', fields: [{ id: 'n', type: 'number', label: 'N' }] };
    assert.deepEqual(problems(form([group])), ['steps.0.fields.0.when cycle']);
    assert.deepEqual(problems(form([text('a'), text('b', { when: 'not empty(a)' }), text('c', { when: 'not empty(b)' })])), [], 'a chain is fine');
  });

  test('checkDefinition works on a definition already typed', () => {
    const definition = form([text('a', { when: 'empty(a)' })]) as FormDefinition;
    assert.deepEqual(checkDefinition(definition).map((error) => error.code), ['cycle']);
  });
});

const pdf = (name: string): Upload => ({ id: `upload-${name}`, name, type: 'application/pdf', size: 180_000 });

describe('the demo forms', () => {
  const grant = parseDefinition(readJson('demo/forms/grant-2027.json'));
  const dog = parseDefinition(readJson('demo/forms/dog-registration.json'));

  test('both pass parseDefinition', () => {
    assert.deepEqual(grant.errors, []);
    assert.deepEqual(dog.errors, []);
    assert.equal(grant.definition?.id, 'grant-2027');
    assert.equal(dog.definition?.id, 'dog-registration');
  });

  test('every text of both forms has its English translation', () => {
    const untranslated: string[] = [];
    const visit = (value: unknown, path: string) => {
      if (typeof value !== 'object' || value === null) return;
      if ('cs' in value && !('en' in value)) untranslated.push(path);
      for (const [key, inner] of Object.entries(value)) if (key !== 'id' && key !== 'when') visit(inner, `${path}.${key}`);
    };
    const texts = ['label', 'help', 'title', 'description', 'confirmation', 'text', 'patternMessage', 'itemLabel'];
    const stringTexts: string[] = [];
    const find = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((inner, index) => find(inner, `${path}.${index}`));
      else if (typeof value === 'object' && value !== null) {
        for (const [key, inner] of Object.entries(value)) {
          if (texts.includes(key) && typeof inner === 'string') stringTexts.push(`${path}.${key}`);
          find(inner, `${path}.${key}`);
        }
      }
    };
    for (const definition of [grant.definition, dog.definition]) {
      visit(definition, definition!.id);
      find(definition, definition!.id);
    }
    assert.deepEqual(untranslated, []);
    assert.deepEqual(stringTexts, [], 'a plain string has no English');
  });

  test('a realistic complete application for a grant has no errors', () => {
    const answers = {
      applicant_type: 'organisation',
      org_name: 'Spolek přátel Javorné Lhoty, z. s.',
      ico: '26543210',
      legal_form: 'association',
      contact_name: 'Jana Nováková',
      email: 'jana.novakova@example.cz',
      phone: '+420 601 123 456',
      address: { street: 'Náměstí 1', city: 'Javorná Lhota', postcode: '123 45' },
      project_title: 'Lhotecké kulturní léto 2027',
      project_description:
        'Čtyři letní večery na návsi: dvě divadelní představení pro děti, koncert místní dechovky a promítání pod širým nebem. Vstup zdarma, pro všechny generace.',
      start_date: '2027-06-01',
      end_date: '2027-08-31',
      areas: ['culture', 'community'],
      budget: [
        { item: 'Honoráře účinkujícím', amount: '48 000' },
        { item: 'Pronájem a doprava promítací techniky', amount: '12 500,50' },
        { item: 'Propagace (plakáty, letáky)', amount: 4500 },
      ],
      requested_amount: '45 000',
      bank_account: '19-2000145399/0800',
      budget_quote: [pdf('rozpocet.pdf')],
      attachments: [pdf('stanovy.pdf'), { id: 'upload-foto', name: 'foto.jpg', type: 'image/jpeg', size: 2_400_000 }],
      declaration: true,
    };
    const { errors, answers: normalized } = validateAnswers(grant.definition!, answers, { today: '2026-11-20' });
    assert.deepEqual(errors, []);
    assert.equal(normalized.requested_amount, 45000);
    assert.deepEqual((normalized.budget as { amount: number }[]).map((item) => item.amount), [48000, 12500.5, 4500]);
    assert.equal(normalized.birthdate, undefined, 'an organisation is not asked for a date of birth');
  });

  test('the grant form asks a person for a date of birth and not for the organisation', () => {
    const { errors } = validateAnswers(grant.definition!, { applicant_type: 'person', ico: 'x' }, { today: '2026-11-20' });
    const paths = errors.map((error) => error.path);
    assert.ok(paths.includes('birthdate'));
    assert.ok(!paths.includes('ico') && !paths.includes('org_name'));
  });

  test('the grant form enforces its budget limits', () => {
    const { errors } = validateAnswers(
      grant.definition!,
      { budget: [{ item: 'Hřiště', amount: 400000 }, { item: 'Lavičky', amount: 100001 }], requested_amount: 200001, ico: '1234' },
      { today: '2026-11-20' },
    );
    const byPath = new Map(errors.map((error) => [error.path, error.code]));
    assert.equal(byPath.get('budget'), 'total_too_large');
    assert.equal(byPath.get('requested_amount'), 'too_large');
  });

  test('a realistic complete dog registration has no errors', () => {
    const answers = {
      owner_name: 'Karel Dvořák',
      owner_birthdate: '1955-03-12',
      owner_address: { street: 'Lipová 27', city: 'Javorná Lhota', postcode: '12345' },
      owner_email: 'karel.dvorak@example.cz',
      dog_name: 'Amálka',
      breed: 'Jezevčík',
      dog_birthdate: '2025-09-01',
      chip_number: '203098100123456',
      photo: [{ id: 'upload-amalka', name: 'amalka.jpg', type: 'image/jpeg', size: 1_200_000 }],
      owner_senior: true,
      reduction_reason: 'over65',
      declaration: true,
    };
    assert.deepEqual(validateAnswers(dog.definition!, answers, { today: '2026-11-20' }).errors, []);
  });

  test('the dog form asks for a reason of the reduced fee only from those who claim it', () => {
    const base = { owner_name: 'K', owner_birthdate: '1990-01-01', owner_address: { street: 'a 1', city: 'b', postcode: '12345' }, owner_email: 'k@example.cz', dog_name: 'A', breed: 'B', dog_birthdate: '2025-01-01', chip_number: '203098100123456', declaration: true };
    assert.deepEqual(validateAnswers(dog.definition!, { ...base, owner_senior: false, reduction_reason: 'over65' }, { today: '2026-11-20' }).errors, []);
    assert.deepEqual(validateAnswers(dog.definition!, { ...base, owner_senior: true }, { today: '2026-11-20' }).errors.map((error) => `${error.path} ${error.code}`), ['reduction_reason required']);
    assert.deepEqual(validateAnswers(dog.definition!, { ...base, owner_senior: false, chip_number: '2030981001234' }, { today: '2026-11-20' }).errors.map((error) => `${error.path} ${error.code}`), ['chip_number pattern']);
  });
});

describe('the README\u2019s form definitions', () => {
  /** The README's "Form definitions" section, up to the next top-level section. */
  const read = () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const start = readme.indexOf('### Form definitions');
    assert.ok(start >= 0, 'no "Form definitions" section in the README');
    return readme.slice(start, readme.indexOf('\n## ', start));
  };

  test('its full example is a valid definition, and the answer shown to it has no errors', () => {
    const blocks = [...read().matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => JSON.parse(match[1]!) as Record<string, unknown>);
    const example = blocks.find((block) => block.steps !== undefined);
    const answers = blocks.find((block) => block.steps === undefined);
    assert.ok(example && answers, 'a ```json block with the definition and one with its answers');
    const { definition, errors } = parseDefinition(example);
    assert.deepEqual(errors, []);
    assert.deepEqual(validateAnswers(definition!, answers, { today: '2026-11-20' }).errors, []);
    assert.deepEqual(validateAnswers(definition!, { ...answers, dogs: [{ dog_name: 'A', dog_birthdate: '2025-09-01', chip_number: '203098100123456', guide_dog: true }] }, { today: '2026-11-20' }).errors, [
      { path: 'dogs.0.guide_dog_proof', code: 'required' },
    ]);
  });

  test('it documents every field type and every function of the expressions', () => {
    const markdown = read();
    for (const type of ['text', 'textarea', 'email', 'phone', 'number', 'money', 'date', 'choice', 'yesno', 'checkbox', 'address', 'bank-account', 'file', 'info', 'group']) {
      assert.match(markdown, new RegExp(`### \`${type}\``), type);
    }
    for (const name of ['empty(', 'count(', 'sum(', 'contains(', 'age(']) assert.ok(markdown.includes(`\`${name}`), name);
  });
});
