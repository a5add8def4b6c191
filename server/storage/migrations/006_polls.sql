-- Polls and participatory budgets.

-- One poll: its definition (checked by parsePollDefinition before it is
-- stored), the office's status and when the results were published. The
-- public phase (upcoming, open, closed, published) follows from these and the
-- definition's `opens`/`closes` (server/polls/phase.ts). `updated_at` changes
-- with every change of the row: the servers' cache of parsed definitions is
-- keyed by it.
create table polls (
  id text primary key,
  definition jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  results_published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A pile of paper ballots the office typed in, all stored or none.
-- `idempotency_key` is the request's Idempotency-Key (one key makes one batch
-- however requests race); `request_hash` is what that request sent.
create table paper_batches (
  id text primary key,
  poll_id text not null references polls (id) on delete cascade,
  label text,
  count integer not null check (count >= 0),
  idempotency_key text not null unique,
  request_hash text not null,
  created_at timestamptz not null default now()
);
create index paper_batches_poll on paper_batches (poll_id, created_at);

-- The current ballot of each voter. The primary key is the rule "one current
-- ballot per identity (or browser) per poll": a vote is one upsert on it, so
-- concurrent submissions of one voter leave one row whatever their order.
-- `voter` is not the citizen's subject but an HMAC of it with a server secret
-- and the poll id (`paper:<uuid>` for paper ballots): this table alone does
-- not tell who voted what, nor link one voter's ballots across polls.
-- `plus` holds an option id once per plus vote (or choice), `minus` once per
-- minus vote (d21). `revision` counts the changes of the ballot.
-- The foreign key to polls also orders votes against the office's changes:
-- a change of the poll locks its row, which a ballot's insert waits for.
create table ballots (
  poll_id text not null references polls (id),
  voter text not null,
  channel text not null check (channel in ('verified', 'browser', 'paper')),
  plus text[] not null,
  minus text[] not null,
  paper_batch text references paper_batches (id) on delete cascade,
  cast_at timestamptz not null,
  revision integer not null default 1,
  primary key (poll_id, voter)
);
create index ballots_paper_batch on ballots (paper_batch) where paper_batch is not null;
