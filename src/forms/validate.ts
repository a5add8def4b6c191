import { AccountError, parseCzechAccount } from '../payments/bank-account.js';
import type { Address, Answers, FileField, FormDefinition, GroupField, InputField, Step, Upload, Value } from './definition.js';
import { evaluateCondition } from './expression.js';
import { isCalendarDate, isEmpty, parseNumber, todayInPrague } from './values.js';

export { isEmpty, parseNumber, todayInPrague } from './values.js';

/**
 * The rules of a form's answers, the same in the widget (as the citizen
 * types) and on the server (before a submission is stored). Each answer
 * breaks at most one rule at a time: the first that fails, in the order the
 * field type lists them, so the citizen fixes one thing at a time.
 */

/** The rule an answer breaks; `errorText` (`./form-messages.ts`) says it in Czech or English. */
export type ErrorCode =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'too_small'
  | 'too_large'
  | 'pattern'
  | 'email'
  | 'phone'
  | 'number'
  | 'integer'
  | 'money'
  | 'date'
  | 'date_too_early'
  | 'date_too_late'
  | 'choice'
  | 'too_few_choices'
  | 'too_many_choices'
  | 'must_accept'
  | 'postcode'
  | 'bank_account'
  | 'file_type'
  | 'file_too_large'
  | 'too_many_files'
  | 'too_few_items'
  | 'too_many_items'
  | 'total_too_small'
  | 'total_too_large'
  | 'unknown_field'
  | 'invalid';

/**
 * One broken rule. `path` is the answer's path: `email`, `budget.2.amount`
 * (0-based item), `address.postcode`, `attachments`. `params` carry what the
 * message needs: `minLength`/`maxLength` and `length`, `min`/`max` (numbers;
 * dates as `YYYY-MM-DD`), `total`, `maxSize` (bytes), `maxFiles`, `accept`
 * (`"PDF, JPEG"`), `name` (of a file), `problem` (`format` or `checksum` of
 * a bank account).
 */
export interface FormError {
  path: string;
  code: ErrorCode;
  params?: Record<string, string | number>;
}

export interface ValidateOptions {
  /** `YYYY-MM-DD` that `today` in date bounds and `age()` mean; today in Prague when not given. */
  today?: string;
}

interface Checked {
  errors: FormError[];
  /** The answer normalized (trimmed, numbers parsed); undefined when there is none. */
  value: Value | undefined;
}

const own = (object: object, key: string): unknown => (Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const patterns = new Map<string, RegExp | null>();

/** A definition's pattern as a whole-match regular expression (`u` flag), compiled once; null if it does not compile. */
function wholeMatch(pattern: string): RegExp | null {
  let regexp = patterns.get(pattern);
  if (regexp === undefined) {
    try {
      regexp = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      regexp = null;
    }
    patterns.set(pattern, regexp);
  }
  return regexp;
}

/** A pragmatic e-mail check: one `@`, something before it, a dotted domain, no spaces, at most 254 characters. */
function isEmail(text: string): boolean {
  if (text.length > 254 || /\s/.test(text)) return false;
  const [local, domain, ...rest] = text.split('@');
  if (rest.length > 0 || !local || !domain) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((label) => label !== '');
}

/** Digits and spaces with an optional leading `+`, 9 to 15 digits. */
function isPhone(text: string): boolean {
  if (!/^\+?[\d\s]+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 9 && digits <= 15;
}

/** Names of media types whose subtype is not what people call them (`application/pdf` is simply PDF). */
const MEDIA_NAMES: Record<string, string> = {
  'text/plain': 'TXT',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
};

/** Accepted media types as people know them: `["application/pdf", "image/jpeg"]` → `"PDF, JPEG"`. */
export function acceptLabel(accept: readonly string[]): string {
  const names = accept.map((type) => MEDIA_NAMES[type] ?? (type.split('/')[1] ?? type).toUpperCase());
  return [...new Set(names)].join(', ');
}

const isUpload = (value: unknown): value is Upload =>
  isRecord(value) && typeof value.id === 'string' && typeof value.name === 'string' && typeof value.type === 'string' && typeof value.size === 'number' && value.size >= 0;

/** Resolves a date bound: `today` is the day of filling in. */
const dateBound = (bound: string | undefined, today: string | undefined): string | undefined => (bound === 'today' ? (today ?? todayInPrague()) : bound);

/** One broken rule; the answer is kept as it was. */
const failure = (path: string, answer: unknown, code: ErrorCode, params?: FormError['params']): Checked => ({
  errors: [{ path, code, ...(params && { params }) }],
  value: answer as Value,
});
const ok = (value: Value | undefined): Checked => ({ errors: [], value });

function checkField(field: InputField, raw: unknown, path: string, today: string | undefined): Checked {
  const answer = raw === null ? undefined : raw;
  const fail = (code: ErrorCode, params?: FormError['params']) => failure(path, answer, code, params);
  const missing = (): Checked => (field.required ? fail('required') : ok(undefined));

  switch (field.type) {
    case 'checkbox':
      if (answer !== undefined && typeof answer !== 'boolean') return fail('invalid');
      return field.required && answer !== true ? fail('must_accept') : ok(answer);
    case 'yesno':
      if (answer === undefined) return missing();
      return typeof answer === 'boolean' ? ok(answer) : fail('invalid');
    case 'address':
      return checkAddress(field.required === true, answer, path);
    case 'file':
      return checkFiles(field, answer, path);
    case 'choice':
      if (field.display === 'checkboxes') return checkChoices(field, answer, path);
      break;
    case 'number':
    case 'money':
      if (typeof answer === 'number') return checkNumber(field, answer, path);
      break;
  }

  if (answer === undefined) return missing();
  if (typeof answer !== 'string') return fail('invalid');
  const text = answer.trim();
  if (text === '') return missing();

  switch (field.type) {
    case 'text':
    case 'textarea': {
      const length = Array.from(text).length;
      if (field.minLength !== undefined && length < field.minLength) return fail('too_short', { minLength: field.minLength, length });
      if (field.maxLength !== undefined && length > field.maxLength) return fail('too_long', { maxLength: field.maxLength, length });
      if (field.type === 'text' && field.pattern !== undefined && wholeMatch(field.pattern)?.test(text) === false) return fail('pattern');
      return ok(text);
    }
    case 'email': {
      const length = Array.from(text).length;
      if (field.maxLength !== undefined && length > field.maxLength) return fail('too_long', { maxLength: field.maxLength, length });
      return isEmail(text) ? ok(text) : fail('email');
    }
    case 'phone':
      return isPhone(text) ? ok(text) : fail('phone');
    case 'number':
    case 'money':
      return checkNumber(field, text, path);
    case 'date': {
      if (!isCalendarDate(text)) return fail('date');
      const min = dateBound(field.min, today);
      const max = dateBound(field.max, today);
      if (min !== undefined && text < min) return fail('date_too_early', { min });
      if (max !== undefined && text > max) return fail('date_too_late', { max });
      return ok(text);
    }
    case 'choice':
      return field.options.some((option) => option.value === text) ? ok(text) : fail('choice');
    case 'bank-account':
      try {
        const { prefix, number, bankCode } = parseCzechAccount(text);
        return ok(`${prefix ? `${prefix}-` : ''}${number}/${bankCode}`);
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        return fail('bank_account', { problem: error.problem === 'format' ? 'format' : 'checksum' });
      }
  }
}

function checkNumber(field: Extract<InputField, { type: 'number' | 'money' }>, answer: string | number, path: string): Checked {
  const fail = (code: ErrorCode, params?: FormError['params']) => failure(path, answer, code, params);
  let number = parseNumber(answer);
  if (number === undefined) return fail(field.type === 'money' ? 'money' : 'number');
  if (field.type === 'number' && field.integer && !Number.isInteger(number)) return fail('integer');
  if (field.type === 'money') {
    const cents = Math.round(number * 100);
    if (Math.abs(cents - number * 100) > 1e-6) return fail('money');
    number = cents / 100;
  }
  const min = field.min ?? (field.type === 'money' ? 0 : undefined);
  if (min !== undefined && number < min) return fail('too_small', { min });
  if (field.max !== undefined && number > field.max) return fail('too_large', { max: field.max });
  return ok(number);
}

function checkChoices(field: Extract<InputField, { type: 'choice' }>, answer: unknown, path: string): Checked {
  const fail = (code: ErrorCode, params?: FormError['params']) => failure(path, answer, code, params);
  if (answer === undefined || (Array.isArray(answer) && answer.length === 0)) return field.required ? fail('required') : ok(undefined);
  if (!Array.isArray(answer) || !answer.every((value) => typeof value === 'string')) return fail('invalid');
  const chosen = answer as string[];
  if (new Set(chosen).size !== chosen.length || !chosen.every((value) => field.options.some((option) => option.value === value))) return fail('choice');
  if (field.minSelected !== undefined && chosen.length < field.minSelected) return fail('too_few_choices', { min: field.minSelected });
  if (field.maxSelected !== undefined && chosen.length > field.maxSelected) return fail('too_many_choices', { max: field.maxSelected });
  return ok(chosen);
}

const ADDRESS_PARTS = ['street', 'city', 'postcode'] as const;

/** Street, town and postcode: all three once any is given (or the field is required); the postcode has 5 digits. */
function checkAddress(required: boolean, answer: unknown, path: string): Checked {
  if (answer === undefined) {
    return { errors: required ? ADDRESS_PARTS.map((part) => ({ path: `${path}.${part}`, code: 'required' as const })) : [], value: undefined };
  }
  if (!isRecord(answer) || Object.keys(answer).some((key) => !(ADDRESS_PARTS as readonly string[]).includes(key))) return failure(path, answer, 'invalid');
  const parts = {} as Address;
  for (const part of ADDRESS_PARTS) {
    const value = own(answer, part) ?? '';
    if (typeof value !== 'string') return failure(path, answer, 'invalid');
    parts[part] = value.trim();
  }
  if (!required && isEmpty(parts)) return ok(undefined);
  const errors: FormError[] = ADDRESS_PARTS.filter((part) => parts[part] === '').map((part) => ({ path: `${path}.${part}`, code: 'required' }));
  const postcode = /^(\d{3}) ?(\d{2})$/.exec(parts.postcode);
  if (parts.postcode !== '' && !postcode) errors.push({ path: `${path}.postcode`, code: 'postcode' });
  if (postcode) parts.postcode = `${postcode[1]} ${postcode[2]}`;
  return { errors, value: errors.length ? (answer as unknown as Value) : parts };
}

function checkFiles(field: FileField, answer: unknown, path: string): Checked {
  const fail = (code: ErrorCode, params?: FormError['params']) => failure(path, answer, code, params);
  if (answer === undefined || (Array.isArray(answer) && answer.length === 0)) return field.required ? fail('required') : ok(undefined);
  if (!Array.isArray(answer) || !answer.every(isUpload)) return fail('invalid');
  for (const file of answer) {
    if (!field.accept.includes(file.type)) return fail('file_type', { accept: acceptLabel(field.accept), name: file.name });
    if (file.size > field.maxSize) return fail('file_too_large', { maxSize: field.maxSize, name: file.name });
  }
  const maxFiles = field.maxFiles ?? 1;
  if (answer.length > maxFiles) return fail('too_many_files', { maxFiles });
  return ok(answer.map(({ id, name, size, type }) => ({ id, name, size, type })));
}

/**
 * The errors of one answer. An empty answer (see {@link isEmpty}) breaks
 * only `required` (a checkbox that must be ticked: `must_accept`); every
 * other rule applies to what was given.
 */
export function validateValue(field: InputField, value: Value | undefined, options: ValidateOptions & { path?: string } = {}): FormError[] {
  return checkField(field, value, options.path ?? field.id, options.today).errors;
}

/** The total of a group: the sum of its `total.field` over the items (answers that are not numbers count as 0). */
export function groupTotal(group: GroupField, items: Answers[] | undefined): number {
  const field = group.total?.field;
  if (field === undefined || !Array.isArray(items)) return 0;
  return items.reduce((total, item) => {
    const value = isRecord(item) ? own(item, field) : undefined;
    const number = typeof value === 'number' || typeof value === 'string' ? parseNumber(value) : undefined;
    return total + (number ?? 0);
  }, 0);
}

function checkGroup(group: GroupField, raw: unknown, answers: Answers, path: string, today: string | undefined): Checked {
  if (raw === undefined || raw === null) raw = [];
  if (!Array.isArray(raw)) return failure(path, raw, 'invalid');
  const errors: FormError[] = [];
  const count = raw.length;
  if (group.minItems !== undefined && count < group.minItems) errors.push({ path, code: 'too_few_items', params: { min: group.minItems } });
  if (group.maxItems !== undefined && count > group.maxItems) errors.push({ path, code: 'too_many_items', params: { max: group.maxItems } });
  const items: Answers[] = [];
  raw.forEach((item: unknown, index) => {
    const itemPath = `${path}.${index}`;
    if (!isRecord(item)) {
      errors.push({ path: itemPath, code: 'invalid' });
      return;
    }
    const visible = visibleItem(group, item as Answers, answers, today);
    const normalized: Answers = {};
    for (const field of group.fields) {
      if (field.type === 'info' || !evaluateCondition(field.when, answers, visible, today)) continue;
      const checked = checkField(field, own(item, field.id), `${itemPath}.${field.id}`, today);
      errors.push(...checked.errors);
      if (checked.value !== undefined) normalized[field.id] = checked.value;
    }
    const known = new Set(group.fields.filter((field) => field.type !== 'info').map((field) => field.id));
    for (const key of Object.keys(item)) if (!known.has(key)) errors.push({ path: `${itemPath}.${key}`, code: 'unknown_field' });
    items.push(normalized);
  });
  if (group.total && count > 0) {
    const total = groupTotal(group, items);
    const { min, max } = group.total;
    if (min !== undefined && total < min) errors.push({ path, code: 'total_too_small', params: { min, total } });
    if (max !== undefined && total > max) errors.push({ path, code: 'total_too_large', params: { max, total } });
  }
  return { errors, value: errors.length ? (raw as Value) : items.length ? items : undefined };
}

/**
 * The errors of a group's answer: the number of items, each item's visible
 * fields (at `<group>.<index>.<field>`) and the total. `answers` are the
 * form's, for the conditions of the group's fields.
 */
export function validateGroup(group: GroupField, items: Answers[] | undefined, answers: Answers, options: ValidateOptions & { path?: string } = {}): FormError[] {
  return checkGroup(group, items, answers, options.path ?? group.id, options.today).errors;
}

/** Whether a step or field is shown: its `when` holds (inside a group, for that item). */
export function isVisible(item: { when?: string }, answers: Answers, groupItem?: Answers, today?: string): boolean {
  return evaluateCondition(item.when, answers, groupItem, today);
}

/** A group item with only its visible fields, hidden ones dropped until none is left (a field may depend on another). */
function visibleItem(group: GroupField, item: Answers, answers: Answers, today: string | undefined): Answers {
  let current = item;
  for (let round = 0; round <= group.fields.length; round++) {
    const next: Answers = {};
    for (const field of group.fields) {
      if (field.type !== 'info' && Object.hasOwn(item, field.id) && evaluateCondition(field.when, answers, current, today)) next[field.id] = item[field.id];
    }
    if (sameKeys(next, current)) return next;
    current = next;
  }
  return current;
}

const sameKeys = (a: object, b: object): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key));
};

function fieldCount(definition: FormDefinition): number {
  return definition.steps.reduce((count, step) => count + step.fields.length, 0);
}

/**
 * The answers of the fields that are shown, the rest dropped, and dropped
 * again until nothing changes: a hidden field's stale answer must not show
 * or hide another field. Group items keep their visible fields. Use it for
 * the conditions, as {@link visibleSteps}, {@link validateStep} and
 * {@link validateAnswers} do, so the widget and the server agree on what is
 * shown.
 */
export function visibleAnswers(definition: FormDefinition, answers: Answers, today?: string): Answers {
  let current = answers;
  const rounds = fieldCount(definition) + 1;
  for (let round = 0; round <= rounds; round++) {
    const next: Answers = {};
    for (const step of definition.steps) {
      if (!evaluateCondition(step.when, current, undefined, today)) continue;
      for (const field of step.fields) {
        if (field.type === 'info' || !Object.hasOwn(answers, field.id) || !evaluateCondition(field.when, current, undefined, today)) continue;
        const value = answers[field.id];
        next[field.id] =
          field.type === 'group' && Array.isArray(value) ? (value as unknown[]).map((item) => (isRecord(item) ? visibleItem(field, item as Answers, current, today) : item)) as Answers[] : value;
      }
    }
    if (sameKeys(next, current) && sameItems(next, current)) return next;
    current = next;
  }
  return current;
}

function sameItems(a: Answers, b: Answers): boolean {
  return Object.keys(a).every((key) => {
    const [left, right] = [a[key], b[key]];
    if (!Array.isArray(left) || !Array.isArray(right)) return true;
    return left.length === right.length && left.every((item, index) => !isRecord(item) || (isRecord(right[index]) && sameKeys(item, right[index] as object)));
  });
}

/** The steps shown for these answers, in order. */
export function visibleSteps(definition: FormDefinition, answers: Answers, today?: string): Step[] {
  const visible = visibleAnswers(definition, answers, today);
  return definition.steps.filter((step) => isVisible(step, visible, undefined, today));
}

function checkStep(step: Step, input: Answers, visible: Answers, today: string | undefined, into: Answers): FormError[] {
  const errors: FormError[] = [];
  for (const field of step.fields) {
    if (field.type === 'info' || !isVisible(field, visible, undefined, today)) continue;
    const raw = own(input, field.id);
    const checked = field.type === 'group' ? checkGroup(field, raw, visible, field.id, today) : checkField(field, raw, field.id, today);
    errors.push(...checked.errors);
    if (checked.value !== undefined) into[field.id] = checked.value;
  }
  return errors;
}

/** The errors of one step's visible fields (none when the step itself is hidden); for "Pokračovat". */
export function validateStep(definition: FormDefinition, step: Step, answers: Answers, options: ValidateOptions = {}): FormError[] {
  const visible = visibleAnswers(definition, answers, options.today);
  if (!isVisible(step, visible, undefined, options.today)) return [];
  return checkStep(step, answers, visible, options.today, {});
}

/**
 * Checks a whole form's answers, e.g. a submission's. Fields that are not
 * shown (by their or their step's `when`) are dropped without a word; keys
 * that are no field of the form are `unknown_field`. The answers come back
 * normalized: strings trimmed, numbers and money parsed (`"1 234,50"` →
 * `1234.5`), postcodes written `123 45`, bank accounts without spaces,
 * empty answers left out.
 */
export function validateAnswers(definition: FormDefinition, answers: Record<string, unknown>, options: ValidateOptions = {}): { errors: FormError[]; answers: Answers } {
  const input = (isRecord(answers) ? answers : {}) as Answers;
  const visible = visibleAnswers(definition, input, options.today);
  const errors: FormError[] = [];
  const normalized: Answers = {};
  for (const step of definition.steps) {
    if (isVisible(step, visible, undefined, options.today)) errors.push(...checkStep(step, input, visible, options.today, normalized));
  }
  const known = new Set(definition.steps.flatMap((step) => step.fields.filter((field) => field.type !== 'info').map((field) => field.id)));
  for (const key of Object.keys(input)) if (!known.has(key)) errors.push({ path: key, code: 'unknown_field' });
  return { errors, answers: normalized };
}
