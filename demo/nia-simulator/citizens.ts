/**
 * Test citizens of the NIA simulator. All people, addresses, document numbers
 * and RÚIAN ids are invented; e-mail addresses use example.cz.
 *
 * `secretId` never leaves the simulator: it seeds the per-SeP pseudonym
 * (`PersonIdentifier`), so the same person keeps the same identifier at one
 * SeP across restarts and gets a different one at every other SeP.
 */

export interface CitizenAddress {
  /** Street, or the village name where there are no streets. */
  street: string;
  /** House number as written on the address, e.g. "12" or "688/10". */
  houseNumber: string;
  /** PSČ, written "123 45". */
  postcode: string;
  town: string;
}

export interface TestCitizen {
  /** Public, stable key: the value of the radio button on the sign-in page. */
  key: string;
  /** Stable secret: seeds the pseudonymous PersonIdentifier (never shown). */
  secretId: string;
  givenName: string;
  familyName: string;
  /** "YYYY-MM-DD". */
  dateOfBirth: string;
  placeOfBirth: string;
  /** ISO 3166-1 alpha-2, "CZ". */
  countryCodeOfBirth: string;
  address: CitizenAddress;
  /** RÚIAN address-place id (kód adresního místa), digits. */
  tradresaid: string;
  /** Absent: the citizen has no e-mail at NIA and the claim is not released. */
  eMail?: string;
  /** "+420…"; absent: not released. */
  phonenumber?: string;
  /** Identity document type; "ID" = občanský průkaz. */
  idtype: string;
  idnumber: string;
  /** Short description for the sign-in page, e.g. "16 let, bydlí v Javorné Lhotě". */
  description: string;
}

/** The demo town. */
export const DEMO_TOWN = { name: 'Javorná Lhota', postcode: '123 45' } as const;

/** "Street No, PSČ Town" — the simulator's (unverified) CurrentAddress format. */
export function formatAddress(address: CitizenAddress): string {
  return `${address.street} ${address.houseNumber}, ${address.postcode} ${address.town}`;
}

/** "YYYY-MM-DD" of a date, in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole years between a "YYYY-MM-DD" birth date and `today` (UTC calendar). */
export function ageOn(dateOfBirth: string, today: Date): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  const beforeBirthday =
    today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

/** "16 let", "1 rok", "3 roky". */
export function yearsCs(years: number): string {
  if (years === 1) return '1 rok';
  if (years >= 2 && years <= 4) return `${years} roky`;
  return `${years} let`;
}

type CitizenSeed = Omit<TestCitizen, 'description'> & { lives: string };

function describe(seed: CitizenSeed, today: Date): TestCitizen {
  const { lives, ...citizen } = seed;
  const extra = seed.eMail === undefined ? ', bez e-mailu' : '';
  return { ...citizen, description: `${yearsCs(ageOn(seed.dateOfBirth, today))}, ${lives}${extra}` };
}

/**
 * The built-in test citizens. The minor's birth date is computed from `today`
 * (16 years and about four months ago), so they stay 16 whenever the
 * simulator is started.
 */
export function defaultCitizens(today: Date = new Date()): TestCitizen[] {
  const minorBirth = new Date(
    Date.UTC(today.getUTCFullYear() - 16, today.getUTCMonth(), today.getUTCDate() - 120),
  );
  const town = DEMO_TOWN.name;
  const seeds: CitizenSeed[] = [
    {
      key: 'jan-novak',
      secretId: 'nia-sim-citizen-7f3c1a52-jan-novak',
      givenName: 'Jan',
      familyName: 'Novák',
      dateOfBirth: '1979-04-12',
      placeOfBirth: 'Praha',
      countryCodeOfBirth: 'CZ',
      address: { street: 'Návesní', houseNumber: '12', postcode: DEMO_TOWN.postcode, town },
      tradresaid: '27461201',
      eMail: 'jan.novak@example.cz',
      phonenumber: '+420601234567',
      idtype: 'ID',
      idnumber: '204815163',
      lives: 'bydlí v Javorné Lhotě',
    },
    {
      key: 'zofie-dvorakova',
      secretId: 'nia-sim-citizen-0b9e44d1-zofie-dvorakova',
      givenName: 'Žofie',
      familyName: 'Dvořáková',
      dateOfBirth: '1991-09-30',
      placeOfBirth: 'Jihlava',
      countryCodeOfBirth: 'CZ',
      address: { street: 'Lipová', houseNumber: '7', postcode: DEMO_TOWN.postcode, town },
      tradresaid: '27461317',
      eMail: 'zofie.dvorakova@example.cz',
      phonenumber: '+420723456789',
      idtype: 'ID',
      idnumber: '211734902',
      lives: 'bydlí v Javorné Lhotě',
    },
    {
      key: 'matej-cerny',
      secretId: 'nia-sim-citizen-c2d85f70-matej-cerny',
      givenName: 'Matěj',
      familyName: 'Černý',
      dateOfBirth: isoDate(minorBirth),
      placeOfBirth: 'Havlíčkův Brod',
      countryCodeOfBirth: 'CZ',
      address: { street: 'Školní', houseNumber: '3', postcode: DEMO_TOWN.postcode, town },
      tradresaid: '27461422',
      eMail: 'matej.cerny@example.cz',
      phonenumber: '+420775111222',
      idtype: 'ID',
      idnumber: '218330475',
      lives: 'bydlí v Javorné Lhotě',
    },
    {
      key: 'petr-prochazka',
      secretId: 'nia-sim-citizen-5a6b0e93-petr-prochazka',
      givenName: 'Petr',
      familyName: 'Procházka',
      dateOfBirth: '1985-01-23',
      placeOfBirth: 'Brno',
      countryCodeOfBirth: 'CZ',
      address: { street: 'Údolní', houseNumber: '688/10', postcode: '602 00', town: 'Brno' },
      tradresaid: '19093815',
      eMail: 'petr.prochazka@example.cz',
      phonenumber: '+420604987654',
      idtype: 'ID',
      idnumber: '207659318',
      lives: 'bydlí v Brně (mimo obec)',
    },
    {
      key: 'marie-stastna',
      secretId: 'nia-sim-citizen-e81f2c36-marie-stastna',
      givenName: 'Marie',
      familyName: 'Šťastná',
      dateOfBirth: '1942-02-03',
      placeOfBirth: 'Javorná Lhota',
      countryCodeOfBirth: 'CZ',
      address: { street: 'Návesní', houseNumber: '3', postcode: DEMO_TOWN.postcode, town },
      tradresaid: '27461105',
      phonenumber: '+420569123456',
      idtype: 'ID',
      idnumber: '200118447',
      lives: 'bydlí v Javorné Lhotě',
    },
    // the town office's staff (demo/office-staff.json): they sign in to the office like any citizen
    {
      key: 'alena-svobodova',
      secretId: 'nia-sim-citizen-9d41b7e2-alena-svobodova',
      givenName: 'Alena',
      familyName: 'Svobodová',
      dateOfBirth: '1983-06-17',
      placeOfBirth: 'Pelhřimov',
      countryCodeOfBirth: 'CZ',
      address: { street: 'Polní', houseNumber: '21', postcode: DEMO_TOWN.postcode, town },
      tradresaid: '27461538',
      eMail: 'alena.svobodova@example.cz',
      phonenumber: '+420731555018',
      idtype: 'ID',
      idnumber: '209441786',
      lives: 'úřednice obecního úřadu, bydlí v Javorné Lhotě',
    },
    {
      key: 'karel-vesely',
      secretId: 'nia-sim-citizen-3e7a06c8-karel-vesely',
      givenName: 'Karel',
      familyName: 'Veselý',
      dateOfBirth: '1968-11-05',
      placeOfBirth: 'Javorná Lhota',
      countryCodeOfBirth: 'CZ',
      address: { street: 'Za Humny', houseNumber: '5', postcode: DEMO_TOWN.postcode, town },
      tradresaid: '27461009',
      eMail: 'karel.vesely@example.cz',
      phonenumber: '+420602700415',
      idtype: 'ID',
      idnumber: '203572694',
      lives: 'starosta, bydlí v Javorné Lhotě',
    },
  ];
  return seeds.map((seed) => describe(seed, today));
}
