import * as z from 'zod/mini';
import type { Text } from '../forms/definition.js';

/**
 * Loose shapes for the office's answers, written as tests: the union
 * and record schemas of zod would land in the shared chunk every page of a
 * town's site downloads, for the sake of staff-only screens. The server
 * checks what it sends against the strict schemas it stores with. A test
 * as a schema, as src/contract/polls.ts does (`z.custom` costs the shared
 * chunk bytes too).
 */

const tested = <T>(test: (value: unknown) => boolean) => z.refine(test) as unknown as z.ZodMiniType<T>;

/** A JSON object with any keys (a stored definition, a submission's answers). */
export const AnyObjectSchema = tested<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value));

/** An object of strings (an audit entry's target). */
export const StringMapSchema = tested<Record<string, string>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string'),
);

/** An object of counts (submissions by state). */
export const CountMapSchema = tested<Record<string, number>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'number'),
);

/** Anything (an answer whose body is not read). */
export const AnythingSchema = tested<unknown>(() => true);

/** A text of a definition: a string, or `{cs, en?}`. */
export const LooseTextSchema = tested<Text>(
  (value) => typeof value === 'string' || (typeof value === 'object' && value !== null && typeof (value as { cs?: unknown }).cs === 'string'),
);
