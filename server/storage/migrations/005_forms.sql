-- Forms and electronic submissions.

-- Every version of every form definition: a changed definition is a new row,
-- so a submission always points at the exact questions it answered. The
-- stored document has no `version` key; the API adds it.
create table form_definitions (
  id text not null,
  version integer not null check (version > 0),
  definition jsonb not null,
  created_at timestamptz not null default now(),
  primary key (id, version)
);

-- Reference numbers `YYYY/NNNNNN`: one counter a year, incremented by an
-- upsert in the transaction that stores the submission. The row lock
-- serializes concurrent submissions, and a rolled-back one gives its number
-- back, so the numbers have neither gaps nor duplicates.
create table submission_counters (
  year integer primary key,
  last_number integer not null
);

-- One submitted form. `subject` is the signed-in citizen (null: anonymous);
-- `identity` is what the town knew of them when they submitted (name, date
-- of birth, address, …), kept for the office even if their account changes.
-- `answers` are as validated and normalized by the server. `idempotency_key`
-- is the client's Idempotency-Key: unique, so one key makes one submission
-- however requests race; `request_hash` is what that request sent, so the
-- same key with other answers is refused.
create table submissions (
  id text primary key,
  reference text not null unique,
  form_id text not null,
  form_version integer not null,
  subject text,
  identity jsonb,
  answers jsonb not null,
  state text not null default 'received' check (state in ('received', 'in-progress', 'done', 'rejected')),
  state_changed_at timestamptz not null,
  note text,
  idempotency_key text not null unique,
  request_hash text not null,
  created_at timestamptz not null,
  foreign key (form_id, form_version) references form_definitions (id, version)
);
create index submissions_subject on submissions (subject, created_at desc) where subject is not null;
create index submissions_form on submissions (form_id, created_at);

-- Who moved a submission to which state, when, and what they told the citizen: the audit trail.
create table submission_history (
  seq bigint generated always as identity primary key,
  submission_id text not null references submissions (id) on delete cascade,
  state text not null,
  note text,
  actor text not null,
  at timestamptz not null
);
create index submission_history_submission on submission_history (submission_id, seq);

-- Uploaded files. `id` is a random, unguessable token (it is all a client
-- needs to refer to its upload). An upload belongs to one file field of one
-- form (`field_path`: `attachments`, in a group `budget.invoice`), to the
-- citizen who uploaded it when signed in, and once submitted to one
-- submission. Unattached uploads are deleted after a day.
create table uploads (
  id text primary key,
  form_id text not null,
  field_path text not null,
  name text not null,
  media_type text not null,
  size integer not null check (size >= 0),
  bytes bytea not null,
  subject text,
  submission_id text references submissions (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index uploads_submission on uploads (submission_id);
create index uploads_unattached on uploads (created_at) where submission_id is null;

-- A signed-in citizen's unfinished answers to a form, one per form. Not
-- validated (only their size is limited); deleted when they submit.
create table form_drafts (
  subject text not null,
  form_id text not null,
  version integer not null,
  answers jsonb not null,
  step text,
  updated_at timestamptz not null,
  primary key (subject, form_id)
);
