import { localized } from '../../src/forms/definition.js';
import type { PollDefinition } from '../../src/polls/definition.js';
import type { Results } from '../../src/polls/results.js';
import { todayInPrague } from '../../src/time/prague.js';
import { spreadsheet } from '../http/csv.js';

/**
 * The office's spreadsheets of a poll, written as the forms' export is:
 * UTF-8 with a BOM, `;` separated, CRLF line ends, text a spreadsheet would
 * run as a formula defused.
 */

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'ano' : 'ne');

/**
 * The results table in ranking order: `rank;option;title;plus;minus;score;excluded`,
 * with a budget also `cost;funded`. Titles in Czech; an excluded option has no rank.
 */
export function resultsCsv(poll: PollDefinition, results: Results): string {
  const titles = new Map(poll.options.map((option) => [option.id, localized(option.title, 'cs')]));
  const header = ['rank', 'option', 'title', 'plus', 'minus', 'score', 'excluded', ...(poll.budget ? ['cost', 'funded'] : [])];
  const rows = results.rows.map((row) => [
    row.rank === undefined ? '' : String(row.rank),
    row.option,
    titles.get(row.option) ?? '',
    String(row.plus),
    String(row.minus),
    String(row.score),
    yesNo(row.excluded),
    ...(poll.budget ? [String(row.cost ?? 0), yesNo(row.funded)] : []),
  ]);
  return spreadsheet([header, ...rows]);
}

/** One stored ballot, as the export reads it. */
export interface BallotRow {
  voter: string;
  channel: string;
  plus: string[];
  minus: string[];
  castAt: Date;
}

/**
 * One anonymous row per ballot: `ballot;channel;date` and a column per
 * option id, holding the votes the ballot gave it: `1` (a plus vote or a
 * choice), `2` (two plus votes), `-1` (a minus vote) or nothing, so a
 * column's sum is the option's net score. Only the day of casting is given
 * (in Prague), and within a day the rows are in the order of the voters'
 * opaque keys, so the order tells nothing of who voted when.
 */
export function ballotsCsv(poll: PollDefinition, ballots: readonly BallotRow[]): string {
  const dated = ballots
    .map((ballot) => ({ ballot, day: todayInPrague(ballot.castAt) }))
    .sort((a, b) => a.day.localeCompare(b.day) || (a.ballot.voter < b.ballot.voter ? -1 : a.ballot.voter > b.ballot.voter ? 1 : 0));
  const header = ['ballot', 'channel', 'date', ...poll.options.map((option) => option.id)];
  const rows = dated.map(({ ballot, day }, index) => [
    String(index + 1),
    ballot.channel,
    day,
    ...poll.options.map((option) => {
      const votes = ballot.plus.filter((id) => id === option.id).length - ballot.minus.filter((id) => id === option.id).length;
      return votes === 0 ? '' : String(votes);
    }),
  ]);
  return spreadsheet([header, ...rows]);
}
