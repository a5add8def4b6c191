import * as z from 'zod/mini';
import type { StandardClaims } from '../broker/claims.js';
import type { Citizen } from '../http/api-route.js';
import type { Identity } from '../../src/contract/office-forms.js';

export * from '../../src/contract/office-forms.js';

/** The identity a submission or a report keeps of its signed-in citizen: what the town knew of them then. */
export function identityOf(citizen: Citizen, claims: StandardClaims | undefined): Identity {
  const name = claims?.name ?? ([claims?.given_name, claims?.family_name].filter(Boolean).join(' ') || undefined);
  const identity: Identity = {
    name,
    given_name: claims?.given_name,
    family_name: claims?.family_name,
    birthdate: claims?.birthdate,
    email: claims?.email,
    address: claims?.address?.formatted,
    loa: citizen.loa,
  };
  return Object.fromEntries(Object.entries(identity).filter(([, value]) => value !== undefined)) as Identity;
}

/** Bytes answered as they are (CSV, zip, an uploaded file), with their own Content-Type. */
export const BytesSchema = z.custom<Buffer>((value) => Buffer.isBuffer(value));
