import { d21Rules, type PollDefinition } from './definition.js';

/** The votes an option got: plus votes (choices) and minus votes (d21). */
export interface Tally {
  option: string;
  plus: number;
  minus: number;
}

/** One option in the results, in ranking order. */
export interface ResultRow {
  option: string;
  plus: number;
  minus: number;
  /** What the ranking is by: net (plus − minus) for d21 `net`, plus votes otherwise. */
  score: number;
  /** 1 for the first; options with the same score and tie-break share a rank; none for an excluded option. */
  rank?: number;
  /** d21 `excludeWhenMinusExceedsPlus`: more minus than plus votes. */
  excluded: boolean;
  /** With a budget: whether the project is funded. */
  funded?: boolean;
  /** With a budget: the project's cost. */
  cost?: number;
}

export interface Results {
  rows: ResultRow[];
  /** With a budget: the total and what the funded projects take of it. */
  budget?: { total: number; allocated: number };
}

/**
 * Ranks the options and, with a budget, funds projects top-down: each
 * project in ranking order is funded when it fits in what is left, and
 * skipped when it no longer fits (a cheaper one below may still fit). A
 * project with a score of 0 or less is not funded. An excluded project is
 * neither ranked nor funded. Options without votes are in the results too.
 */
export function computeResults(poll: PollDefinition, tallies: readonly Tally[]): Results {
  const d21 = poll.method === 'd21' ? d21Rules(poll) : undefined;
  const byNet = d21?.ranking === 'net';
  const rows: ResultRow[] = poll.options.map((option) => {
    const tally = tallies.find((entry) => entry.option === option.id);
    const plus = tally?.plus ?? 0;
    const minus = tally?.minus ?? 0;
    return {
      option: option.id,
      plus,
      minus,
      score: byNet ? plus - minus : plus,
      excluded: d21?.excludeWhenMinusExceedsPlus === true && minus > plus,
      ...(poll.budget ? { cost: option.cost ?? 0 } : {}),
    };
  });
  // ties: by net → more plus votes first; by plus → fewer minus votes first
  const tieBreak = (row: ResultRow) => (byNet ? row.plus : -row.minus);
  const order = (a: ResultRow, b: ResultRow) => Number(a.excluded) - Number(b.excluded) || b.score - a.score || tieBreak(b) - tieBreak(a);
  rows.sort(order);
  rows.forEach((row, index) => {
    if (row.excluded) return;
    const previous = rows[index - 1];
    row.rank = previous && !previous.excluded && order(previous, row) === 0 ? previous.rank : index + 1;
  });
  if (!poll.budget) return { rows };
  let left = poll.budget.total;
  for (const row of rows) {
    row.funded = !row.excluded && row.score > 0 && row.cost! <= left;
    if (row.funded) left -= row.cost!;
  }
  return { rows, budget: { total: poll.budget.total, allocated: poll.budget.total - left } };
}
