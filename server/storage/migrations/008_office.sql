-- The office: staff accounts with roles, the audit log of office actions,
-- and the usage events the indicators are computed from.

-- A person the town lets into the office. Recognised at sign-in by the
-- verified identity (name keys: lower case without accents, and the date of
-- birth) or directly by the broker subject; the first matching sign-in binds
-- the subject.
create table staff (
  id text primary key,
  name text not null,
  roles text[] not null,
  given_name text,
  family_name text,
  given_key text,
  family_key text,
  birthdate date,
  subject text unique,
  from_file boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_sign_in_at timestamptz,
  check (subject is not null or (given_key is not null and family_key is not null and birthdate is not null))
);
create index staff_identity on staff (birthdate, family_key);

-- Every office call that changes something or exports personal data.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id text not null,
  actor_name text not null,
  action text not null,
  target jsonb not null default '{}',
  status integer not null
);
create index audit_log_actor on audit_log (actor_id, id);

-- What citizens did, counted for the indicators: the kind, when, and for a
-- payment its amount; for a page view the page (origin and path). Nothing
-- about the person: no subject, no IP address, no cookie.
create table usage_events (
  id bigserial primary key,
  at timestamptz not null default now(),
  kind text not null check (kind in ('visit', 'sign_in', 'payment', 'submission', 'vote', 'report', 'rating')),
  amount_cents bigint,
  page text
);
create index usage_events_at on usage_events (at);
