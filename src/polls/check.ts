import * as z from 'zod/mini';
import type { DefinitionError } from '../forms/check.js';
import { d21Rules, PollDefinitionSchema, type PollDefinition } from './definition.js';

export type { DefinitionError };

const at = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** The value at a path of the JSON (zod's issues do not carry the input). */
function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(issue: z.core.$ZodIssue, json: unknown): DefinitionError {
  const path = at(issue.path);
  const key = String(issue.path.at(-1) ?? 'definition');
  const missing = valueAt(json, issue.path) === undefined && issue.code !== 'unrecognized_keys';
  if (missing) return { path, code: 'missing', message: `${key} is missing` };
  switch (issue.code) {
    case 'invalid_type':
      return { path, code: 'invalid_type', message: `Expected ${issue.expected}` };
    case 'invalid_value':
      return { path, code: 'invalid_value', message: `Expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}` };
    case 'unrecognized_keys':
      return { path: at([...issue.path, issue.keys[0]!]), code: 'unknown_property', message: `Unknown property ${issue.keys.map((name) => JSON.stringify(name)).join(', ')}` };
    case 'invalid_union':
      return { path, code: 'invalid', message: key === 'minusAfter' ? 'Expected a whole number (0 or more) or "all"' : 'Expected a text: "…" or { "cs": "…", "en": "…" }' };
    case 'custom':
      return { path, code: 'invalid_format', message: FORMAT_HINTS[key] ?? `${key} is a whole number in its range` };
    default:
      return { path, code: 'invalid', message: issue.message };
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Keys of a `{ cs, en }` text other than `cs` and `en`: the text schema is
 * shared with forms and not strict, so a typo such as `"em"` would otherwise
 * drop the English text without a word.
 */
function unknownTextKeys(json: unknown): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const check = (owner: unknown, keys: readonly string[], path: PropertyKey[]) => {
    if (!isRecord(owner)) return;
    for (const key of keys) {
      const text = owner[key];
      if (!isRecord(text) || typeof text.cs !== 'string') continue;
      for (const name of Object.keys(text)) {
        if (name !== 'cs' && name !== 'en') errors.push({ path: at([...path, key, name]), code: 'unknown_property', message: `Unknown property ${JSON.stringify(name)}` });
      }
    }
  };
  check(json, ['title', 'description', 'question'], []);
  if (isRecord(json) && Array.isArray(json.options)) json.options.forEach((option, index) => check(option, ['title', 'description', 'imageAlt'], ['options', index]));
  return errors;
}

const FORMAT_HINTS: Record<string, string> = {
  id: 'An id is letters, digits and - (poll ids lower case; option ids may also have _), at most 64',
  image: 'An https:// URL or a path starting with /',
  link: 'An http(s):// URL or a path starting with /',
  opens: 'An ISO 8601 moment with its offset, e.g. 2027-03-01T08:00:00+01:00',
  closes: 'An ISO 8601 moment with its offset, e.g. 2027-03-31T23:59:59+02:00',
};

/**
 * The checks across a poll definition the schema cannot make: at least two
 * options with unique ids, a picture with its description, the settings of
 * the method (and only of it), the costs of a budget's projects, an age or
 * residence limit only for verified voters, `opens` before `closes`.
 */
export function checkPoll(poll: PollDefinition): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const error = (path: PropertyKey[], code: string, message: string) => errors.push({ path: at(path), code, message });
  if (poll.options.length < 2) error(['options'], 'too_few', 'A poll needs at least two options');
  const seen = new Set<string>();
  poll.options.forEach((option, index) => {
    if (seen.has(option.id)) error(['options', index, 'id'], 'duplicate_id', `The option id ${JSON.stringify(option.id)} appears twice`);
    seen.add(option.id);
    if (option.image !== undefined && option.imageAlt === undefined) error(['options', index, 'imageAlt'], 'missing', 'A picture needs imageAlt: what it shows, for those who cannot see it');
    if (poll.budget && option.cost === undefined) error(['options', index, 'cost'], 'missing', 'With a budget, every project has its cost');
    // (a budget poll without its budget: that one error, not one per project)
    if (!poll.budget && poll.method !== 'budget' && option.cost !== undefined) error(['options', index, 'cost'], 'cost_without_budget', 'A cost counts only in a poll with a budget');
  });
  const onlyFor = (key: keyof PollDefinition, method: PollDefinition['method']) => {
    if (poll[key] !== undefined && poll.method !== method) error([key], 'not_for_method', `${key} is a setting of the ${method} method, not of ${poll.method}`);
  };
  onlyFor('minChoices', 'multiple');
  onlyFor('maxChoices', 'multiple');
  onlyFor('d21', 'd21');
  if (poll.method === 'multiple') {
    const min = poll.minChoices ?? 1;
    const max = poll.maxChoices ?? poll.options.length;
    if (max > poll.options.length) error(['maxChoices'], 'out_of_range', `maxChoices is more than the ${poll.options.length} options`);
    if (min > max) error(['minChoices'], 'out_of_range', 'minChoices is more than maxChoices');
  }
  if (poll.method === 'd21') {
    if (!poll.d21) error(['d21'], 'missing', 'A d21 poll needs its rules: { "plus": 3, "minus": 1 }');
    else {
      const rules = d21Rules(poll);
      if (rules.plus > poll.options.length * rules.maxPlusPerOption) error(['d21', 'plus'], 'out_of_range', 'More plus votes than the options can take');
      if (rules.minus > poll.options.length) error(['d21', 'minus'], 'out_of_range', 'More minus votes than options');
      if (typeof rules.minusAfter === 'number' && rules.minusAfter > rules.plus) error(['d21', 'minusAfter'], 'out_of_range', 'minusAfter is more than the plus votes (use "all")');
      if (rules.minus === 0 && poll.d21.minusAfter !== undefined) error(['d21', 'minusAfter'], 'not_for_method', 'minusAfter without minus votes');
    }
  }
  if (poll.method === 'budget' && !poll.budget) error(['budget'], 'missing', 'A budget poll needs its budget: { "total": 2000000 }');
  if (poll.budget) {
    if (poll.budget.minSpend !== undefined && poll.budget.minSpend > poll.budget.total) error(['budget', 'minSpend'], 'out_of_range', 'minSpend is more than the total');
    if (poll.method !== 'budget' && (poll.budget.minSpend !== undefined || poll.budget.maxProjects !== undefined)) {
      error(['budget'], 'not_for_method', 'minSpend and maxProjects are rules of a budget ballot (method budget)');
    }
  }
  if (poll.voters === 'anyone') {
    if (poll.minAge !== undefined) error(['minAge'], 'needs_verified', 'An age limit needs verified voters ("voters": "verified")');
    if (poll.residentsOnly) error(['residentsOnly'], 'needs_verified', 'A residents-only poll needs verified voters ("voters": "verified")');
  }
  if (poll.opens !== undefined && poll.closes !== undefined && Date.parse(poll.opens) >= Date.parse(poll.closes)) error(['closes'], 'out_of_range', 'closes is not after opens');
  return errors;
}

/**
 * Reads a poll definition from JSON: the shape ({@link PollDefinitionSchema},
 * unknown properties refused), then {@link checkPoll}. `poll` is there only
 * when there are no errors.
 */
export function parsePollDefinition(json: unknown): { poll?: PollDefinition; errors: DefinitionError[] } {
  const parsed = z.safeParse(PollDefinitionSchema, json);
  const texts = unknownTextKeys(json);
  if (!parsed.success) return { errors: [...parsed.error.issues.map((issue) => describe(issue, json)), ...texts] };
  const errors = [...texts, ...checkPoll(parsed.data)];
  return errors.length > 0 ? { errors } : { poll: parsed.data, errors };
}
