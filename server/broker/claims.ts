/** Levels of assurance, weakest first, as NIA names them (also used as `acr`). */
export const LOAS = ['loalow', 'loasubstantial', 'loahigh'] as const;
export type Loa = (typeof LOAS)[number];

/** The stronger of two levels. */
export function stronger(a: Loa, b: Loa): Loa {
  return LOAS.indexOf(a) >= LOAS.indexOf(b) ? a : b;
}

/** The first recognized level among OIDC `acr_values` (space separated), if any. */
export function loaFromAcrValues(acrValues: unknown): Loa | undefined {
  if (typeof acrValues !== 'string') return undefined;
  return acrValues.split(' ').find((value): value is Loa => (LOAS as readonly string[]).includes(value));
}

export interface Address {
  formatted: string;
  street_address?: string;
  postal_code?: string;
  locality?: string;
  country?: string;
}

/** Standard OIDC claims the broker releases, plus the RÚIAN address id for residency checks. */
export interface StandardClaims {
  given_name?: string;
  family_name?: string;
  name?: string;
  birthdate?: string;
  address?: Address;
  email?: string;
  phone_number?: string;
  ruian_address_id?: string;
}

/** The eIDAS-style attributes asked of NIA with the `claims` parameter (nothing comes unasked). */
export const NIA_REQUESTED_CLAIMS = [
  'PersonIdentifier',
  'CurrentGivenName',
  'CurrentFamilyName',
  'DateOfBirth',
  'CurrentAddress',
  'tradresaid',
  'eMail',
  'phonenumber',
] as const;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * NIA's `CurrentAddress` as one formatted string, "Street No, PSČ Town"
 * (an assumption: the research found no public example; the parts are
 * filled only when the string has that shape, `formatted` always).
 */
export function parseAddress(value: string): Address {
  const match = /^(.*?),\s*(\d{3}\s?\d{2})\s+(.+?)(?:,\s*([A-Z]{2}))?$/.exec(value);
  if (!match) return { formatted: value };
  return { formatted: value, street_address: match[1], postal_code: match[2]!.replace(/\s/g, ''), locality: match[3], country: match[4] ?? 'CZ' };
}

/** Dates as NIA may write them (`1980-05-14`, `1980-05-14T00:00:00`, `14.05.1980`) → `YYYY-MM-DD`. */
export function normalizeDate(value: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const czech = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/.exec(value);
  if (czech) return `${czech[3]}-${czech[2]!.padStart(2, '0')}-${czech[1]!.padStart(2, '0')}`;
  return undefined;
}

/** NIA's eIDAS claims mapped onto standard OIDC ones; `PersonIdentifier` becomes the subject. */
export function claimsFromNia(niaClaims: Record<string, unknown>): { subject: string; claims: StandardClaims } {
  const subject = text(niaClaims.PersonIdentifier);
  if (!subject) throw new Error('the NIA id_token carries no PersonIdentifier');
  const given = text(niaClaims.CurrentGivenName);
  const family = text(niaClaims.CurrentFamilyName);
  const address = text(niaClaims.CurrentAddress);
  const birth = text(niaClaims.DateOfBirth);
  const claims: StandardClaims = {
    given_name: given,
    family_name: family,
    name: [given, family].filter(Boolean).join(' ') || undefined,
    birthdate: birth ? normalizeDate(birth) : undefined,
    address: address ? parseAddress(address) : undefined,
    email: text(niaClaims.eMail),
    phone_number: text(niaClaims.phonenumber),
    ruian_address_id: text(niaClaims.tradresaid),
  };
  return { subject, claims: Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined)) as StandardClaims };
}
