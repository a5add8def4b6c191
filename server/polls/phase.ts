import type { Phase, PollDefinition } from '../../src/polls/definition.js';

/** What the office sets: `draft` (not public), `open` (voting by `opens`/`closes`) or `closed`. */
export type PollStatus = 'draft' | 'open' | 'closed';

/** A poll's public phase, or `draft` while the public may not see it. */
export type PollPhase = Phase | 'draft';

/** The parts of a stored poll its phase follows from. */
export interface PhaseInput {
  status: PollStatus;
  /** The definition's `opens` and `closes`, as parsed moments (ms). */
  opensAt?: number;
  closesAt?: number;
  resultsPublished: boolean;
}

/**
 * The phase of a poll at `now`: a draft is `draft`; closed by the office or
 * past `closes` it is `closed` (`published` once the office published the
 * results); open by the office but before `opens` it is `upcoming`; else
 * `open`.
 */
export function phaseOf({ status, opensAt, closesAt, resultsPublished }: PhaseInput, now: number = Date.now()): PollPhase {
  if (status === 'draft') return 'draft';
  if (status === 'closed' || (closesAt !== undefined && now >= closesAt)) return resultsPublished ? 'published' : 'closed';
  if (opensAt !== undefined && now < opensAt) return 'upcoming';
  return 'open';
}

/** `opens` and `closes` of a definition as moments (ms), for {@link phaseOf}. */
export function scheduleOf(poll: PollDefinition): { opensAt?: number; closesAt?: number } {
  return {
    ...(poll.opens !== undefined ? { opensAt: Date.parse(poll.opens) } : {}),
    ...(poll.closes !== undefined ? { closesAt: Date.parse(poll.closes) } : {}),
  };
}

/**
 * Whether the public sees the results in this phase: `live` once voting has
 * opened, `after-close` once it closed, `published` once the office
 * published them.
 */
export function resultsArePublic(poll: PollDefinition, phase: PollPhase): boolean {
  switch (poll.results) {
    case 'live':
      return phase === 'open' || phase === 'closed' || phase === 'published';
    case 'after-close':
      return phase === 'closed' || phase === 'published';
    case 'published':
      return phase === 'published';
  }
}
