import type { Text } from '../../../src/forms/definition.js';

/**
 * What the poll editor of `<obec-office-polls>` needs besides rendering:
 * editing one language of a text, Prague times for `datetime-local`, and
 * where in the form a problem of the definition belongs.
 */

/** A definition being edited: the shared format, with anything the form does not show kept as it is. */
export type Draft = Record<string, unknown>;

/** One language of a text (`cs` also of a plain string). */
export function textPart(text: unknown, lang: 'cs' | 'en'): string {
  if (typeof text === 'string') return lang === 'cs' ? text : '';
  if (text && typeof text === 'object') return String((text as Record<string, unknown>)[lang] ?? '');
  return '';
}

/** The text with one language changed: a plain string while there is no English, `undefined` when both are empty. */
export function withTextPart(text: unknown, lang: 'cs' | 'en', value: string): Text | undefined {
  const cs = lang === 'cs' ? value : textPart(text, 'cs');
  const en = lang === 'en' ? value : textPart(text, 'en');
  if (!cs && !en) return undefined;
  return en ? { cs, en } : cs;
}

/** Sets `key` of `target` to `value`, or removes it for `undefined` / `''`. */
export function setOrDelete(target: Draft, key: string, value: unknown): void {
  if (value === undefined || value === '') delete target[key];
  else target[key] = value;
}

/** An ISO moment as `YYYY-MM-DDTHH:mm` in Prague, for `<input type="datetime-local">`. */
export function toPragueInput(iso: unknown): string {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return '';
  // Swedish writes dates as ISO does; src/time/prague.ts is not imported so that it stays in the forms' chunk
  // (shared with these screens it would become a chunk of its own on every form page)
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso))
    .replace(' ', 'T');
}

/** `YYYY-MM-DDTHH:mm` in Prague as an ISO moment with Prague's offset then (`+01:00` or `+02:00`). */
export function fromPragueInput(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return undefined;
  for (const offset of ['+01:00', '+02:00']) {
    const iso = `${local}:00${offset}`;
    if (toPragueInput(iso) === local) return iso;
  }
  // the hour skipped when clocks go forward: the moment after it
  return `${local}:00+02:00`;
}

/** A new poll's definition: two empty options, anyone votes, results once closed. */
export function blankPoll(): Draft {
  return {
    id: '',
    title: '',
    method: 'single',
    options: [
      { id: 'moznost-1', title: '' },
      { id: 'moznost-2', title: '' },
    ],
    voters: 'anyone',
    results: 'after-close',
  };
}

/** An option id not yet taken: `moznost-N`. */
export function freeOptionId(options: readonly Draft[]): string {
  const taken = new Set(options.map((option) => option.id));
  let number = options.length + 1;
  while (taken.has(`moznost-${number}`)) number++;
  return `moznost-${number}`;
}

const FIELD_IDS: Record<string, string> = {
  id: 'poll-id',
  title: 'poll-title-cs',
  description: 'poll-description-cs',
  method: 'poll-method',
  minChoices: 'poll-min',
  maxChoices: 'poll-max',
  'd21.plus': 'poll-d21-plus',
  'd21.minus': 'poll-d21-minus',
  d21: 'poll-d21-plus',
  budget: 'poll-budget',
  'budget.total': 'poll-budget',
  voters: 'poll-voters',
  residentsOnly: 'poll-residents',
  minAge: 'poll-min-age',
  opens: 'poll-opens',
  closes: 'poll-closes',
  results: 'poll-results',
  options: 'add-option',
};

const OPTION_FIELDS: Record<string, string> = { id: 'id', title: 'title-cs', description: 'description', cost: 'cost' };

/**
 * Where a problem at `path` (`options.1.cost`, `closes`, `title.en`) is
 * shown: the id of its input in the editor, or `poll-json` for what only
 * the JSON shows; and which field it names (`option` with its number).
 */
export function placeOf(path: string): { input: string; field: string; number?: number } {
  const parts = path.split('.');
  if (parts[0] === 'options' && parts.length > 1 && /^\d+$/.test(parts[1]!)) {
    const index = Number(parts[1]);
    const inner = OPTION_FIELDS[parts[2] ?? 'id'];
    return { input: inner && parts.length <= 4 ? `option-${index}-${inner}` : 'poll-json', field: 'option', number: index + 1 };
  }
  const top = parts[0] ?? 'definition';
  if (parts[1] === 'en' && (top === 'title' || top === 'description')) return { input: `poll-${top}-en`, field: top };
  const input = FIELD_IDS[path] ?? FIELD_IDS[top] ?? 'poll-json';
  return { input, field: FIELD_IDS[top] ? top : 'definition' };
}

/**
 * Titles left empty: the format takes an empty text, but a poll or an option
 * without a name is never what the clerk meant.
 */
export function emptyTexts(draft: Draft): { path: string; code: string; message: string }[] {
  const empty = (text: unknown) => textPart(text, 'cs').trim() === '';
  const errors = empty(draft.title) ? [{ path: 'title', code: 'missing', message: 'title is empty' }] : [];
  if (Array.isArray(draft.options)) {
    draft.options.forEach((option: Draft, index) => {
      if (empty(option?.title)) errors.push({ path: `options.${index}.title`, code: 'missing', message: 'title is empty' });
    });
  }
  return errors;
}
