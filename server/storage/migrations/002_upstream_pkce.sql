-- The PKCE verifier of a sign-in at a standard OIDC upstream (NIA ignores PKCE).
alter table upstream_logins add column code_verifier text;
