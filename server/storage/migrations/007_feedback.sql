-- Satisfaction ratings and problem reports.

-- "Did this page help you?": one click, maybe a comment added within the
-- hour. Nothing about who clicked is kept (no IP, no identity).
create table ratings (
  id text primary key,
  target text not null,
  helpful boolean not null,
  comment text,
  created_at timestamptz not null,
  commented_at timestamptz
);
create index ratings_created on ratings (created_at, target);

-- What a citizen can report, in the office's order (REPORT_CATEGORIES at
-- start-up, or the office API: the whole list replaced at once).
create table report_categories (
  code text primary key,
  position integer not null,
  category jsonb not null
);

-- Reference numbers `YYYY/NNNNNN` of reports: one counter a year, incremented
-- in the transaction that stores the report (as submission_counters).
create table report_counters (
  year integer primary key,
  last_number integer not null
);

-- One report. `subject` is the signed-in reporter (null: not signed in) and
-- `identity` what the town knew of them then; `contact` what they gave;
-- neither: an anonymous report. `reply` is the office's last reply (shown to
-- the public with the report). `awaiting_confirmation`: the office set it
-- solved and the reporter has not said whether it is. `idempotency_key`
-- makes one report of one key however requests race; `request_hash` is what
-- that request sent.
create table reports (
  id text primary key,
  reference text not null unique,
  category text not null,
  description text not null,
  lat double precision not null,
  lon double precision not null,
  address text,
  state text not null default 'received' check (state in ('received', 'in-progress', 'solved', 'rejected')),
  subject text,
  identity jsonb,
  contact jsonb,
  reply text,
  awaiting_confirmation boolean not null default false,
  idempotency_key text not null unique,
  request_hash text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index reports_open_place on reports (lat, lon) where state in ('received', 'in-progress');
create index reports_subject on reports (subject, created_at desc) where subject is not null;
create index reports_created on reports (created_at desc);

-- A report's life: state changes and replies of the office, the reporter's
-- answer to "is it really fixed?" (with their comment when it is not).
create table report_events (
  seq bigint generated always as identity primary key,
  report_id text not null references reports (id) on delete cascade,
  at timestamptz not null,
  state text,
  reply text,
  comment text,
  confirmed boolean,
  actor text not null check (actor in ('office', 'reporter', 'system'))
);
create index report_events_report on report_events (report_id, seq);

-- Photos, stored without their metadata. `id` is a random token; a photo
-- belongs to the citizen who uploaded it when signed in, and once sent to one
-- report (only then is it served). Unclaimed photos are deleted after a day.
create table report_photos (
  id text primary key,
  media_type text not null,
  size integer not null check (size >= 0),
  bytes bytea not null,
  subject text,
  report_id text references reports (id) on delete cascade,
  position integer,
  created_at timestamptz not null default now()
);
create index report_photos_report on report_photos (report_id, position);
create index report_photos_unclaimed on report_photos (created_at) where report_id is null;

-- "I see it too": once per identity or browser. `supporter` is an HMAC of the
-- identity (or the browser's token) with a server secret and the report id:
-- this table alone does not tell who supported what.
create table report_supporters (
  report_id text not null references reports (id) on delete cascade,
  supporter text not null,
  created_at timestamptz not null,
  primary key (report_id, supporter)
);
