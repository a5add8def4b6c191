import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PollDefinition } from '../../src/polls/definition.js';
import { eligibility, livesIn, normalizePlace, parseResidentLocality, type VoterIdentity } from '../../src/polls/eligibility.js';

const poll = (extra: Partial<PollDefinition> = {}): PollDefinition => ({
  id: 'pb-2027',
  title: 'PB',
  method: 'single',
  options: [
    { id: 'a', title: 'A' },
    { id: 'b', title: 'B' },
  ],
  voters: 'verified',
  results: 'live',
  ...extra,
});
const town = [parseResidentLocality('123 45 Javorná Lhota')];
const today = '2027-03-10';
const check = (definition: PollDefinition, identity: VoterIdentity | undefined, localities = town, on = today) => eligibility(definition, identity, { today: on, localities });
/** An identity as the broker releases it: the address parsed from NIA's `CurrentAddress`. */
const citizen = (birthdate: string | undefined, formatted: string | undefined): VoterIdentity => {
  const identity: VoterIdentity = {};
  if (birthdate !== undefined) identity.birthdate = birthdate;
  if (formatted !== undefined) {
    const match = /^(.*?),\s*(\d{3}\s?\d{2})\s+(.+?)(?:,\s*([A-Z]{2}))?$/.exec(formatted);
    identity.address = match ? { formatted, postal_code: match[2]!.replace(/\s/g, ''), locality: match[3]! } : { formatted };
  }
  return identity;
};
const resident = (birthdate?: string) => citizen(birthdate, 'Návesní 12, 123 45 Javorná Lhota');
const adults = poll({ minAge: 15 });
const residents = poll({ residentsOnly: true });
const both = poll({ minAge: 15, residentsOnly: true });

describe('eligibility: who may vote at all', () => {
  test('anyone may vote in an anyone poll, signed in or not', () => {
    const open = poll({ voters: 'anyone' });
    assert.deepEqual(check(open, undefined), { allowed: true });
    assert.deepEqual(check(open, citizen('2020-01-01', 'Cejl 8, 602 00 Brno')), { allowed: true });
  });

  test('a verified poll needs a signed-in citizen', () => {
    assert.deepEqual(check(poll(), undefined), { allowed: false, reason: 'sign_in_required' });
    assert.deepEqual(check(both, undefined), { allowed: false, reason: 'sign_in_required' });
  });

  test('a verified poll without limits takes any signed-in citizen, even one without birth date or address', () => {
    assert.deepEqual(check(poll(), {}), { allowed: true });
    assert.deepEqual(check(poll(), citizen('2020-01-01', 'Cejl 8, 602 00 Brno')), { allowed: true });
  });
});

describe('eligibility: minAge', () => {
  test('a minor is turned away, with the age limit', () => {
    assert.deepEqual(check(adults, resident('2015-06-01')), { allowed: false, reason: 'under_age', minAge: 15 });
  });

  test('the birthday today: of age; tomorrow: not yet', () => {
    assert.deepEqual(check(adults, resident('2012-03-10')), { allowed: true });
    assert.deepEqual(check(adults, resident('2012-03-11')), { allowed: false, reason: 'under_age', minAge: 15 });
    assert.deepEqual(check(adults, resident('2012-03-09')), { allowed: true });
  });

  test('born on 29 February: of age on 1 March of a common year', () => {
    const leap = resident('2012-02-29');
    assert.deepEqual(check(adults, leap, town, '2027-02-28'), { allowed: false, reason: 'under_age', minAge: 15 });
    assert.deepEqual(check(adults, leap, town, '2027-03-01'), { allowed: true });
  });

  test('a birth date in the future is under age, not an error', () => {
    assert.deepEqual(check(adults, resident('2030-01-01')), { allowed: false, reason: 'under_age', minAge: 15 });
  });

  test('a missing or malformed birth date is unknown, with the age limit', () => {
    assert.deepEqual(check(adults, resident()), { allowed: false, reason: 'birthdate_unknown', minAge: 15 });
    assert.deepEqual(check(adults, resident('2012-02-30')), { allowed: false, reason: 'birthdate_unknown', minAge: 15 });
    assert.deepEqual(check(adults, resident('10.3.2000')), { allowed: false, reason: 'birthdate_unknown', minAge: 15 });
  });

  test('the age is checked before the residence', () => {
    assert.deepEqual(check(both, citizen('2015-01-01', 'Cejl 8, 602 00 Brno')), { allowed: false, reason: 'under_age', minAge: 15 });
    assert.deepEqual(check(both, citizen('1980-01-01', 'Cejl 8, 602 00 Brno')), { allowed: false, reason: 'not_resident' });
    assert.deepEqual(check(both, resident('1980-01-01')), { allowed: true });
  });
});

describe('eligibility: residentsOnly', () => {
  test('a resident of the town may vote; a non-resident may not', () => {
    assert.deepEqual(check(residents, resident()), { allowed: true });
    assert.deepEqual(check(residents, citizen(undefined, 'Cejl 8, 602 00 Brno')), { allowed: false, reason: 'not_resident' });
  });

  test('a town of the same name elsewhere (another postcode) is not the town', () => {
    assert.deepEqual(check(residents, citizen(undefined, 'Na Vršku 4, 394 01 Javorná Lhota')), { allowed: false, reason: 'not_resident' });
  });

  test('a locality configured without a postcode takes any postcode', () => {
    const byName = [parseResidentLocality('Javorná Lhota')];
    assert.deepEqual(check(residents, citizen(undefined, 'Na Vršku 4, 394 01 Javorná Lhota'), byName), { allowed: true });
  });

  test('several localities: the parts of the town', () => {
    const parts = ['123 45 Javorná Lhota', '123 45 Dolní Javoří', '123 46 Horní Javoří'].map(parseResidentLocality);
    assert.deepEqual(check(residents, citizen(undefined, 'Horní Javoří 7, 123 46 Horní Javoří'), parts), { allowed: true });
    assert.deepEqual(check(residents, citizen(undefined, 'Horní Javoří 7, 123 45 Horní Javoří'), parts), { allowed: false, reason: 'not_resident' });
  });

  test('a missing address is unknown', () => {
    assert.deepEqual(check(residents, {}), { allowed: false, reason: 'address_unknown' });
    assert.deepEqual(check(both, citizen('1980-01-01', undefined)), { allowed: false, reason: 'address_unknown' });
  });

  test('no localities configured: nobody is a resident', () => {
    assert.deepEqual(check(residents, resident(), []), { allowed: false, reason: 'not_resident' });
  });
});

describe('livesIn: matching an address to the localities', () => {
  test('accents, case and spaces do not matter', () => {
    for (const locality of ['Javorná Lhota', 'JAVORNÁ LHOTA', 'javorna lhota', 'Javorná  Lhota ', 'Javorna Lhota']) {
      assert.ok(livesIn({ formatted: 'x', locality, postal_code: '12345' }, town), locality);
    }
    assert.ok(livesIn({ formatted: 'x', locality: 'Javorná Lhota', postal_code: '12345' }, [parseResidentLocality('12345 JAVORNA LHOTA')]));
  });

  test('the postcode may be written with or without its space', () => {
    assert.ok(livesIn({ formatted: 'x', locality: 'Javorná Lhota', postal_code: '123 45' }, town));
    assert.ok(livesIn({ formatted: 'x', locality: 'Javorná Lhota', postal_code: '12345' }, [parseResidentLocality('12345 Javorná Lhota')]));
  });

  test('another name or postcode does not match', () => {
    assert.equal(livesIn({ formatted: 'x', locality: 'Javorná', postal_code: '12345' }, town), false);
    assert.equal(livesIn({ formatted: 'x', locality: 'Javorná Lhota u Jihlavy', postal_code: '12345' }, town), false);
    assert.equal(livesIn({ formatted: 'x', locality: 'Javorná Lhota', postal_code: '12346' }, town), false);
  });

  test('without parsed parts, the formatted address must end with “PSČ Town” (optionally “, CZ”)', () => {
    assert.ok(livesIn({ formatted: 'Návesní 12, 123 45 Javorná Lhota' }, town));
    assert.ok(livesIn({ formatted: 'Návesní 12, 12345 javorna lhota, CZ' }, town));
    assert.ok(livesIn({ formatted: 'Javorná Lhota 48, 123 45 Javorná Lhota' }, town), 'a village without streets');
    assert.equal(livesIn({ formatted: 'Návesní 12, 394 01 Javorná Lhota' }, town), false);
    assert.equal(livesIn({ formatted: 'Návesní 12, Javorná Lhota' }, town), false, 'no postcode: cannot tell which Javorná Lhota');
    assert.equal(livesIn({ formatted: 'Návesní 12, Javorná Lhota' }, [parseResidentLocality('Javorná Lhota')]), false, 'no “PSČ Town” tail at all');
  });

  test('parsed parts win over the formatted text', () => {
    assert.ok(livesIn({ formatted: 'Cejl 8, 602 00 Brno', locality: 'Javorná Lhota', postal_code: '12345' }, town));
  });
});

describe('parseResidentLocality and normalizePlace', () => {
  test('a locality with or without its postcode', () => {
    assert.deepEqual(parseResidentLocality('123 45 Javorná Lhota'), { postcode: '12345', locality: 'Javorná Lhota' });
    assert.deepEqual(parseResidentLocality(' 12345  Javorná Lhota '), { postcode: '12345', locality: 'Javorná Lhota' });
    assert.deepEqual(parseResidentLocality('Javorná Lhota'), { locality: 'Javorná Lhota' });
    assert.deepEqual(parseResidentLocality('Praha 4'), { locality: 'Praha 4' });
  });

  test('letters without accents, lower case, single spaces', () => {
    assert.equal(normalizePlace('  Javorná   Lhota '), 'javorna lhota');
    assert.equal(normalizePlace('Žďár nad Sázavou'), 'zdar nad sazavou');
    assert.equal(normalizePlace('Ústí nad Orlicí'), normalizePlace('USTI NAD ORLICI'));
    assert.equal(normalizePlace('Javorna\u0301 Lhota'), 'javorna lhota', 'a combining accent (NFD input)');
  });
});
