import type { Me } from '../contract/me.js';
import type { Address, Answers, FormDefinition, Prefill, Value } from './definition.js';
import { isCalendarDate, isEmpty } from './values.js';

/**
 * Filling in what the town already knows about a signed-in citizen
 * (`GET {api}/me`): the fields with `prefill` that are still empty.
 */

const POSTCODE = /(?:^|\s)(\d{3}) ?(\d{2})(?=\s|$)/;

/**
 * Splits an address as NIA writes it into street, postcode and town:
 * `"Náměstí 1, 123 45 Javorná Lhota"` → `{ street: 'Náměstí 1', postcode: '123 45', city: 'Javorná Lhota' }`.
 * Also reads the postcode after the town (`"Náměstí 1, Javorná Lhota, 123 45"`)
 * and ignores a trailing country. A part it cannot find is an empty string.
 */
export function parseAddress(formatted: string): Address {
  const parts = formatted
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  let at = parts.length - 1;
  while (at >= 0 && !POSTCODE.test(parts[at]!)) at--;
  if (at === -1) return { street: parts[0] ?? '', city: parts.slice(1).join(', '), postcode: '' };
  const match = POSTCODE.exec(parts[at]!)!;
  const postcode = `${match[1]} ${match[2]}`;
  const rest = parts[at]!.replace(match[0], ' ').trim();
  if (rest !== '') return { street: parts.slice(0, at).join(', '), city: rest, postcode };
  // The postcode stands alone: the town is the part before it (or, if that is the street, after it).
  if (at >= 2) return { street: parts.slice(0, at - 1).join(', '), city: parts[at - 1]!, postcode };
  return { street: parts[0] === parts[at] ? '' : (parts[0] ?? ''), city: parts[at + 1] ?? '', postcode };
}

/** The answer a prefill source gives for a field of the given type, if the citizen's identity has it. */
function prefillValue(source: Prefill, type: string, me: Me): Value | undefined {
  switch (source) {
    case 'name':
      return me.name ?? ([me.given_name, me.family_name].filter(Boolean).join(' ') || undefined);
    case 'given_name':
      return me.given_name;
    case 'family_name':
      return me.family_name;
    case 'email':
      return me.email;
    case 'birthdate':
      return me.birthdate !== undefined && isCalendarDate(me.birthdate) ? me.birthdate : undefined;
    case 'address':
      if (me.address === undefined) return undefined;
      return type === 'address' ? parseAddress(me.address.formatted) : me.address.formatted;
  }
}

/**
 * The answers with the form's `prefill` fields filled from the citizen's
 * identity where they are still empty; what the citizen entered is never
 * overwritten. Returns a new object.
 */
export function prefillAnswers(definition: FormDefinition, me: Me, answers: Answers): Answers {
  const filled: Answers = { ...answers };
  for (const step of definition.steps) {
    for (const field of step.fields) {
      if (field.type === 'info' || field.type === 'group' || field.prefill === undefined) continue;
      if (Object.hasOwn(filled, field.id) && !isEmpty(filled[field.id])) continue;
      const value = prefillValue(field.prefill, field.type, me);
      if (value !== undefined && !isEmpty(value)) filled[field.id] = value;
    }
  }
  return filled;
}
