import { fullYears, isCalendarDate } from '../forms/values.js';
import type { PollDefinition } from './definition.js';

/**
 * Who may vote in a poll, decided on the server from the identity the
 * broker released (the widget only shows the answer and its reason).
 */

/**
 * Why someone may not vote:
 * - `sign_in_required`: a verified poll and no signed-in citizen;
 * - `under_age` (`minAge`): younger than the poll's minimum age today;
 * - `birthdate_unknown`: an age limit, and the identity carries no birth date;
 * - `not_resident`: a residents-only poll, and the identity's address is elsewhere;
 * - `address_unknown`: a residents-only poll, and the identity carries no address.
 */
export type IneligibleReason = 'sign_in_required' | 'under_age' | 'birthdate_unknown' | 'not_resident' | 'address_unknown';

export type Eligibility = { allowed: true } | { allowed: false; reason: IneligibleReason; minAge?: number };

/** The parts of an identity the rules look at (the broker's standard claims). */
export interface VoterIdentity {
  birthdate?: string;
  address?: { formatted: string; postal_code?: string; locality?: string };
}

/**
 * A place whose residents are the town's: a municipality (or a part of it) as
 * written in addresses, optionally with its postcode (`123 45 Javorná Lhota`),
 * which tells apart the many towns of the same name.
 */
export interface ResidentLocality {
  locality: string;
  postcode?: string;
}

/** Letters without accents, lower case, single spaces: `Javorná  Lhota` = `javorna lhota`. */
export function normalizePlace(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** `123 45 Javorná Lhota` or `Javorná Lhota` → a {@link ResidentLocality}. */
export function parseResidentLocality(entry: string): ResidentLocality {
  const match = /^(\d{3})\s?(\d{2})\s+(.+)$/.exec(entry.trim());
  return match ? { postcode: `${match[1]}${match[2]}`, locality: match[3]!.trim() } : { locality: entry.trim() };
}

/** Whether an address is in one of the localities. Without a parsed locality, the formatted address must end with `PSČ Town`. */
export function livesIn(address: NonNullable<VoterIdentity['address']>, localities: readonly ResidentLocality[]): boolean {
  const tail = /(\d{3})\s?(\d{2})\s+([^,]+?)\s*(?:,\s*[A-Z]{2})?$/.exec(address.formatted);
  const locality = address.locality ?? tail?.[3];
  const postcode = address.postal_code?.replace(/\s/g, '') ?? (tail ? `${tail[1]}${tail[2]}` : undefined);
  if (locality === undefined) return false;
  const name = normalizePlace(locality);
  return localities.some((place) => placeName(place) === name && (place.postcode === undefined || place.postcode === postcode));
}

/** The town's places are configured once and compared on every vote: each normalized once. */
const normalizedNames = new WeakMap<ResidentLocality, string>();
function placeName(place: ResidentLocality): string {
  let name = normalizedNames.get(place);
  if (name === undefined) normalizedNames.set(place, (name = normalizePlace(place.locality)));
  return name;
}

/**
 * Whether a voter may vote in a poll: anyone in an `anyone` poll; in a
 * `verified` one a signed-in citizen, of at least `minAge` years today (in
 * Prague, `YYYY-MM-DD`) and, when `residentsOnly`, living in one of the
 * town's localities.
 *
 * @param identity the signed-in citizen's claims; undefined when not signed in.
 */
export function eligibility(
  poll: PollDefinition,
  identity: VoterIdentity | undefined,
  { today, localities }: { today: string; localities: readonly ResidentLocality[] },
): Eligibility {
  if (poll.voters === 'anyone') return { allowed: true };
  if (!identity) return { allowed: false, reason: 'sign_in_required' };
  if (poll.minAge !== undefined) {
    const birth = identity.birthdate;
    if (birth === undefined || !isCalendarDate(birth)) return { allowed: false, reason: 'birthdate_unknown', minAge: poll.minAge };
    if (birth > today || fullYears(birth, today) < poll.minAge) return { allowed: false, reason: 'under_age', minAge: poll.minAge };
  }
  if (poll.residentsOnly) {
    if (!identity.address) return { allowed: false, reason: 'address_unknown' };
    if (!livesIn(identity.address, localities)) return { allowed: false, reason: 'not_resident' };
  }
  return { allowed: true };
}
