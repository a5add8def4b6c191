import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../storage/database.js';

/**
 * oidc-provider's storage in the database instead of its in-memory default:
 * sessions, interactions, grants, codes and refresh tokens survive a restart
 * and are shared by every backend instance.
 */
export function databaseAdapter(db: Database) {
  return class DatabaseAdapter implements Adapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null;
      await db.query(
        `insert into oidc_models (kind, id, payload, grant_id, user_code, uid, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (kind, id) do update set payload = excluded.payload, grant_id = excluded.grant_id,
           user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`,
        [this.kind, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresAt],
      );
    }

    private async findWhere(column: 'id' | 'user_code' | 'uid', value: string): Promise<AdapterPayload | undefined> {
      const [row] = await db.query<{ payload: AdapterPayload; consumed_at: string | null }>(
        `select payload, consumed_at from oidc_models
         where kind = $1 and ${column} = $2 and (expires_at is null or expires_at > now())`,
        [this.kind, value],
      );
      if (!row) return undefined;
      return row.consumed_at ? { ...row.payload, consumed: Math.floor(new Date(row.consumed_at).getTime() / 1000) } : row.payload;
    }

    find(id: string) {
      return this.findWhere('id', id);
    }

    findByUserCode(userCode: string) {
      return this.findWhere('user_code', userCode);
    }

    findByUid(uid: string) {
      return this.findWhere('uid', uid);
    }

    async consume(id: string): Promise<void> {
      await db.query('update oidc_models set consumed_at = now() where kind = $1 and id = $2', [this.kind, id]);
    }

    async destroy(id: string): Promise<void> {
      await db.query('delete from oidc_models where kind = $1 and id = $2', [this.kind, id]);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.query('delete from oidc_models where grant_id = $1', [grantId]);
    }
  };
}

/** Deletes expired rows; run now and then by any instance. */
export async function sweepExpired(db: Database): Promise<void> {
  await db.query('delete from oidc_models where expires_at < now()');
  await db.query("delete from upstream_logins where created_at < now() - interval '1 day'");
  await db.query("delete from pending_logouts where created_at < now() - interval '1 day'");
}
