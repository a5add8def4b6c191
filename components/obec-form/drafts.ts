import type { Answers } from '../../src/forms/definition.js';

/** The step a draft was left on: a step id, or the check-your-answers page. */
export const REVIEW = '#review';

/**
 * An unfinished form as this browser keeps it. `owner` is the subject of the
 * citizen who was signed in when it was saved (its copy on the server is
 * theirs too); `submit` is the idempotency key of the last attempt to send it,
 * with a fingerprint of the answers it was for, so that a retry of the same
 * answers can never create a second submission.
 */
export interface LocalDraft {
  version: number;
  answers: Answers;
  step?: string;
  updatedAt: string;
  owner?: string;
  submit?: { key: string; fingerprint: string };
}

/** Drafts in localStorage, one per form and backend; quietly absent where storage is not allowed. */
export class DraftStorage {
  constructor(private readonly key: string) {}

  read(): LocalDraft | undefined {
    try {
      const draft = JSON.parse(localStorage.getItem(this.key) ?? 'null') as LocalDraft | null;
      return draft && typeof draft === 'object' && draft.answers && typeof draft.answers === 'object' ? draft : undefined;
    } catch {
      return undefined;
    }
  }

  write(draft: LocalDraft): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(draft));
    } catch {
      // Private mode or a full storage: the form still works, the draft only lives in the page.
    }
  }

  clear(): void {
    try {
      localStorage.removeItem(this.key);
    } catch {
      // nothing stored
    }
  }
}

/** A stable fingerprint of answers (keys sorted), to tell whether a retry sends the same thing. */
export function fingerprint(value: unknown): string {
  const canonical = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(canonical);
    if (item && typeof item === 'object') {
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, canonical((item as Record<string, unknown>)[key])]),
      );
    }
    return item;
  };
  return JSON.stringify(canonical(value));
}
