import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { PaymentSchema, StartPaymentSchema } from '../../src/contract/payments.js';
import type { StandardClaims } from '../broker/claims.js';
import type { Config } from '../config.js';
import { apiRoute, optionalCitizen } from '../http/api-route.js';
import { idempotencyKey } from '../http/idempotency.js';
import { Problem, unauthorized } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import type { Database } from '../storage/database.js';
import { comgateGateway, type ComgateGateway } from './comgate.js';
import type { Gateway } from './gateway.js';
import { sandboxGateway, type SandboxGateway } from './sandbox.js';
import { paymentService, type WhoPays } from './service.js';

export interface PaymentsOptions {
  /** The clock of payments and the sandbox (tests move it past the time to live). */
  now?: () => Date;
  /** Delay of the sandbox's "late" notification. */
  lateNotificationMs?: number;
}

/** Card payments as configured (PAYMENT_GATEWAY): the gateway, its own pages, and the API routes. */
export interface Payments {
  /** The gateway new payments go to; undefined when card payments are off. */
  gateway: Gateway | undefined;
  /** Mounts what the gateway serves from this backend (the sandbox's hosted page); nothing for an external gateway (ComGate). */
  mountPages(app: FastifyInstance): Promise<void>;
  /** Registers `/payments…` on the API. */
  routes(api: FastifyInstance): Promise<void>;
}

const ID_PARAMS = z.object({ id: z.string() });
const GATEWAY_PARAMS = z.object({ gateway: z.string() });
const NotificationAnswerSchema = z.object({ received: z.boolean() });

export function createPayments(config: Config, db: Database, options: PaymentsOptions = {}): Payments {
  const sandbox: SandboxGateway | undefined =
    config.PAYMENT_GATEWAY === 'sandbox'
      ? sandboxGateway({ db, publicUrl: config.PUBLIC_URL, ttlMinutes: config.PAYMENT_TTL_MINUTES, now: options.now, lateNotificationMs: options.lateNotificationMs })
      : undefined;
  // ComGate: an external gateway; loadConfig has made sure its merchant, secret and mode are there
  const comgate: ComgateGateway | undefined =
    config.PAYMENT_GATEWAY === 'comgate'
      ? comgateGateway({
          url: config.COMGATE_URL,
          merchant: config.COMGATE_MERCHANT ?? '',
          secret: config.COMGATE_SECRET ?? '',
          test: config.COMGATE_TEST === 'true',
          db,
          ttlMinutes: config.PAYMENT_TTL_MINUTES,
        })
      : undefined;
  const gateway: Gateway | undefined = sandbox ?? comgate;
  const gateways = new Map<string, Gateway>(gateway ? [[gateway.name, gateway]] : []);
  const returnOrigins = new Set([...config.ALLOWED_ORIGINS, ...config.brokerClients.flatMap((client) => client.origins)]);

  return {
    gateway,
    async mountPages(app) {
      await sandbox?.mount(app);
    },
    async routes(api) {
      comgate?.attachLog(api.log);
      const service = paymentService({
        db,
        gateways,
        gateway,
        returnOrigins,
        notifyBase: `${config.apiUrl}/payments/notify`,
        ttlMinutes: config.PAYMENT_TTL_MINUTES,
        townName: config.TOWN_NAME,
        now: options.now,
        log: api.log,
      });
      // paying by look-up answers whether a symbol and birth date match: as slow to guess as the look-up itself, on the same count
      const lookupLimit = rateLimit(db, { perMinute: config.FEE_LOOKUP_PER_MINUTE, scope: 'fees-lookup' });

      apiRoute(
        api,
        {
          method: 'POST',
          path: '/payments',
          summary:
            'Start paying obligations by card (header Idempotency-Key): signed in, the citizen’s and their households’; without a token, the one found by `lookup`. ' +
            'The same key again answers the same payment; 409 payment_pending names an open payment of these obligations (field paymentId)',
          tags: ['payments'],
          body: StartPaymentSchema,
          response: PaymentSchema,
          status: 201,
          errors: [401, 403, 404, 409, 422, 502, 503],
        },
        async ({ body, request, reply }) => {
          if (!service.enabled) throw new Problem(503, 'payments_not_configured', 'Card payments are off: PAYMENT_GATEWAY is not set');
          const key = idempotencyKey(request);
          if (body.lookup) await lookupLimit(request, reply);
          let payer: WhoPays = {};
          const citizen = await optionalCitizen(api, request);
          if (citizen) {
            const [account] = await db.query<{ claims: StandardClaims }>('select claims from accounts where subject = $1', [citizen.subject]);
            if (!account) throw new Problem(404, 'unknown_citizen', 'No such citizen');
            payer = { subject: citizen.subject, claims: account.claims };
          } else if (!body.lookup) {
            throw unauthorized('missing_token', 'Sign in, or pay by look-up (variable symbol and date of birth)');
          }
          reply.header('Cache-Control', 'no-store');
          return service.start(payer, body, key);
        },
      );

      apiRoute(
        api,
        {
          method: 'GET',
          path: '/payments/:id',
          summary: 'A card payment as it stands; while pending, asked afresh from the gateway (the id is the unguessable capability to read it)',
          tags: ['payments'],
          params: ID_PARAMS,
          response: PaymentSchema,
          errors: [404],
        },
        async ({ params, reply }) => {
          reply.header('Cache-Control', 'no-store');
          return service.read(params.id);
        },
      );

      await api.register(async (notifications) => {
        // gateways notify with forms (ComGate) or JSON
        notifications.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 65_536 }, (_request, body, done) =>
          done(null, Object.fromEntries(new URLSearchParams(body as string))),
        );
        apiRoute(
          notifications,
          {
            method: 'POST',
            path: '/payments/notify/:gateway',
            summary: 'A payment gateway’s notification: the payment it names is asked afresh from the gateway (the notification’s own claims are ignored); unknown payments are ignored',
            tags: ['payments'],
            params: GATEWAY_PARAMS,
            response: NotificationAnswerSchema,
            errors: [404, 503],
          },
          async ({ params, request }) => {
            await service.notified(params.gateway, {
              query: (request.query ?? {}) as Record<string, unknown>,
              body: request.body,
              headers: request.headers,
            });
            return { received: true };
          },
        );
      });
    },
  };
}
