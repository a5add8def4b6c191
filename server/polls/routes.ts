import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { BallotSchema, CastResponseSchema, PollResultsSchema, PollViewSchema, WithdrawResponseSchema } from '../../src/contract/polls.js';
import type { IneligibleReason } from '../../src/polls/eligibility.js';
import { ballotErrorText, ineligibleText, pollMessages } from '../../src/polls/poll-messages.js';
import { loadCatalog } from '../../src/i18n/translator.js';
import type { Config } from '../config.js';
import { BytesSchema } from '../forms/schemas.js';
import { assertStorable } from '../forms/storable.js';
import { apiRoute, optionalCitizen } from '../http/api-route.js';
import { csvDownload } from '../http/csv.js';
import { idempotencyKey } from '../http/idempotency.js';
import { Problem } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import type { Database } from '../storage/database.js';
import { assertResidentsConfigured, checkPollDocument } from './definitions.js';
import {
  OfficePollListSchema,
  OfficePollSchema,
  PaperBallotsSchema,
  PaperBatchListSchema,
  PaperBatchResponseSchema,
  PollChangeSchema,
} from './schemas.js';
import { pollService, type Caller } from './service.js';

const POLL_PARAMS = z.object({ id: z.string() });
const DeletedSchema = z.object({ deleted: z.boolean() });
const BATCH_PARAMS = z.object({ id: z.string(), batch: z.string().check(z.regex(/^[\x21-\x7e]{1,200}$/)) });

/** The raw `X-Voter-Token` header (checked by the service). */
const voterTokenOf = (request: FastifyRequest): string | undefined => {
  const token = request.headers['x-voter-token'];
  return typeof token === 'string' ? token : undefined;
};


/**
 * Polls and participatory budgets: the public view, ballots, results, and
 * the office's definitions, phases, results, exports and paper ballots.
 */
export async function pollRoutes(api: FastifyInstance, db: Database, config: Config): Promise<void> {
  // refused ballots and voters are told why in English, as every API message is
  await loadCatalog(pollMessages, 'en');
  const service = pollService({
    db,
    localities: config.residentLocalities,
    describeBallotError: (error, poll) => ballotErrorText('en', error, poll),
    describeIneligible: (reason, minAge) => ineligibleText('en', reason as IneligibleReason, minAge),
  });
  const anonymousLimit = rateLimit(db, { perMinute: config.POLL_VOTE_PER_MINUTE, scope: 'polls-vote' });

  await api.register(async (scope) => {
    const callerOf = async (request: FastifyRequest, reply: FastifyReply): Promise<Caller> => ({
      citizen: await optionalCitizen(scope, request),
      voterToken: voterTokenOf(request),
      throttle: () => anonymousLimit(request, reply),
    });

    apiRoute(
      scope,
      {
        method: 'GET',
        path: '/polls/:id',
        summary:
          'A poll: its definition, phase, whether the one asking may vote (and why not), their current ballot, and whether the results are public. ' +
          'A bearer token (verified polls) or the header X-Voter-Token (anyone polls) is optional; 404 for an unknown poll or a draft',
        tags: ['polls'],
        params: POLL_PARAMS,
        response: PollViewSchema,
        errors: [401, 404],
      },
      async ({ params, request, reply }) => {
        reply.header('Cache-Control', 'no-store');
        return service.view(params.id, await callerOf(request, reply));
      },
    );

    apiRoute(
      scope,
      {
        method: 'PUT',
        path: '/polls/:id/ballot',
        summary:
          'Cast or replace the caller’s ballot (201 the first, 200 a replaced one); one current ballot per identity or browser. ' +
          'Verified polls: a bearer token (401 sign_in_required), the poll must be for the citizen (403 under_age, birthdate_unknown, not_resident, address_unknown). ' +
          'Anyone polls: the header X-Voter-Token (8–200 printable ASCII; 400 voter_token_required), limited per client IP (429). ' +
          'Outside voting: 409 poll_not_open or poll_closed. A broken rule: 422 invalid_ballot, a field per rule (path: the option id or "ballot")',
        tags: ['polls'],
        params: POLL_PARAMS,
        body: BallotSchema,
        response: CastResponseSchema,
        status: 201,
        errors: [401, 403, 404, 409, 422],
      },
      async ({ params, body, request, reply, setStatus }) => {
        reply.header('Cache-Control', 'no-store');
        const { ballot, created } = await service.cast(params.id, body, await callerOf(request, reply));
        setStatus(created ? 201 : 200);
        return { ballot };
      },
    );

    apiRoute(
      scope,
      {
        method: 'DELETE',
        path: '/polls/:id/ballot',
        summary: 'Withdraw the caller’s ballot while voting is open (who may: as for casting one)',
        tags: ['polls'],
        params: POLL_PARAMS,
        response: WithdrawResponseSchema,
        errors: [401, 403, 404, 409],
      },
      async ({ params, request, reply }) => {
        reply.header('Cache-Control', 'no-store');
        return { deleted: await service.withdraw(params.id, await callerOf(request, reply)) };
      },
    );

    apiRoute(
      scope,
      {
        method: 'GET',
        path: '/polls/:id/results',
        summary:
          'The results from every ballot, online and paper: the ranking and, with a budget, the funded projects. ' +
          '403 results_not_public until the poll’s results setting makes them public (live, after-close, published)',
        tags: ['polls'],
        params: POLL_PARAMS,
        response: PollResultsSchema,
        errors: [403, 404],
      },
      async ({ params, reply }) => {
        reply.header('Cache-Control', 'no-store');
        return service.publicResults(params.id);
      },
    );

    await scope.register(async (office) => {
      apiRoute(
        office,
        {
          method: 'PUT',
          office: 'polls',
          path: '/office/polls/:id',
          summary:
            'Office: store a poll definition (the body; its id must be the path’s): 201 a new poll (a draft), 200 a changed one. ' +
            'Checked as a whole: 422 invalid_definition with every problem; residents-only without RESIDENT_LOCALITIES: 422 residents_not_configured. ' +
            'While the poll has ballots, what they mean (options and costs, method, rules, budget, voters, minAge, residentsOnly) may not change: 409 poll_has_ballots',
          tags: ['office'],
          params: POLL_PARAMS,
          body: z.record(z.string(), z.unknown()),
          response: OfficePollSchema,
          status: 201,
          errors: [401, 403, 409, 422, 503],
        },
        async ({ params, body, setStatus }) => {
          assertStorable(body);
          const { poll, errors } = checkPollDocument(body);
          if (!poll) throw new Problem(422, 'invalid_definition', `${errors.length} problem${errors.length === 1 ? '' : 's'} in the definition`, errors);
          if (poll.id !== params.id) {
            throw new Problem(422, 'invalid_definition', 'The definition’s id is not the one in the path', [{ path: 'id', code: 'id_mismatch', message: `Expected "${params.id}"` }]);
          }
          assertResidentsConfigured(poll, config.residentLocalities);
          const stored = await service.storeDefinition(poll);
          setStatus(stored.created ? 201 : 200);
          return stored.poll;
        },
      );
      apiRoute(
        office,
        {
          method: 'GET',
          office: 'polls',
          path: '/office/polls',
          summary: 'Office: every poll with its status, phase and number of ballots',
          tags: ['office'],
          response: OfficePollListSchema,
          errors: [401, 403, 503],
        },
        async () => {
          return { polls: await service.officePolls() };
        },
      );
      apiRoute(
        office,
        {
          method: 'GET',
          office: 'polls',
          path: '/office/polls/:id',
          summary: 'Office: a poll’s definition, status, phase, publication and ballots (online and paper)',
          tags: ['office'],
          params: POLL_PARAMS,
          response: OfficePollSchema,
          errors: [401, 403, 404, 503],
        },
        async ({ params }) => {
          return service.officePoll(params.id);
        },
      );
      apiRoute(
        office,
        {
          method: 'PATCH',
          office: 'polls',
          path: '/office/polls/:id',
          summary:
            'Office: {"status": "draft" | "open" | "closed", "resultsPublished": true | false}. Back to draft with ballots: 409 poll_has_ballots; ' +
            'publishing needs the poll closed (by status or its closes moment): 409 poll_not_closed. A poll no longer closed loses its publication',
          tags: ['office'],
          params: POLL_PARAMS,
          body: PollChangeSchema,
          response: OfficePollSchema,
          errors: [401, 403, 404, 409, 503],
        },
        async ({ params, body }) => service.changePoll(params.id, body),
      );
      apiRoute(
        office,
        {
          method: 'GET',
          office: 'polls',
          path: '/office/polls/:id/results',
          summary: 'Office: the results in any phase (a draft’s phase reads upcoming)',
          tags: ['office'],
          params: POLL_PARAMS,
          response: PollResultsSchema,
          errors: [401, 403, 404, 503],
        },
        async ({ params }) => {
          return service.officeResults(params.id);
        },
      );
      apiRoute(
        office,
        {
          method: 'GET',
          office: 'polls',
          path: '/office/polls/:id/results.csv',
          summary:
            'Office: the results as a spreadsheet (text/csv, UTF-8 with BOM, ";" separated): rank;option;title;plus;minus;score;excluded, with a budget also cost;funded',
          tags: ['office'],
          params: POLL_PARAMS,
          response: BytesSchema,
          errors: [401, 403, 404, 503],
        },
        async ({ params, reply }) => csvDownload(reply, await service.resultsCsv(params.id), `${params.id}-results.csv`),
      );
      apiRoute(
        office,
        {
          method: 'GET',
          office: 'polls',
          path: '/office/polls/:id/ballots.csv',
          summary:
            'Office: every ballot as an anonymous row of a spreadsheet (text/csv, UTF-8 with BOM, ";" separated): ballot;channel;date (the day only), ' +
            'then a column per option id: 1 (a plus vote or choice), 2 (two plus votes), -1 (a minus vote) or empty',
          tags: ['office'],
          params: POLL_PARAMS,
          response: BytesSchema,
          errors: [401, 403, 404, 503],
        },
        async ({ params, reply }) => csvDownload(reply, await service.ballotsCsv(params.id), `${params.id}-ballots.csv`),
      );
      apiRoute(
        office,
        {
          method: 'POST',
          office: 'polls',
          path: '/office/polls/:id/paper-ballots',
          summary:
            'Office: add a batch of paper ballots to the totals (header Idempotency-Key), all or none: each is checked by the poll’s rules ' +
            '(422 invalid_ballot, path ballots.<index>.<option or "ballot">); not for a draft (409 poll_is_draft). ' +
            'The same key again answers the same batch (header Idempotent-Replayed); with other ballots 422 idempotency_key_reused',
          tags: ['office'],
          params: POLL_PARAMS,
          body: PaperBallotsSchema,
          response: PaperBatchResponseSchema,
          status: 201,
          errors: [401, 403, 404, 409, 422, 503],
        },
        async ({ params, body, request, reply }) => {
          const key = idempotencyKey(request);
          assertStorable(body);
          const { batch, replayed } = await service.addPaperBallots(params.id, body, key);
          if (replayed) reply.header('Idempotent-Replayed', 'true');
          return { batch };
        },
      );
      apiRoute(
        office,
        {
          method: 'GET',
          office: 'polls',
          path: '/office/polls/:id/paper-ballots',
          summary: 'Office: the poll’s batches of paper ballots, oldest first',
          tags: ['office'],
          params: POLL_PARAMS,
          response: PaperBatchListSchema,
          errors: [401, 403, 404, 503],
        },
        async ({ params }) => ({ batches: await service.paperBatches(params.id) }),
      );
      apiRoute(
        office,
        {
          method: 'DELETE',
          office: 'polls',
          path: '/office/polls/:id/paper-ballots/:batch',
          summary: 'Office: delete a batch of paper ballots and its ballots (a mistyped pile, to add again)',
          tags: ['office'],
          params: BATCH_PARAMS,
          response: DeletedSchema,
          errors: [401, 403, 404, 503],
        },
        async ({ params }) => ({ deleted: await service.deletePaperBatch(params.id, params.batch) }),
      );
    });
  });
}
