/** Types of `pg-cluster.mjs` for the TypeScript scripts that use it. */
export function postgresAvailable(): boolean;
export function startPostgres(options?: { durable?: boolean }): Promise<{ url: string; stop(): void }>;
