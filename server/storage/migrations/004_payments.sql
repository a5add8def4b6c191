-- Card payments of obligations through a payment gateway. Amounts are
-- integer haléře (cents); the API speaks CZK.

-- One attempt to pay obligations by card. `id` is ours (random, unguessable:
-- it is all a browser needs to read the payment); `gateway_id` is the
-- gateway's. `idempotency_key` is the client's Idempotency-Key: unique, so
-- two requests with one key make one payment however they race;
-- `request_hash` is what that request asked, so the same key with another
-- request is refused. `subject` is the signed-in citizen (null: paid by
-- look-up). `pending` is the only state that changes; the others are final.
create table payments (
  id text primary key,
  idempotency_key text not null unique,
  request_hash text not null,
  subject text,
  state text not null default 'pending' check (state in ('pending', 'paid', 'declined', 'cancelled', 'expired')),
  amount_cents integer not null check (amount_cents > 0),
  description text not null,
  return_url text not null,
  gateway text not null,
  gateway_id text,
  redirect_url text,
  receipt_number text unique,
  paid_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (gateway, gateway_id),
  check ((state = 'paid') = (receipt_number is not null and paid_at is not null))
);
create index payments_pending on payments (state) where state = 'pending';

-- What one payment pays of each obligation: what was still due when it started.
create table payment_items (
  payment_id text not null references payments (id) on delete cascade,
  obligation_id text not null references obligations (id),
  amount_cents integer not null check (amount_cents > 0),
  primary key (payment_id, obligation_id)
);
create index payment_items_obligation on payment_items (obligation_id);

-- Receipt numbers `YYYY/NNNNNN`: one counter a year, taken with a row lock in
-- the transaction that marks a payment paid, so the numbers have no gaps.
create table receipt_counters (
  year integer primary key,
  last_number integer not null
);

-- The SANDBOX gateway's own books (PAYMENT_GATEWAY=sandbox): what a real
-- gateway keeps on its side. In the database, so every instance agrees.
create table sandbox_gateway_payments (
  id text primary key,
  payment_id text not null,
  amount_cents integer not null check (amount_cents > 0),
  description text not null,
  variable_symbol text,
  return_url text not null,
  notify_url text not null,
  state text not null default 'pending' check (state in ('pending', 'paid', 'declined', 'cancelled', 'expired')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  decided_at timestamptz
);
create index sandbox_gateway_payments_payment on sandbox_gateway_payments (payment_id);
