/**
 * Runs the ComGate stand-in on its own, for trying PAYMENT_GATEWAY=comgate by
 * hand: `node --import tsx demo/comgate-standin/main.ts`, then start the
 * backend with COMGATE_URL set to the printed address and the same
 * COMGATE_MERCHANT, COMGATE_SECRET and COMGATE_TEST=true.
 *
 * STANDIN_PORT (default 8090), COMGATE_MERCHANT (default 123456),
 * COMGATE_SECRET (default a fixed test value), NOTIFY_URL (default
 * http://127.0.0.1:8081/api/payments/notify/comgate). 127.0.0.1 only.
 */
import { startComgateStandin } from './comgate-standin.js';

const standin = await startComgateStandin({
  port: Number(process.env.STANDIN_PORT ?? 8090),
  merchant: process.env.COMGATE_MERCHANT || '123456',
  secret: process.env.COMGATE_SECRET || 'standin-secret-not-for-production',
  notifyUrl: process.env.NOTIFY_URL || 'http://127.0.0.1:8081/api/payments/notify/comgate',
});
console.log(`ComGate stand-in at ${standin.url} (COMGATE_URL=${standin.url})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void standin.close().then(() => process.exit(0));
  });
}
