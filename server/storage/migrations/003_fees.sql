-- Local fees paid by transfer (QR Platba): what the office imports, what
-- citizens owe, and the bank's incoming transfers matched to it.
-- Amounts are integer haléře (cents); the API speaks CZK.

-- Kinds of fee, named by the office's import (`waste`, `dog`, …).
create table fee_kinds (
  code text primary key,
  name_cs text not null,
  name_en text not null
);

-- Households whose representative pays for every member (the import's `household` column).
create table households (
  id text primary key
);

-- One fee a person owes for a period. The payer is matched to a signed-in
-- citizen by name and date of birth; the *_key columns are the names without
-- diacritics, lower case, single-spaced. `symbol_key` is the variable symbol
-- without leading zeros: banks pad or drop them, so two symbols that differ
-- only in zeros would be one payment's symbol and are refused.
create table obligations (
  id text primary key,
  fee_kind text not null references fee_kinds (code),
  period text not null,
  variable_symbol text not null unique,
  symbol_key text not null unique,
  amount_cents integer not null check (amount_cents > 0),
  paid_cents integer not null default 0 check (paid_cents >= 0),
  due_date date not null,
  payer_given_name text not null,
  payer_family_name text not null,
  payer_given_key text not null,
  payer_family_key text not null,
  payer_birthdate date not null,
  household_id text references households (id),
  representative boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index obligations_payer on obligations (payer_birthdate, payer_family_key);
create index obligations_household on obligations (household_id);

-- Every line of the bank statements the office imported, matched or not.
-- `statement_ref` is the bank's unique id of the line: a statement imported
-- twice pays nothing twice. `applied_cents` is what was credited to the
-- obligation (less than the amount when it overpaid it).
create table bank_transfers (
  id text primary key,
  statement_ref text not null unique,
  variable_symbol text,
  amount_cents bigint not null,
  booked_on date not null,
  matched_obligation_id text references obligations (id),
  applied_cents integer not null default 0,
  created_at timestamptz not null default now()
);
create index bank_transfers_obligation on bank_transfers (matched_obligation_id);
