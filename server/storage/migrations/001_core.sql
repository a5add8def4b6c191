-- Secrets generated once and shared by every instance: broker signing keys, cookie keys.
create table secrets (
  name text primary key,
  value jsonb not null,
  created_at timestamptz not null default now()
);

-- Rate-limit counters shared by every instance: one row per key and window.
create table rate_limits (
  key text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (key, window_start)
);
create index rate_limits_window on rate_limits (window_start);

-- The identity broker's state (oidc-provider models: sessions, grants, codes,
-- refresh tokens, interactions), so a restart signs nobody out and every
-- instance sees the same sessions.
create table oidc_models (
  kind text not null,
  id text not null,
  payload jsonb not null,
  grant_id text,
  user_code text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  primary key (kind, id)
);
create index oidc_models_grant on oidc_models (grant_id);
create index oidc_models_uid on oidc_models (uid);
create index oidc_models_expires on oidc_models (expires_at);

-- Sign-ins in flight at the upstream identity provider: single use, short-lived.
-- `state` is also in a cookie of the browser that started it.
create table upstream_logins (
  state text primary key,
  interaction_uid text not null,
  nonce text not null,
  loa text not null,
  code text,
  error text,
  created_at timestamptz not null default now(),
  used_at timestamptz
);
create index upstream_logins_uid on upstream_logins (interaction_uid);

-- Sign-outs waiting for the upstream provider to send the browser back.
create table pending_logouts (
  state text primary key,
  return_to text not null,
  created_at timestamptz not null default now(),
  used_at timestamptz
);

-- Citizens as the identity provider described them at their last sign-in.
-- The subject is NIA's PersonIdentifier (a pseudonym for this town).
create table accounts (
  subject text primary key,
  claims jsonb not null,
  loa text not null,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
