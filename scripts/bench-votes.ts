/**
 * Load benchmark of voting (`npm run bench`, or alone:
 * `node --import tsx scripts/bench-votes.ts [--seconds 10] [--voters 2000] [--concurrency 32] [--db pglite,postgres]`).
 *
 * For each database (the embedded PGlite in a fresh file-backed DATA_DIR, and
 * a throwaway PostgreSQL cluster with durable commits) this process runs the
 * real backend on 127.0.0.1 with a D21 participatory budget open, signs
 * `--voters` verified residents' access tokens with the broker's own key, and
 * starts a load generator in a child process (the other core). The generator
 * keeps `--concurrency` requests in flight for `--seconds`: each voter
 * belongs to one connection loop, so their ballots are sent one after the
 * other, and every ballot is a fresh valid one (voters change their vote
 * again and again). Then it checks that no acknowledged vote was lost or
 * doubled: one stored ballot per acknowledged voter, each equal to the last
 * ballot acknowledged to that voter (read back through the API with their
 * token), and the results counting exactly those ballots.
 *
 * Prints votes/s, p50/p95/p99/max latency and the check; writes
 * bench-results/votes.json. Target: ≥ 1000 votes/s, p99 < 100 ms.
 * Bounded: at most `--seconds` of load (≤ 60) and 500,000 requests per database.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importJWK, SignJWT } from 'jose';
import type { Ballot, PollDefinition } from '../src/polls/definition.js';
import { ballotErrors } from '../src/polls/ballot.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const POLL_ID = 'bench-d21';
const MAX_REQUESTS = 500_000;

const POLL: PollDefinition = {
  id: POLL_ID,
  title: 'Participativní rozpočet (benchmark)',
  method: 'd21',
  d21: { plus: 3, minus: 1, minusAfter: 2, excludeWhenMinusExceedsPlus: true },
  budget: { total: 1_500_000 },
  voters: 'verified',
  residentsOnly: true,
  minAge: 15,
  results: 'live',
  options: Array.from({ length: 8 }, (_, index) => ({ id: `p${index + 1}`, title: `Projekt ${index + 1}`, cost: 100_000 * (index + 1) })),
};

/** A random valid D21 ballot: 1–3 plus votes, a minus vote after 2 of them half the time. */
function randomBallot(random: () => number): Ballot {
  const ids = POLL.options.map((option) => option.id).sort(() => random() - 0.5);
  const plusCount = 1 + Math.floor(random() * 3);
  const plus = ids.slice(0, plusCount);
  const minus = plusCount >= 2 && random() < 0.5 ? [ids[plusCount]!] : [];
  return { plus, minus };
}

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sameBallot = (a: Ballot, b: Ballot) => JSON.stringify([[...a.plus].sort(), [...a.minus].sort()]) === JSON.stringify([[...b.plus].sort(), [...b.minus].sort()]);

// ---------------------------------------------------------------------------
// The load generator (child process)

interface LoadJob {
  port: number;
  tokens: string[];
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
}

interface LoadReport {
  sent: number;
  acknowledged: number;
  failed: Record<string, number>;
  /** Latencies (ms) of acknowledged votes after the warm-up. */
  latencies: number[];
  measuredSeconds: number;
  /** Per voter index: the last ballot acknowledged to them. */
  lastAcked: Record<number, Ballot>;
}

function put(agent: Agent, port: number, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/api/polls/${POLL_ID}/ballot`,
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function generateLoad(job: LoadJob): Promise<LoadReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const report: LoadReport = { sent: 0, acknowledged: 0, failed: {}, latencies: [], measuredSeconds: 0, lastAcked: {} };
  const start = performance.now();
  const measureFrom = start + job.warmupSeconds * 1000;
  const end = measureFrom + job.seconds * 1000;
  const loop = async (worker: number) => {
    const random = mulberry32(worker + 1);
    const mine = job.tokens.map((_, index) => index).filter((index) => index % job.concurrency === worker);
    for (let turn = 0; performance.now() < end && report.sent < MAX_REQUESTS; turn++) {
      const voter = mine[turn % mine.length]!;
      const ballot = randomBallot(random);
      const begun = performance.now();
      report.sent++;
      try {
        const { status, text } = await put(agent, job.port, job.tokens[voter]!, JSON.stringify(ballot));
        const done = performance.now();
        if (status === 200 || status === 201) {
          const stored = (JSON.parse(text) as { ballot: Ballot }).ballot;
          if (!sameBallot(stored, ballot)) report.failed['acknowledged another ballot'] = (report.failed['acknowledged another ballot'] ?? 0) + 1;
          report.acknowledged++;
          report.lastAcked[voter] = ballot;
          if (begun >= measureFrom) report.latencies.push(done - begun);
        } else {
          const code = (() => {
            try {
              return (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
            } catch {
              return '';
            }
          })();
          const key = `${status} ${code}`.trim();
          report.failed[key] = (report.failed[key] ?? 0) + 1;
        }
      } catch (error) {
        const key = `network ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
        report.failed[key] = (report.failed[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, (_, worker) => loop(worker)));
  report.measuredSeconds = (Math.min(performance.now(), end) - measureFrom) / 1000;
  agent.destroy();
  return report;
}

if (process.send && process.argv.includes('--load-generator')) {
  process.once('message', async (job: LoadJob) => {
    // exit once the report (megabytes of latencies) is written to the pipe
    process.send!(await generateLoad(job), () => process.exit(0));
  });
}

// ---------------------------------------------------------------------------
// The benchmark (main process)

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface DatabaseResult {
  database: string;
  votesPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  acknowledged: number;
  failed: Record<string, number>;
  voters: number;
  check: { ok: boolean; storedBallots: number; ackedVoters: number; mismatched: number; resultsBallots: number };
  meetsTarget: boolean;
}

async function benchOne(database: 'pglite' | 'postgres', settings: { seconds: number; voters: number; concurrency: number }): Promise<DatabaseResult> {
  const { loadConfig } = await import('../server/config.js');
  const { startBackend } = await import('../server/start.js');
  const { signingKeys } = await import('../server/broker/keys.js');
  const work = mkdtempSync(join(tmpdir(), 'obec-bench-'));
  let postgres: { url: string; stop(): void } | undefined;
  if (database === 'postgres') {
    const { startPostgres } = await import('./pg-cluster.mjs');
    postgres = await startPostgres({ durable: true });
  }
  const pollsDir = join(work, 'polls');
  mkdirSync(pollsDir);
  writeFileSync(join(pollsDir, `${POLL_ID}.json`), JSON.stringify(POLL));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1:8081',
    DATA_DIR: join(work, 'data'),
    DATABASE_URL: postgres?.url,
    LOG_LEVEL: 'silent',
    NIA_CLIENT_ID: 'https://obec.example/sep',
    POLLS_DIR: pollsDir,
    RESIDENT_LOCALITIES: '123 45 Javorná Lhota',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const backend = await startBackend(config);
  try {
    const port = Number(new URL(backend.url).port);
    const [key] = await signingKeys(backend.db);
    const signer = await importJWK(key!, 'RS256');
    const tokens: string[] = [];
    for (let index = 0; index < settings.voters; index++) {
      const subject = `bench-voter-${index}`;
      await backend.db.query('insert into accounts (subject, claims, loa) values ($1, $2, $3) on conflict (subject) do nothing', [
        subject,
        JSON.stringify({ name: `Voter ${index}`, birthdate: '1980-01-01', address: { formatted: `Návesní ${index + 1}, 123 45 Javorná Lhota`, postal_code: '12345', locality: 'Javorná Lhota' } }),
        'loasubstantial',
      ]);
      tokens.push(
        await new SignJWT({ sub: subject, iss: config.issuerUrl, aud: config.apiUrl, acr: 'loasubstantial', scope: 'openid' })
          .setProtectedHeader({ alg: 'RS256', kid: key!.kid })
          .setIssuedAt()
          .setExpirationTime('30m')
          .sign(signer),
      );
    }

    const child = fork(fileURLToPath(import.meta.url), ['--load-generator'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const report = await new Promise<LoadReport>((resolve, reject) => {
      child.once('message', (message) => resolve(message as LoadReport));
      child.once('error', reject);
      child.once('exit', (code) => code !== 0 && reject(new Error(`the load generator exited with ${code}`)));
      child.send({ port, tokens, concurrency: settings.concurrency, seconds: settings.seconds, warmupSeconds: 1 } satisfies LoadJob);
    });

    // No acknowledged vote lost or doubled.
    const acked = Object.entries(report.lastAcked).map(([voter, ballot]) => ({ voter: Number(voter), ballot }));
    const [{ count }] = (await backend.db.query<{ count: number }>('select count(*)::int as count from ballots where poll_id = $1', [POLL_ID])) as [{ count: number }];
    let mismatched = 0;
    for (let from = 0; from < acked.length; from += 16) {
      await Promise.all(
        acked.slice(from, from + 16).map(async ({ voter, ballot }) => {
          const response = await fetch(`${backend.url}/api/polls/${POLL_ID}`, { headers: { authorization: `Bearer ${tokens[voter]}` } });
          const view = (await response.json()) as { ballot?: Ballot };
          if (!view.ballot || !sameBallot(view.ballot, ballot)) mismatched++;
        }),
      );
    }
    const results = (await (await fetch(`${backend.url}/api/polls/${POLL_ID}/results`)).json()) as { ballots: { total: number } };
    const invalid = acked.filter(({ ballot }) => ballotErrors(POLL, ballot).length > 0).length;
    const check = {
      ok: count === acked.length && mismatched === 0 && results.ballots.total === acked.length && invalid === 0,
      storedBallots: count,
      ackedVoters: acked.length,
      mismatched,
      resultsBallots: results.ballots.total,
    };
    const sorted = report.latencies.sort((a, b) => a - b);
    const votesPerSecond = sorted.length / report.measuredSeconds;
    const round = (value: number) => Math.round(value * 10) / 10;
    const result: DatabaseResult = {
      database: database === 'postgres' ? 'PostgreSQL (durable commits)' : 'PGlite (file-backed)',
      votesPerSecond: Math.round(votesPerSecond),
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1) ?? Number.NaN),
      acknowledged: report.acknowledged,
      failed: report.failed,
      voters: settings.voters,
      check,
      meetsTarget: votesPerSecond >= 1000 && percentile(sorted, 99) < 100 && check.ok && Object.keys(report.failed).length === 0,
    };
    return result;
  } finally {
    await backend.close();
    postgres?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (!process.argv.includes('--load-generator')) {
  const seconds = Math.min(60, Math.max(1, Number(option('seconds', '10'))));
  const voters = Math.max(1, Number(option('voters', '2000')));
  const concurrency = Math.max(1, Number(option('concurrency', '32')));
  const databases = option('db', 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
  const { postgresAvailable } = await import('./pg-cluster.mjs');
  console.log(`\nVoting load: ${voters} verified voters, ${concurrency} requests in flight, ${seconds} s after a 1 s warm-up, on 127.0.0.1\n`);
  const results: DatabaseResult[] = [];
  for (const database of databases) {
    if (database === 'postgres' && !postgresAvailable()) {
      console.log('PostgreSQL is not installed here (apt-get install postgresql): skipped.');
      continue;
    }
    const result = await benchOne(database, { seconds, voters, concurrency });
    results.push(result);
    const failures = Object.entries(result.failed).map(([why, times]) => `${times}× ${why}`).join(', ') || 'none';
    console.log(
      [
        `${result.database}:`,
        `  ${result.votesPerSecond} votes/s · latency p50 ${result.p50} ms · p95 ${result.p95} ms · p99 ${result.p99} ms · max ${result.max} ms`,
        `  ${result.acknowledged} votes acknowledged, failures: ${failures}`,
        `  check: ${result.check.ok ? 'no acknowledged vote lost or doubled' : 'FAILED'} (${result.check.ackedVoters} voters acknowledged, ${result.check.storedBallots} ballots stored, ${result.check.mismatched} differing from the last acknowledged, results count ${result.check.resultsBallots})`,
        `  target ≥ 1000 votes/s and p99 < 100 ms: ${result.meetsTarget ? 'met' : 'NOT met'}`,
      ].join('\n'),
    );
  }
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'votes.json'), `${JSON.stringify({ date: new Date().toISOString(), seconds, voters, concurrency, results }, null, 2)}\n`);
  process.exit(results.every((result) => result.check.ok) ? 0 : 1);
}
