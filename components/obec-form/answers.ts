import type { Answers, Field, FormDefinition, GroupField, Step, Value } from '../../src/forms/definition.js';

/** Where an answer's path points: the field, and the group item it is in. */
export interface FieldLocation {
  step: Step;
  field: Field;
  /** For a field inside a group item: the group and the item's index. */
  group?: { field: GroupField; index: number };
}

/**
 * Finds the field an answer path (`email`, `budget.2.amount`,
 * `address.postcode`, `budget`) refers to.
 */
export function locate(definition: FormDefinition, path: string): FieldLocation | undefined {
  const [id, second, third] = path.split('.');
  for (const step of definition.steps) {
    const field = step.fields.find((candidate) => candidate.id === id);
    if (!field) continue;
    if (field.type === 'group' && second !== undefined && /^\d+$/.test(second) && third !== undefined) {
      const inner = field.fields.find((candidate) => candidate.id === third);
      if (inner) return { step, field: inner, group: { field, index: Number(second) } };
    }
    return { step, field };
  }
  return undefined;
}

/** The answer at a path, with `undefined` where there is none. */
export function answerAt(answers: Answers, path: string): Value | undefined {
  const [id, index, inner] = path.split('.');
  const value = answers[id!];
  if (index === undefined || inner === undefined || !Array.isArray(value)) return value;
  return (value as Answers[])[Number(index)]?.[inner];
}

/** The answers with one answer replaced (a path into a group item replaces the item's field). */
export function withAnswer(answers: Answers, path: string, value: Value | undefined): Answers {
  const [id, index, inner] = path.split('.') as [string, string?, string?];
  if (index === undefined || inner === undefined) return { ...answers, [id]: value };
  const items = Array.isArray(answers[id]) ? [...(answers[id] as Answers[])] : [];
  items[Number(index)] = { ...items[Number(index)], [inner]: value };
  return { ...answers, [id]: items };
}

/** The element id of a field's element in the widget's shadow root. */
export const elementId = (path: string) => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The answers the form defines: anything left from an older version of the form is not sent. */
export function knownAnswers(definition: FormDefinition, answers: Answers): Answers {
  const ids = new Set(definition.steps.flatMap((step) => step.fields.map((field) => field.id)));
  return Object.fromEntries(Object.entries(answers).filter(([id, value]) => ids.has(id) && value !== undefined));
}

