import * as z from 'zod/mini';
import type { DefinitionError } from '../forms/check.js';
import { d21Rules, PollDefinitionSchema, type PollDefinition } from './definition.js';

export type { DefinitionError };

const at = (path: readonly PropertyKey[]) => path.map(String).join('.');

function describe(issue: z.core.$ZodIssue): DefinitionError {
  const path = at(issue.path);
  const key = String(issue.path.at(-1) ?? 'definition');
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? { path, code: 'missing', message: `${key} is missing` } : { path, code: 'invalid_type', message: `Expected ${issue.expected}` };
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
    if (!poll.budget && option.cost !== undefined) error(['options', index, 'cost'], 'cost_without_budget', 'A cost counts only in a poll with a budget');
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
  if (!parsed.success) return { errors: parsed.error.issues.map(describe) };
  const errors = checkPoll(parsed.data);
  return errors.length > 0 ? { errors } : { poll: parsed.data, errors };
}
