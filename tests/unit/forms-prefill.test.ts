import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Me } from '../../src/contract/me.js';
import type { FormDefinition } from '../../src/forms/definition.js';
import { parseAddress, prefillAnswers } from '../../src/forms/prefill.js';

describe('parseAddress', () => {
  test('street, then postcode and town, as NIA writes it', () => {
    assert.deepEqual(parseAddress('Náměstí 1, 123 45 Javorná Lhota'), { street: 'Náměstí 1', postcode: '123 45', city: 'Javorná Lhota' });
    assert.deepEqual(parseAddress('Třída 28. října 1234/5, 11000 Praha 1'), { street: 'Třída 28. října 1234/5', postcode: '110 00', city: 'Praha 1' });
  });

  test('a village without streets: the house number goes with the village name', () => {
    assert.deepEqual(parseAddress('Javorná Lhota 12, 123 45 Javorná Lhota'), { street: 'Javorná Lhota 12', postcode: '123 45', city: 'Javorná Lhota' });
  });

  test('a part of the town stays with the street', () => {
    assert.deepEqual(parseAddress('Na Kopci 5, Horní Lhota, 123 45 Javorná Lhota'), { street: 'Na Kopci 5, Horní Lhota', postcode: '123 45', city: 'Javorná Lhota' });
  });

  test('the postcode on its own, after or before the town; a trailing country is dropped', () => {
    assert.deepEqual(parseAddress('Náměstí 1, Javorná Lhota, 123 45'), { street: 'Náměstí 1', postcode: '123 45', city: 'Javorná Lhota' });
    assert.deepEqual(parseAddress('Náměstí 1, 123 45, Javorná Lhota'), { street: 'Náměstí 1', postcode: '123 45', city: 'Javorná Lhota' });
    assert.deepEqual(parseAddress('Náměstí 1, 12345 Javorná Lhota, Česká republika'), { street: 'Náměstí 1', postcode: '123 45', city: 'Javorná Lhota' });
  });

  test('what is not there stays empty', () => {
    assert.deepEqual(parseAddress('Náměstí 1, Javorná Lhota'), { street: 'Náměstí 1', postcode: '', city: 'Javorná Lhota' });
    assert.deepEqual(parseAddress('Náměstí 1'), { street: 'Náměstí 1', postcode: '', city: '' });
    assert.deepEqual(parseAddress('123 45 Javorná Lhota'), { street: '', postcode: '123 45', city: 'Javorná Lhota' });
    assert.deepEqual(parseAddress(''), { street: '', postcode: '', city: '' });
  });

  test('a house number of five digits is not taken for a postcode', () => {
    assert.deepEqual(parseAddress('Dlouhá 12345a, 123 45 Lhota'), { street: 'Dlouhá 12345a', postcode: '123 45', city: 'Lhota' });
  });
});

const definition: FormDefinition = {
  id: 'prefill',
  title: 'Prefill',
  steps: [
    {
      id: 'one',
      title: 'Jedna',
      fields: [
        { id: 'name', type: 'text', label: 'Jméno', prefill: 'name' },
        { id: 'given', type: 'text', label: 'Křestní', prefill: 'given_name' },
        { id: 'family', type: 'text', label: 'Příjmení', prefill: 'family_name' },
        { id: 'email', type: 'email', label: 'E-mail', prefill: 'email' },
        { id: 'note', type: 'text', label: 'Poznámka' },
      ],
    },
    {
      id: 'two',
      title: 'Dvě',
      when: "note == 'x'",
      fields: [
        { id: 'born', type: 'date', label: 'Narozen', prefill: 'birthdate' },
        { id: 'home', type: 'address', label: 'Adresa', prefill: 'address' },
        { id: 'home_text', type: 'textarea', label: 'Adresa textem', prefill: 'address' },
      ],
    },
  ],
};

const me: Me = {
  subject: 'abc',
  name: 'Jana Nováková',
  given_name: 'Jana',
  family_name: 'Nováková',
  birthdate: '1985-04-12',
  email: 'jana@example.cz',
  address: { formatted: 'Náměstí 1, 123 45 Javorná Lhota' },
  loa: 'loasubstantial',
};

describe('prefillAnswers', () => {
  test('fills every prefill field, an address as its parts or as text', () => {
    assert.deepEqual(prefillAnswers(definition, me, {}), {
      name: 'Jana Nováková',
      given: 'Jana',
      family: 'Nováková',
      email: 'jana@example.cz',
      born: '1985-04-12',
      home: { street: 'Náměstí 1', postcode: '123 45', city: 'Javorná Lhota' },
      home_text: 'Náměstí 1, 123 45 Javorná Lhota',
    });
  });

  test('never overwrites what the citizen entered, but fills what they left blank', () => {
    const answers = { name: 'Jana N.', email: '  ', home: { street: '', city: '', postcode: '' }, note: 'y' };
    const filled = prefillAnswers(definition, me, answers);
    assert.equal(filled.name, 'Jana N.');
    assert.equal(filled.email, 'jana@example.cz');
    assert.deepEqual(filled.home, { street: 'Náměstí 1', postcode: '123 45', city: 'Javorná Lhota' });
    assert.equal(filled.note, 'y');
    assert.equal(answers.email, '  ', 'the answers given are not changed');
  });

  test('what the identity does not have stays empty; a name is built from its parts', () => {
    const filled = prefillAnswers(definition, { subject: 'x', given_name: 'Karel', family_name: 'Dvořák', birthdate: '1955-02-30', loa: 'loalow' }, {});
    assert.deepEqual(filled, { name: 'Karel Dvořák', given: 'Karel', family: 'Dvořák' }, 'no e-mail, no address; an impossible birthdate is left out');
    assert.deepEqual(prefillAnswers(definition, { subject: 'x', loa: 'loalow' }, {}), {});
  });
});
