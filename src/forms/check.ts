import {
  AddressFieldSchema,
  BankAccountFieldSchema,
  CheckboxFieldSchema,
  ChoiceFieldSchema,
  DateFieldSchema,
  EmailFieldSchema,
  FileFieldSchema,
  FormDefinitionSchema,
  GroupFieldSchema,
  InfoFieldSchema,
  MoneyFieldSchema,
  NumberFieldSchema,
  OptionSchema,
  PhoneFieldSchema,
  StepSchema,
  TextareaFieldSchema,
  TextFieldSchema,
  YesNoFieldSchema,
  type Field,
  type FormDefinition,
  type GroupField,
  type LeafField,
} from './definition.js';
import { ExpressionError, parseExpression, referencesOf } from './expression.js';
import { isCalendarDate } from './values.js';

/**
 * Checks of a form definition beyond its shape: what a town's editor can get
 * wrong in JSON that the schema cannot see. The server runs them before it
 * stores a definition, and the demo forms and the documented example are
 * tested with them.
 */

/** A mistake in a definition: `path` into the JSON (`steps.1.fields.0.when`), a stable `code`, an English explanation. */
export interface DefinitionError {
  path: string;
  code: string;
  message: string;
}

type Path = (string | number)[];
const at = (path: Path) => path.join('.');

const FIELD_SCHEMAS = {
  text: TextFieldSchema,
  textarea: TextareaFieldSchema,
  email: EmailFieldSchema,
  phone: PhoneFieldSchema,
  number: NumberFieldSchema,
  money: MoneyFieldSchema,
  date: DateFieldSchema,
  choice: ChoiceFieldSchema,
  yesno: YesNoFieldSchema,
  checkbox: CheckboxFieldSchema,
  address: AddressFieldSchema,
  'bank-account': BankAccountFieldSchema,
  file: FileFieldSchema,
  info: InfoFieldSchema,
  group: GroupFieldSchema,
};
const FIELD_TYPES = Object.keys(FIELD_SCHEMAS);
const TOTAL_KEYS = ['field', 'label', 'min', 'max'];

// ---------------------------------------------------------------------------
// The shape, in the words of an editor of the JSON

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  minimum?: unknown;
  errors?: Issue[][];
  note?: string;
}

function valueAt(json: unknown, path: PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What a value refused by a `refine` should look like, by the name of its key. */
function formatHint(path: PropertyKey[]): string {
  const key = String(path.at(-1));
  if (key === 'id') return path.length === 1 ? 'A form id is lower-case letters, digits and -, starting with a letter or digit (at most 64)' : 'An id is a letter, then letters, digits, _ or - (at most 64)';
  if (key === 'field') return 'An id is a letter, then letters, digits, _ or - (at most 64)';
  if (key === 'value') return 'An option value is letters, digits, _ or - (1 to 64)';
  if (key === 'min' || key === 'max') return 'A date bound is YYYY-MM-DD or today';
  return `${key} is a whole number, 0 or more`;
}

/** The schema's issues as editors read them; of a union, the branch the value was meant for. */
function describeIssues(issues: Issue[], json: unknown, prefix: PropertyKey[] = []): DefinitionError[] {
  return issues.flatMap((issue): DefinitionError[] => {
    const path = [...prefix, ...issue.path];
    const problem = (code: string, message: string): DefinitionError[] => [{ path: at(path as Path), code, message }];
    const value = valueAt(json, path);
    switch (issue.code) {
      case 'invalid_union': {
        const branches = issue.errors ?? [];
        const typed = (branch: Issue[]) => branch.some((inner) => inner.path.length === 1 && inner.path[0] === 'type');
        const meant = branches.filter((branch) => !typed(branch));
        if (meant.length === 1) return describeIssues(meant[0]!, json, path);
        if (issue.note === 'No matching discriminator' || (branches.length > 0 && meant.length === 0)) {
          const type = valueAt(json, [...path.slice(0, issue.note ? -1 : undefined), 'type']);
          const where = issue.note ? path : [...path, 'type'];
          return [{ path: at(where as Path), code: 'unknown_type', message: `Unknown field type ${JSON.stringify(type)}: one of ${FIELD_TYPES.join(', ')}` }];
        }
        if (value === undefined) return problem('missing', `${String(path.at(-1))} is missing`);
        return problem('invalid_text', 'Expected a text: "…" or { "cs": "…", "en": "…" }');
      }
      case 'invalid_type':
        return value === undefined ? problem('missing', `${String(path.at(-1))} is missing`) : problem('invalid_type', `Expected ${issue.expected ?? 'another type'}`);
      case 'invalid_value':
        return problem('invalid_value', `Expected ${(issue.values ?? []).map((option) => JSON.stringify(option)).join(' or ')}`);
      case 'too_small':
        return problem('too_few', `Needs at least ${String(issue.minimum)}`);
      case 'custom':
        return problem('invalid_format', formatHint(path));
      default:
        return problem('invalid', 'Invalid value');
    }
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys the format does not know (a typo such as `requierd` would otherwise be dropped without a word). */
function unknownKeys(json: Record<string, unknown>): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const check = (object: unknown, known: string[], path: Path) => {
    if (!isRecord(object)) return;
    for (const key of Object.keys(object)) {
      const value = object[key];
      if (!known.includes(key)) errors.push({ path: at([...path, key]), code: 'unknown_key', message: `Unknown property ${JSON.stringify(key)}` });
      else if (isRecord(value) && typeof value.cs === 'string') check(value, ['cs', 'en'], [...path, key]);
    }
  };
  const checkFieldKeys = (field: unknown, path: Path) => {
    if (!isRecord(field)) return;
    const type = field.type as keyof typeof FIELD_SCHEMAS;
    check(field, Object.keys(FIELD_SCHEMAS[type].shape), path);
    if (Array.isArray(field.options)) field.options.forEach((option, index) => check(option, Object.keys(OptionSchema.shape), [...path, 'options', index]));
    if (type === 'group') {
      check(field.total, TOTAL_KEYS, [...path, 'total']);
      (field.fields as unknown[]).forEach((inner, index) => checkFieldKeys(inner, [...path, 'fields', index]));
    }
  };
  check(json, Object.keys(FormDefinitionSchema.shape), []);
  (json.steps as unknown[]).forEach((step, index) => {
    check(step, Object.keys(StepSchema.shape), ['steps', index]);
    (step as { fields: unknown[] }).fields.forEach((field, fieldIndex) => checkFieldKeys(field, ['steps', index, 'fields', fieldIndex]));
  });
  return errors;
}

// ---------------------------------------------------------------------------
// Checks across the document

/** Which prefill sources suit which field types. */
const PREFILL_TYPES: Record<string, string[]> = {
  name: ['text'],
  given_name: ['text'],
  family_name: ['text'],
  email: ['email', 'text'],
  birthdate: ['date', 'text'],
  address: ['address', 'text', 'textarea'],
};

function checkField(field: LeafField, path: Path, errors: DefinitionError[], inGroup: boolean): void {
  const add = (key: string, code: string, message: string) => errors.push({ path: at([...path, key]), code, message });
  switch (field.type) {
    case 'text':
    case 'textarea':
      if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) add('maxLength', 'range', 'maxLength is less than minLength');
      if (field.type === 'text' && field.pattern !== undefined) {
        try {
          new RegExp(field.pattern, 'u');
        } catch (error) {
          add('pattern', 'pattern', `The pattern is not a valid regular expression: ${(error as Error).message}`);
        }
      }
      break;
    case 'number':
    case 'money':
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) add('max', 'range', 'max is less than min');
      break;
    case 'date':
      for (const key of ['min', 'max'] as const) {
        const bound = field[key];
        if (bound !== undefined && bound !== 'today' && !isCalendarDate(bound)) add(key, 'invalid_date', `${bound} is not a calendar date`);
      }
      if (field.min && field.max && field.min !== 'today' && field.max !== 'today' && field.min > field.max) add('max', 'range', 'max is before min');
      break;
    case 'choice': {
      const seen = new Set<string>();
      field.options.forEach((option, index) => {
        if (seen.has(option.value)) errors.push({ path: at([...path, 'options', index, 'value']), code: 'duplicate_option', message: `The option value ${JSON.stringify(option.value)} appears twice` });
        seen.add(option.value);
      });
      if ((field.minSelected !== undefined || field.maxSelected !== undefined) && field.display !== 'checkboxes') add('display', 'not_checkboxes', 'minSelected and maxSelected apply to checkboxes only');
      if (field.minSelected !== undefined && field.maxSelected !== undefined && field.minSelected > field.maxSelected) add('maxSelected', 'range', 'maxSelected is less than minSelected');
      if (field.minSelected !== undefined && field.minSelected > field.options.length) add('minSelected', 'range', 'minSelected is more than there are options');
      break;
    }
    case 'file':
      field.accept.forEach((type, index) => {
        if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(type)) errors.push({ path: at([...path, 'accept', index]), code: 'media_type', message: `${JSON.stringify(type)} is not a media type such as application/pdf` });
      });
      if (field.maxSize === 0) add('maxSize', 'range', 'maxSize must be more than 0');
      if (field.maxFiles === 0) add('maxFiles', 'range', 'maxFiles must be at least 1');
      break;
  }
  if (field.type !== 'info' && field.prefill !== undefined) {
    if (inGroup) add('prefill', 'prefill', 'prefill is not available inside a group');
    else if (!PREFILL_TYPES[field.prefill]!.includes(field.type)) add('prefill', 'prefill', `prefill ${field.prefill} suits a field of type ${PREFILL_TYPES[field.prefill]!.join(' or ')}`);
  }
}

function checkGroup(group: GroupField, path: Path, errors: DefinitionError[]): void {
  if (group.minItems !== undefined && group.maxItems !== undefined && group.minItems > group.maxItems) {
    errors.push({ path: at([...path, 'maxItems']), code: 'range', message: 'maxItems is less than minItems' });
  }
  const ids = new Set<string>();
  group.fields.forEach((field, index) => {
    if (ids.has(field.id)) errors.push({ path: at([...path, 'fields', index, 'id']), code: 'duplicate_id', message: `The id ${JSON.stringify(field.id)} appears twice in the group` });
    ids.add(field.id);
  });
  if (group.total) {
    const totalled = group.fields.find((field) => field.id === group.total!.field);
    if (totalled?.type !== 'number' && totalled?.type !== 'money') {
      errors.push({ path: at([...path, 'total', 'field']), code: 'total_field', message: `The total sums a number or money field of the group; ${JSON.stringify(group.total.field)} is not one` });
    }
    if (group.total.min !== undefined && group.total.max !== undefined && group.total.min > group.total.max) {
      errors.push({ path: at([...path, 'total', 'max']), code: 'range', message: 'total.max is less than total.min' });
    }
  }
}

/** What a name in an expression can mean where it is written. */
interface Scope {
  top: Map<string, Field>;
  group?: GroupField;
}

/** Checks one `when`: it parses, and every name is a field that has an answer there. Returns what it depends on. */
function checkCondition(source: string, path: Path, scope: Scope, errors: DefinitionError[], dashed: string[]): string[] {
  let references: string[];
  try {
    references = referencesOf(parseExpression(source));
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    errors.push({ path: at(path), code: 'expression', message: `${error.message} (at character ${error.position + 1} of ${JSON.stringify(source)})` });
    return [];
  }
  const nodes: string[] = [];
  for (const reference of references) {
    const [name, member] = reference.split('.') as [string, string | undefined];
    const own = scope.group?.fields.find((field) => field.id === name && field.type !== 'info');
    const top = scope.top.get(name);
    if (member !== undefined) {
      if (top?.type === 'group' && top.fields.some((field) => field.id === member && field.type !== 'info')) {
        nodes.push(reference);
        continue;
      }
      errors.push({ path: at(path), code: 'unknown_reference', message: `sum(${reference}) names no field ${JSON.stringify(member)} of a group ${JSON.stringify(name)}` });
    } else if (own) {
      nodes.push(`${scope.group!.id}.${name}`);
    } else if (top && top.type !== 'info') {
      nodes.push(name);
    } else {
      const unusable = dashed.find((id) => id.split('-').includes(name));
      errors.push(
        unusable
          ? { path: at(path), code: 'unreferenceable_id', message: `The field ${JSON.stringify(unusable)} cannot be used in an expression because its id contains "-" (read as minus); use "_" instead` }
          : { path: at(path), code: 'unknown_reference', message: `${JSON.stringify(name)} is not a field with an answer${top?.type === 'info' ? ' (it is an info text)' : ''}` },
      );
    }
  }
  return nodes;
}

/** Reports conditions that depend on themselves, e.g. a step shown only when a field of that step is filled in. */
function checkCycles(dependencies: Map<string, { path: Path; on: string[] }>, errors: DefinitionError[]): void {
  const done = new Set<string>();
  const active = new Set<string>();
  const visit = (node: string): boolean => {
    if (active.has(node)) return true;
    if (done.has(node)) return false;
    active.add(node);
    const cyclic = (dependencies.get(node)?.on ?? []).some(visit);
    active.delete(node);
    done.add(node);
    return cyclic;
  };
  for (const [node, { path }] of dependencies) {
    if (!done.has(node) && visit(node)) {
      errors.push({ path: at(path), code: 'cycle', message: `Whether ${JSON.stringify(node)} is shown depends on its own answer` });
    }
  }
}

/**
 * The checks across a definition the schema cannot make: unique ids (steps,
 * fields; in a group, its fields), unique option values, consistent bounds,
 * patterns that compile (`u` flag), media types, a total over a number or
 * money field of its group, prefill sources that suit the field, and `when`
 * expressions that parse, name existing fields with answers (ids with `-`
 * cannot be named) and do not depend on their own field.
 */
export function checkDefinition(definition: FormDefinition): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const top = new Map<string, Field>();
  const stepIds = new Set<string>();
  definition.steps.forEach((step, stepIndex) => {
    if (stepIds.has(step.id)) errors.push({ path: at(['steps', stepIndex, 'id']), code: 'duplicate_id', message: `The step id ${JSON.stringify(step.id)} appears twice` });
    stepIds.add(step.id);
    step.fields.forEach((field, index) => {
      const path = ['steps', stepIndex, 'fields', index];
      if (top.has(field.id)) errors.push({ path: at([...path, 'id']), code: 'duplicate_id', message: `The field id ${JSON.stringify(field.id)} appears twice in the form` });
      else top.set(field.id, field);
    });
  });
  const dashed = [...top.values()].flatMap((field) => [field.id, ...(field.type === 'group' ? field.fields.map((inner) => inner.id) : [])]).filter((id) => id.includes('-'));

  const dependencies = new Map<string, { path: Path; on: string[] }>();
  const depend = (node: string, path: Path, on: string[]) => {
    const entry = dependencies.get(node);
    if (entry) entry.on.push(...on);
    else dependencies.set(node, { path, on: [...on] });
  };
  definition.steps.forEach((step, stepIndex) => {
    const stepNeeds = step.when === undefined ? [] : checkCondition(step.when, ['steps', stepIndex, 'when'], { top }, errors, dashed);
    step.fields.forEach((field, index) => {
      const path: Path = ['steps', stepIndex, 'fields', index];
      const needs = [...stepNeeds, ...(field.when === undefined ? [] : checkCondition(field.when, [...path, 'when'], { top }, errors, dashed))];
      depend(field.id, field.when === undefined ? [...path, 'id'] : [...path, 'when'], needs);
      if (field.type !== 'group') return checkField(field, path, errors, false);
      checkGroup(field, path, errors);
      field.fields.forEach((inner, innerIndex) => {
        const innerPath: Path = [...path, 'fields', innerIndex];
        checkField(inner, innerPath, errors, true);
        const innerNeeds = inner.when === undefined ? [] : checkCondition(inner.when, [...innerPath, 'when'], { top, group: field }, errors, dashed);
        depend(`${field.id}.${inner.id}`, inner.when === undefined ? [...innerPath, 'id'] : [...innerPath, 'when'], [...needs, ...innerNeeds]);
      });
    });
  });
  checkCycles(dependencies, errors);
  return errors;
}

/**
 * Reads a form definition from JSON: the shape ({@link FormDefinitionSchema};
 * unknown properties are refused, so a misspelt `required` does not pass
 * unnoticed), then {@link checkDefinition}. `definition` is there only when
 * there are no errors.
 */
export function parseDefinition(json: unknown): { definition?: FormDefinition; errors: DefinitionError[] } {
  const parsed = FormDefinitionSchema.safeParse(json);
  if (!parsed.success) return { errors: describeIssues(parsed.error.issues as unknown as Issue[], json) };
  const errors = [...unknownKeys(json as Record<string, unknown>), ...checkDefinition(parsed.data)];
  return errors.length > 0 ? { errors } : { definition: parsed.data, errors };
}
