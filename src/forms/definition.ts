import * as z from 'zod/mini';

/**
 * The form definition format: one JSON document per form, validated by
 * {@link FormDefinitionSchema} in the widget and on the server alike. The
 * README's "Form definitions" section documents it with a full example.
 *
 * Shape checks live here; the checks across the document (unique ids,
 * expressions that parse and name existing fields, a total over a number
 * field of its group) are in `checkDefinition` (`./check.ts`).
 */

/** A text in Czech, or in Czech and English: `"Jméno"` or `{ "cs": "Jméno", "en": "Name" }`. */
export const TextSchema = z.union([z.string(), z.object({ cs: z.string(), en: z.optional(z.string()) })]);
export type Text = z.infer<typeof TextSchema>;

// The schemas are pure: a page that imports this module for its types and
// `localized` must not keep them (and every zod kind they use) in its bundle.
const matching = /* @__NO_SIDE_EFFECTS__ */ (pattern: RegExp) => z.string().check(z.refine((value) => pattern.test(value)));
const count = /* @__PURE__ */ z.number().check(z.refine((value) => Number.isInteger(value) && value >= 0));

/** Ids of forms, steps and fields: a letter, then letters, digits, `_` or `-`. Form ids are lower case. */
export const FieldIdSchema = matching(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/);
export const FormIdSchema = matching(/^[a-z0-9][a-z0-9-]{0,63}$/);
/** `YYYY-MM-DD`, or `today` (the day of filling in, in Prague). */
const DateBound = matching(/^(\d{4}-\d{2}-\d{2}|today)$/);

/**
 * Where a signed-in citizen's answer comes from: their identity as the town
 * knows it (`GET {api}/me`). Filled only into an empty field; the citizen may
 * still change it.
 */
export const PrefillSchema = z.enum(['name', 'given_name', 'family_name', 'birthdate', 'email', 'address']);
export type Prefill = z.infer<typeof PrefillSchema>;

/** What every input field has. */
const common = {
  /** Unique in the form (in a group: unique in the group); the key of the answer. */
  id: FieldIdSchema,
  label: TextSchema,
  /** A hint under the label. */
  help: z.optional(TextSchema),
  required: z.optional(z.boolean()),
  /** An expression: the field is shown (and validated, and sent) only while it is true. */
  when: z.optional(z.string()),
  prefill: z.optional(PrefillSchema),
};

/** One line of text. `pattern` is a JavaScript regular expression the whole answer must match. */
export const TextFieldSchema = z.object({
  ...common,
  type: z.literal('text'),
  minLength: z.optional(count),
  maxLength: z.optional(count),
  pattern: z.optional(z.string()),
  /** Said when the pattern does not match, e.g. "Číslo čipu má 15 číslic." */
  patternMessage: z.optional(TextSchema),
  /** The HTML autocomplete token, e.g. `organization`. */
  autocomplete: z.optional(z.string()),
});

/** Several lines of text. */
export const TextareaFieldSchema = z.object({
  ...common,
  type: z.literal('textarea'),
  minLength: z.optional(count),
  maxLength: z.optional(count),
  rows: z.optional(count),
});

export const EmailFieldSchema = z.object({ ...common, type: z.literal('email'), maxLength: z.optional(count) });

/** A phone number: digits, spaces and an optional leading `+`, 9 to 15 digits. */
export const PhoneFieldSchema = z.object({ ...common, type: z.literal('phone') });

/** A number; `integer` refuses decimals. Czech and English notation are both read (`1 234,5`, `1234.5`). */
export const NumberFieldSchema = z.object({
  ...common,
  type: z.literal('number'),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  integer: z.optional(z.boolean()),
  /** Shown after the input, e.g. "ks", "m²". */
  unit: z.optional(TextSchema),
});

/** An amount in CZK with at most two decimals. */
export const MoneyFieldSchema = z.object({
  ...common,
  type: z.literal('money'),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
});

export const DateFieldSchema = z.object({
  ...common,
  type: z.literal('date'),
  min: z.optional(DateBound),
  max: z.optional(DateBound),
});

export const OptionSchema = z.object({
  value: matching(/^[A-Za-z0-9_-]{1,64}$/),
  label: TextSchema,
  help: z.optional(TextSchema),
});
export type Option = z.infer<typeof OptionSchema>;

/**
 * A choice among options: `radio` and `select` take one (the answer is the
 * option's value), `checkboxes` take several (an array of values, limited by
 * `minSelected` / `maxSelected`).
 */
export const ChoiceFieldSchema = z.object({
  ...common,
  type: z.literal('choice'),
  display: z.enum(['radio', 'select', 'checkboxes']),
  options: /* @__PURE__ */ z.array(OptionSchema).check(z.minLength(1)),
  minSelected: z.optional(count),
  maxSelected: z.optional(count),
});

/** Ano / Ne. The answer is `true` or `false`. */
export const YesNoFieldSchema = z.object({ ...common, type: z.literal('yesno') });

/** One check box; `required` means it must be ticked ("I declare that…"). The answer is `true` or `false`. */
export const CheckboxFieldSchema = z.object({ ...common, type: z.literal('checkbox') });

/** A postal address in the Czech Republic: street and number, town, postcode (`123 45`). */
export const AddressFieldSchema = z.object({ ...common, type: z.literal('address') });

/** A Czech bank account `prefix-number/bank`, both check digits verified (mod 11). */
export const BankAccountFieldSchema = z.object({ ...common, type: z.literal('bank-account') });

/**
 * Files. Each is uploaded as soon as it is chosen (`POST {api}/uploads`) and
 * the answer lists the uploads. The server checks size and the real type of
 * the content, not just the name.
 */
export const FileFieldSchema = z.object({
  ...common,
  type: z.literal('file'),
  /** Accepted media types, e.g. `["application/pdf", "image/jpeg", "image/png"]`. */
  accept: /* @__PURE__ */ z.array(z.string()).check(z.minLength(1)),
  /** Largest size of one file in bytes. */
  maxSize: count,
  /** How many files (default 1). */
  maxFiles: z.optional(count),
});

/** Text with no answer: an explanation between fields. */
export const InfoFieldSchema = z.object({
  id: FieldIdSchema,
  type: z.literal('info'),
  text: TextSchema,
  when: z.optional(z.string()),
});

export const LeafFieldSchema = z.discriminatedUnion('type', [
  TextFieldSchema,
  TextareaFieldSchema,
  EmailFieldSchema,
  PhoneFieldSchema,
  NumberFieldSchema,
  MoneyFieldSchema,
  DateFieldSchema,
  ChoiceFieldSchema,
  YesNoFieldSchema,
  CheckboxFieldSchema,
  AddressFieldSchema,
  BankAccountFieldSchema,
  FileFieldSchema,
  InfoFieldSchema,
]);

/**
 * A repeatable group, e.g. the lines of a budget: the answer is an array of
 * items, each an object of the group's fields. Groups do not nest. `total`
 * sums a number or money field of the items and may be bounded; it is shown
 * under the group and can be used in expressions as `sum(group.field)`.
 */
export const GroupFieldSchema = z.object({
  id: FieldIdSchema,
  type: z.literal('group'),
  label: TextSchema,
  help: z.optional(TextSchema),
  when: z.optional(z.string()),
  /** What one item is called, e.g. "Položka rozpočtu". */
  itemLabel: TextSchema,
  fields: /* @__PURE__ */ z.array(LeafFieldSchema).check(z.minLength(1)),
  minItems: z.optional(count),
  maxItems: z.optional(count),
  total: z.optional(
    z.object({
      field: FieldIdSchema,
      label: TextSchema,
      min: z.optional(z.number()),
      max: z.optional(z.number()),
    }),
  ),
});

export const FieldSchema = z.union([LeafFieldSchema, GroupFieldSchema]);

/** One page of the form. A step with `when` is skipped while the expression is false. */
export const StepSchema = z.object({
  id: FieldIdSchema,
  title: TextSchema,
  description: z.optional(TextSchema),
  when: z.optional(z.string()),
  fields: /* @__PURE__ */ z.array(FieldSchema).check(z.minLength(1)),
});

export const FormDefinitionSchema = z.object({
  id: FormIdSchema,
  /** Set by the server when the definition is stored; a new version on every change. */
  version: z.optional(count),
  title: TextSchema,
  /** Shown above the first step: what the form is for and what to have at hand. */
  description: z.optional(TextSchema),
  /** `required`: only a signed-in citizen may submit (default `optional`). */
  signIn: z.optional(z.enum(['optional', 'required'])),
  /** Shown with the reference number after submitting: what happens next. */
  confirmation: z.optional(TextSchema),
  steps: /* @__PURE__ */ z.array(StepSchema).check(z.minLength(1)),
});

export type TextField = z.infer<typeof TextFieldSchema>;
export type TextareaField = z.infer<typeof TextareaFieldSchema>;
export type EmailField = z.infer<typeof EmailFieldSchema>;
export type PhoneField = z.infer<typeof PhoneFieldSchema>;
export type NumberField = z.infer<typeof NumberFieldSchema>;
export type MoneyField = z.infer<typeof MoneyFieldSchema>;
export type DateField = z.infer<typeof DateFieldSchema>;
export type ChoiceField = z.infer<typeof ChoiceFieldSchema>;
export type YesNoField = z.infer<typeof YesNoFieldSchema>;
export type CheckboxField = z.infer<typeof CheckboxFieldSchema>;
export type AddressField = z.infer<typeof AddressFieldSchema>;
export type BankAccountField = z.infer<typeof BankAccountFieldSchema>;
export type FileField = z.infer<typeof FileFieldSchema>;
export type InfoField = z.infer<typeof InfoFieldSchema>;
export type LeafField = z.infer<typeof LeafFieldSchema>;
export type GroupField = z.infer<typeof GroupFieldSchema>;
export type Field = z.infer<typeof FieldSchema>;
export type Step = z.infer<typeof StepSchema>;
export type FormDefinition = z.infer<typeof FormDefinitionSchema>;

/** A field that takes an answer (everything but `info`). */
export type InputField = Exclude<LeafField, InfoField>;

/** A postal address answer. */
export interface Address {
  street: string;
  city: string;
  /** `12345` or `123 45`. */
  postcode: string;
}

/** A file already uploaded (`POST {api}/uploads`), as an answer refers to it. */
export const UploadSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  type: z.string(),
});
export type Upload = z.infer<typeof UploadSchema>;

/**
 * An answer as the widget keeps it. Number and money answers may be the text
 * the citizen typed (`"1 234,50"`) until it is valid; `validateAnswers`
 * returns them normalized, numbers as numbers.
 *
 * - text, textarea, email, phone, date (`YYYY-MM-DD`), bank-account, radio and select: `string`
 * - number, money: `number` or `string`
 * - checkboxes: `string[]`; yesno, checkbox: `boolean`
 * - address: {@link Address}; file: {@link Upload}[]; group: an array of {@link Answers}
 */
export type Value = string | number | boolean | string[] | Address | Upload[] | Answers[];
export type Answers = { [fieldId: string]: Value | undefined };

/** The text in a language, Czech when there is no translation. */
export function localized(text: Text | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' && text.en) || text.cs;
}
