/**
 * The demo town's local fees, imported the way the office imports them (the
 * same CSV import and bank-statement services, no SQL of its own), for the
 * NIA simulator's test citizens. Running it again changes nothing, except
 * that the minor's birth date, which the simulator computes from today, is
 * brought up to date.
 *
 * | symbol     | fee            | payer             | due        | state                    |
 * |------------|----------------|-------------------|------------|--------------------------|
 * | 2027000001 | waste 2027 780 | Jan Novák         | 2027-03-31 | due                      |
 * | 2027000002 | waste 2027 780 | Žofie Dvořáková * | 2027-03-31 | due                      |
 * | 2027000003 | waste 2027 780 | Matěj Černý       | 2027-03-31 | due (Žofie pays it too)  |
 * | 2027000004 | waste 2027 780 | Marie Šťastná     | 2027-03-31 | paid                     |
 * | 2027000005 | dog 2027 450   | Jan Novák         | 2027-06-30 | due                      |
 * | 2026000001 | dog 2026 450   | Jan Novák         | 2026-06-30 | overdue, unpaid          |
 * | 2026000002 | waste 2026 780 | Žofie Dvořáková   | 2026-03-31 | partly paid (500)        |
 *
 * `*` represents the household `dvorakova`, of which Matěj Černý is a member.
 * Petr Procházka lives in Brno and owes the town nothing.
 *
 * Then the polls' ballots (./seed-polls.ts): last year's participatory budget
 * closed with its results, this year's open with online and paper ballots,
 * and two surveys. With the backend's configuration (the town's area and
 * the report categories), the problem reports in their several states and
 * the pages' ratings (./seed-feedback.ts).
 */
import { importObligations, importStatement } from '../server/fees/service.js';
import type { Config } from '../server/config.js';
import type { Database } from '../server/storage/database.js';
import { defaultCitizens, type TestCitizen } from './nia-simulator/citizens.js';
import { seedFeedback } from './seed-feedback.js';
import { seedPolls } from './seed-polls.js';

const HEADER = 'variable_symbol;fee_kind;fee_name_cs;fee_name_en;period;amount;due_date;given_name;family_name;birthdate;household;representative';
const WASTE = ['waste', 'Poplatek za odpady', 'Waste collection fee'] as const;
const DOG = ['dog', 'Poplatek ze psů', 'Dog fee'] as const;

export const DEMO_HOUSEHOLD = 'dvorakova';

export async function seedDemo(db: Database, citizens: TestCitizen[] = defaultCitizens(), config?: Config): Promise<void> {
  const person = (key: string) => {
    const citizen = citizens.find((candidate) => candidate.key === key);
    if (!citizen) throw new Error(`the demo's fees need the test citizen ${key}`);
    return [citizen.givenName, citizen.familyName, citizen.dateOfBirth];
  };
  const rows: (readonly string[])[] = [
    ['2027000001', ...WASTE, '2027', '780,00', '31.3.2027', ...person('jan-novak'), '', 'ne'],
    ['2027000002', ...WASTE, '2027', '780,00', '31.3.2027', ...person('zofie-dvorakova'), DEMO_HOUSEHOLD, 'ano'],
    ['2027000003', ...WASTE, '2027', '780,00', '31.3.2027', ...person('matej-cerny'), DEMO_HOUSEHOLD, 'ne'],
    ['2027000004', ...WASTE, '2027', '780,00', '31.3.2027', ...person('marie-stastna'), '', 'ne'],
    ['2027000005', ...DOG, '2027', '450,00', '30.6.2027', ...person('jan-novak'), '', 'ne'],
    ['2026000001', ...DOG, '2026', '450,00', '30.6.2026', ...person('jan-novak'), '', 'ne'],
    ['2026000002', ...WASTE, '2026', '780,00', '31.3.2026', ...person('zofie-dvorakova'), DEMO_HOUSEHOLD, 'ano'],
  ];
  await importObligations(db, [HEADER, ...rows.map((row) => row.join(';'))].join('\r\n'), { replaceChanged: true });
  // what the bank's statement brought: Marie paid in full, Žofie a part of last year's waste fee; Jan's dog fee is overdue
  await importStatement(
    db,
    ['date;amount;variable_symbol;reference', '2026-11-02;780,00;2027000004;demo-2026-11-02-001', '2026-03-20;500,00;2026000002;demo-2026-03-20-001'].join('\r\n'),
  );
  await seedPolls(db);
  if (config?.townArea) await seedFeedback(db, config);
}
