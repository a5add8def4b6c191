import { Problem } from '../http/problem.js';

/** NUL and lone surrogates: JSON may carry them, PostgreSQL's text and jsonb refuse them. */
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/** The path (`answers.budget.0.item`) of the first text or key in a JSON value that PostgreSQL cannot store; undefined when it all can be. */
export function unstorablePath(value: unknown, path = ''): string | undefined {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorablePath(item, at(index));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) return at(key);
      const found = unstorablePath(item, at(key));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Refuses (400) a request body with text that cannot be stored, naming where it is. */
export function assertStorable(body: unknown): void {
  const path = unstorablePath(body);
  if (path !== undefined) {
    throw new Problem(400, 'invalid_request', 'The request holds text with a NUL character or a broken (lone surrogate) character', [
      { path, code: 'invalid_text', message: 'Text with a NUL or a lone surrogate character' },
    ]);
  }
}
