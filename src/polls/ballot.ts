import { d21Rules, type Ballot, type PollDefinition } from './definition.js';

/**
 * The rules of a ballot, the same in the widget (which explains them before
 * the citizen breaks one) and on the server (which refuses a ballot that
 * breaks one, 422 `invalid_ballot`).
 */

/**
 * A broken rule: a stable `code`, the numbers its message needs, and the
 * option it is about when it is about one.
 *
 * Codes: `empty_ballot`, `unknown_option`, `duplicate_choice`,
 * `too_few_choices` (`min`), `too_many_choices` (`max`), `minus_not_allowed`,
 * `too_many_plus` (`max`), `too_many_minus` (`max`),
 * `too_many_plus_on_option` (`max`), `duplicate_minus`, `plus_and_minus`,
 * `minus_too_early` (`after`), `minus_before_all_plus` (`plus`),
 * `over_budget` (`total`, `spent`), `under_min_spend` (`min`, `spent`),
 * `too_many_projects` (`max`).
 */
export interface BallotError {
  code: string;
  option?: string;
  params?: Record<string, number>;
}

/** How many times each id appears. */
function counts(ids: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const id of ids) result.set(id, (result.get(id) ?? 0) + 1);
  return result;
}

/** What a ballot adds up to: votes used and left, money spent. */
export interface BallotSummary {
  plusUsed: number;
  minusUsed: number;
  /** Plus votes still to give (d21), choices still possible (multiple, budget), 0 or 1 (single). */
  plusLeft: number;
  minusLeft: number;
  /** Whether a minus vote may be given now (d21). */
  minusUnlocked: boolean;
  /** Crowns of the chosen projects (budget polls; with `budget` and any method, of the plus-voted ones). */
  spent: number;
}

/** The most choices (plus votes) a ballot of the poll may have. */
export function maxPlus(poll: PollDefinition): number {
  switch (poll.method) {
    case 'single':
      return 1;
    case 'multiple':
      return Math.min(poll.maxChoices ?? poll.options.length, poll.options.length);
    case 'd21':
      return d21Rules(poll).plus;
    case 'budget':
      return Math.min(poll.budget?.maxProjects ?? poll.options.length, poll.options.length);
  }
}

/** The most minus votes (d21; 0 otherwise). */
export function maxMinus(poll: PollDefinition): number {
  return poll.method === 'd21' ? d21Rules(poll).minus : 0;
}

function costOf(poll: PollDefinition, ids: Iterable<string>): number {
  let spent = 0;
  for (const id of ids) spent += poll.options.find((option) => option.id === id)?.cost ?? 0;
  return spent;
}

/** Whether the minus votes are unlocked by the plus votes given (d21 `minusAfter`). */
function minusUnlocked(poll: PollDefinition, plusUsed: number): boolean {
  if (maxMinus(poll) === 0) return false;
  const { minusAfter, plus } = d21Rules(poll);
  return minusAfter === 'all' ? plusUsed >= plus : plusUsed >= minusAfter;
}

export function summarize(poll: PollDefinition, ballot: Ballot): BallotSummary {
  const plusUsed = ballot.plus.length;
  const minusUsed = ballot.minus.length;
  return {
    plusUsed,
    minusUsed,
    plusLeft: Math.max(0, maxPlus(poll) - plusUsed),
    minusLeft: Math.max(0, maxMinus(poll) - minusUsed),
    minusUnlocked: minusUnlocked(poll, plusUsed),
    spent: costOf(poll, new Set(ballot.plus)),
  };
}

/**
 * Every rule the ballot breaks, none for a valid one. Checked in this order:
 * the options exist, the counts, then (d21) the order of minus votes, then
 * the budget.
 */
export function ballotErrors(poll: PollDefinition, ballot: Ballot): BallotError[] {
  const errors: BallotError[] = [];
  const known = new Set(poll.options.map((option) => option.id));
  for (const id of new Set([...ballot.plus, ...ballot.minus])) if (!known.has(id)) errors.push({ code: 'unknown_option', option: id });
  if (errors.length > 0) return errors;
  if (ballot.plus.length === 0 && ballot.minus.length === 0) return [{ code: 'empty_ballot' }];

  const plus = counts(ballot.plus);
  const max = maxPlus(poll);
  if (poll.method !== 'd21') {
    if (ballot.minus.length > 0) errors.push({ code: 'minus_not_allowed' });
    for (const [id, times] of plus) if (times > 1) errors.push({ code: 'duplicate_choice', option: id });
    const min = poll.method === 'multiple' ? Math.min(poll.minChoices ?? 1, max) : poll.method === 'single' ? 1 : 0;
    if (ballot.plus.length < min) errors.push({ code: 'too_few_choices', params: { min } });
    if (ballot.plus.length > max) errors.push({ code: poll.method === 'budget' ? 'too_many_projects' : 'too_many_choices', params: { max } });
  } else {
    const rules = d21Rules(poll);
    const minus = counts(ballot.minus);
    if (ballot.plus.length > rules.plus) errors.push({ code: 'too_many_plus', params: { max: rules.plus } });
    if (rules.minus === 0 && ballot.minus.length > 0) errors.push({ code: 'minus_not_allowed' });
    else if (ballot.minus.length > rules.minus) errors.push({ code: 'too_many_minus', params: { max: rules.minus } });
    for (const [id, times] of plus) if (times > rules.maxPlusPerOption) errors.push({ code: 'too_many_plus_on_option', option: id, params: { max: rules.maxPlusPerOption } });
    for (const [id, times] of minus) {
      if (times > 1) errors.push({ code: 'duplicate_minus', option: id });
      if (plus.has(id)) errors.push({ code: 'plus_and_minus', option: id });
    }
    if (ballot.minus.length > 0 && rules.minus > 0 && !minusUnlocked(poll, ballot.plus.length)) {
      errors.push(rules.minusAfter === 'all' ? { code: 'minus_before_all_plus', params: { plus: rules.plus } } : { code: 'minus_too_early', params: { after: rules.minusAfter } });
    }
  }
  if (poll.method === 'budget' && poll.budget) {
    const spent = costOf(poll, plus.keys());
    if (spent > poll.budget.total) errors.push({ code: 'over_budget', params: { total: poll.budget.total, spent } });
    if (poll.budget.minSpend !== undefined && spent < poll.budget.minSpend) errors.push({ code: 'under_min_spend', params: { min: poll.budget.minSpend, spent } });
  }
  return errors;
}

/**
 * Why the citizen may not add a plus vote (or a choice) to an option right
 * now, or undefined when they may. For `single` polls, choosing another
 * option replaces the choice, so it is always possible.
 */
export function plusBlocked(poll: PollDefinition, ballot: Ballot, option: string): BallotError | undefined {
  if (poll.method === 'single') return undefined;
  const given = ballot.plus.filter((id) => id === option).length;
  if (poll.method === 'd21') {
    const rules = d21Rules(poll);
    if (ballot.minus.includes(option)) return { code: 'plus_and_minus', option };
    if (given >= rules.maxPlusPerOption) return { code: 'too_many_plus_on_option', option, params: { max: rules.maxPlusPerOption } };
    if (ballot.plus.length >= rules.plus) return { code: 'too_many_plus', params: { max: rules.plus } };
    return undefined;
  }
  if (given > 0) return { code: 'duplicate_choice', option };
  const max = maxPlus(poll);
  if (ballot.plus.length >= max) return { code: poll.method === 'budget' ? 'too_many_projects' : 'too_many_choices', params: { max } };
  if (poll.method === 'budget' && poll.budget) {
    const spent = costOf(poll, new Set(ballot.plus)) + costOf(poll, [option]);
    if (spent > poll.budget.total) return { code: 'over_budget', option, params: { total: poll.budget.total, spent } };
  }
  return undefined;
}

/** Why the citizen may not add a minus vote to an option right now (d21), or undefined when they may. */
export function minusBlocked(poll: PollDefinition, ballot: Ballot, option: string): BallotError | undefined {
  const rules = d21Rules(poll);
  if (poll.method !== 'd21' || rules.minus === 0) return { code: 'minus_not_allowed' };
  if (ballot.plus.includes(option)) return { code: 'plus_and_minus', option };
  if (ballot.minus.includes(option)) return { code: 'duplicate_minus', option };
  if (ballot.minus.length >= rules.minus) return { code: 'too_many_minus', params: { max: rules.minus } };
  if (!minusUnlocked(poll, ballot.plus.length)) {
    return rules.minusAfter === 'all' ? { code: 'minus_before_all_plus', params: { plus: rules.plus } } : { code: 'minus_too_early', params: { after: rules.minusAfter } };
  }
  return undefined;
}

/**
 * The ballot without the minus votes the plus votes no longer unlock: when a
 * citizen takes back a plus vote under `minusAfter`, their minus votes go
 * too (the widget says so) rather than leaving a ballot they cannot send.
 */
export function withoutLockedMinus(poll: PollDefinition, ballot: Ballot): Ballot {
  return ballot.minus.length > 0 && !minusUnlocked(poll, ballot.plus.length) ? { plus: ballot.plus, minus: [] } : ballot;
}
