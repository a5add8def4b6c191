import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { AccountError, czechAccountToIban, ibanToCzechAccount, normalizeIban, type AccountProblem } from '../src/payments/bank-account.js';
import { parseResidentLocality, type ResidentLocality } from '../src/polls/eligibility.js';
import { SERVICES, type Service } from '../src/contract/indicators.js';

/** Comma-separated list → array, empty entries dropped. */
const list = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const origin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}, 'an origin such as https://www.obec.example (scheme, host and port, no path)');

const httpUrl = z.string().refine((value) => {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'an absolute http(s) URL');

/** A place of the town as addresses write it: a name with a letter, optionally after its postcode. */
const residentLocality = z
  .string()
  .refine((value) => /\p{L}/u.test(parseResidentLocality(value).locality), 'places such as "123 45 Javorná Lhota" or "Javorná Lhota", separated by commas');

const LOA = ['loalow', 'loasubstantial', 'loahigh'] as const;

/**
 * The backend's environment variables. Every one is validated at start-up; a
 * wrong value stops the server with one line naming the variable.
 */
const EnvSchema = z.object({
  HOST: z.string().default('127.0.0.1').describe('interface to listen on'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8081).describe('port to listen on'),
  PUBLIC_URL: httpUrl.default('http://127.0.0.1:8081').describe('the URL citizens\' browsers reach this backend at'),
  DATA_DIR: z.string().default('.data').describe('folder for the embedded database and generated keys'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL')
    .optional()
    .describe('PostgreSQL connection URL; without it the embedded PGlite database in DATA_DIR is used'),
  ALLOWED_ORIGINS: list.pipe(z.array(origin)).default([]).describe('origins of the town websites that embed the widgets'),
  BROKER_CLIENTS: z
    .string()
    .optional()
    .describe('JSON array (or @path to a JSON file) of sites registered at the identity broker: [{"client_id","origins":[…]}]'),
  UPSTREAM: z.enum(['nia', 'oidc']).default('nia').describe('identity provider behind the broker'),
  NIA_URL: httpUrl.default('https://tnia.identita.gov.cz').describe('NIA base URL: https://nia.identita.gov.cz (production), https://tnia.identita.gov.cz (test) or the simulator'),
  NIA_CLIENT_ID: z.string().min(1).optional().describe('the "unique URL" of the town\'s SeP registered in the NIA portal'),
  NIA_KEY_FILE: z.string().optional().describe('PEM private key matching the encryption certificate registered at NIA (generated in DATA_DIR when absent)'),
  NIA_ISSUER: z.string().default('urn:microsoft:cgg2010:fpsts').describe('the issuer NIA puts in its id_tokens'),
  NIA_LOA: z.enum(LOA).default('loasubstantial').describe('minimum level of assurance the town requires'),
  OIDC_ISSUER: httpUrl.optional().describe('issuer of a standard OIDC identity server (UPSTREAM=oidc)'),
  OIDC_CLIENT_ID: z.string().optional().describe('client id at that server'),
  OIDC_CLIENT_SECRET: z.string().optional().describe('client secret at that server'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600).describe('requests per minute one client IP may make to the API'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((value) => value === 'true').describe('take the client IP from X-Forwarded-For (behind a load balancer)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info').describe('log level'),
  TOWN_NAME: z
    .string()
    .trim()
    .min(1)
    .max(35, 'at most 35 characters (the recipient name of a QR Platba)')
    .default('Obec')
    .describe('the town as the recipient of payments, e.g. "Obec Javorná Lhota"'),
  TOWN_ACCOUNT: z
    .string()
    .optional()
    .describe('the town\'s account for local fees: a Czech account prefix-number/bank or a CZ IBAN; without it the fee routes answer 503'),
  OFFICE_API_TOKEN: z
    .string()
    .min(16, 'at least 16 characters')
    .optional()
    .describe('integration token of the office routes for scripts (imports from other systems): a bearer token with every role, its calls in the audit log as "token"; staff sign in instead'),
  OFFICE_STAFF: z
    .string()
    .optional()
    .describe('JSON file of the town\'s staff ({"staff": [{"id", "name", "roles": ["admin"|"fees"|"forms"|"polls"|"feedback", …], "givenName", "familyName", "birthdate"} or {"id", "name", "roles", "subject"}, …]}), stored at start-up when the file changed since (the office\'s own changes survive an unchanged file); an invalid file stops the start-up'),
  TOWN_POPULATION: z.coerce.number().int().min(1).optional().describe('the town\'s population, for the share of citizens who signed in (indicators)'),
  INDICATORS_PUBLIC: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('"true": the usage indicators are public (<obec-indicators> on the town\'s site); "false": staff only'),
  MINUTES_SAVED: z
    .string()
    .default('payment=20,submission=30,vote=10,report=15,rating=1')
    .describe('minutes a citizen saves per use of each service (compared with going to the office), for the indicators: "payment=20,submission=30,vote=10,report=15,rating=1"; a service left out counts 0'),
  VISITS_PER_MINUTE: z.coerce.number().int().min(1).default(60).describe('page views per minute one client IP may count (the visit beacon of <obec-portal>)'),
  FORMS_DIR: z
    .string()
    .optional()
    .describe('folder of form definitions (*.json) stored at start-up, a new version of each changed one; an invalid file stops the start-up'),
  POLLS_DIR: z
    .string()
    .optional()
    .describe('folder of poll definitions (*.json) stored at start-up: a new poll opens (its opens/closes still apply), a changed one is updated by the office API\'s rules; an invalid file stops the start-up'),
  RESIDENT_LOCALITIES: list
    .pipe(z.array(residentLocality))
    .default([])
    .describe('comma-separated places whose residents are the town\'s, as addresses write them: "123 45 Javorná Lhota" (with the postcode) or "Javorná Lhota"; residents-only polls need it'),
  POLL_VOTE_PER_MINUTE: z.coerce.number().int().min(1).default(30).describe('ballots per minute one client IP may cast in polls open to anyone (not verified)'),
  FORM_SUBMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20).describe('form submissions per minute one client IP may make'),
  UPLOAD_PER_MINUTE: z.coerce.number().int().min(1).default(30).describe('file uploads per minute one client IP may make'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024)
    .describe('largest file a form upload may be, in bytes, whatever a form allows (a larger one is answered 413 file_too_large)'),
  FEE_LOOKUP_PER_MINUTE: z.coerce.number().int().min(1).default(10).describe('anonymous fee look-ups per minute one client IP may make'),
  PAYMENT_GATEWAY: z
    .enum(['sandbox', 'comgate', 'none'])
    .default('none')
    .describe(
      'card payment gateway: `sandbox` (a test gateway served by this backend under /sandbox-gateway/, no real money), `comgate` (ComGate, COMGATE_* below) or `none` (card payments answer 503)',
    ),
  PAYMENT_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1440)
    .default(30)
    .describe('minutes a card payment may stay open at the gateway before it counts as expired'),
  COMGATE_URL: httpUrl
    .default('https://payments.comgate.cz')
    .describe('ComGate API base URL, without /v1.0 (PAYMENT_GATEWAY=comgate); the ComGate portal sends push notifications to PUBLIC_URL/api/payments/notify/comgate'),
  COMGATE_MERCHANT: z
    .string()
    .regex(/^\S{1,64}$/, 'the e-shop identifier from the ComGate portal (no spaces)')
    .optional()
    .describe('the e-shop identifier (merchant) in the ComGate portal (PAYMENT_GATEWAY=comgate)'),
  COMGATE_SECRET: z
    .string()
    .regex(/^\S{1,256}$/, 'the password for background communication from the ComGate portal (no spaces)')
    .optional()
    .describe('the e-shop\'s password for background communication from the ComGate portal (PAYMENT_GATEWAY=comgate)'),
  COMGATE_TEST: z
    .enum(['true', 'false'])
    .optional()
    .describe('`true`: ComGate test payments (no money moves), `false`: real payments; required with PAYMENT_GATEWAY=comgate'),
  TOWN_AREA: z
    .string()
    .optional()
    .describe('JSON file of the town\'s area for problem reports: {"name", "boundary": [[lat, lon], …], "center": {"lat", "lon"}, "zoom"}; a report outside the boundary is refused; without it the report routes answer 503'),
  TOWN_ADDRESSES: z
    .string()
    .optional()
    .describe('JSON ([{"label", "lat", "lon"}, …]) or CSV (label;lat;lon) file of the town\'s addresses for the address search of problem reports'),
  MAP_TILES: z
    .string()
    .regex(/^https:\/\/\S*\{z\}\S*\{x\}\S*\{y\}\S*$/, 'an https URL template with {z}, {x} and {y}')
    .optional()
    .describe('map tiles of the report map, an https URL template with {z}/{x}/{y} (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png); without it no map tiles, the address search and location button still work'),
  MAP_TILES_ATTRIBUTION: z.string().trim().min(1).max(300).optional().describe('the attribution the tile server requires, e.g. "© OpenStreetMap contributors" (required with MAP_TILES)'),
  REPORT_CATEGORIES: z
    .string()
    .optional()
    .describe('JSON file of the categories of problem reports ({"categories": [{"code", "name": {"cs", "en"?}, "department", "group"?, "description"?}, …]}), stored at start-up in place of the list before when the file changed since (an unchanged file keeps the office\'s changes made through its API); an invalid file stops the start-up'),
  RATING_PER_MINUTE: z.coerce.number().int().min(1).default(20).describe('page ratings (and their comments, and "I see it too" of reports) per minute one client IP may send'),
  REPORT_PER_MINUTE: z.coerce.number().int().min(1).default(5).describe('problem reports per minute one client IP may send'),
  REPORT_PHOTO_PER_MINUTE: z.coerce.number().int().min(1).default(20).describe('report photos per minute one client IP may upload'),
  REPORTS_PER_DAY: z.coerce.number().int().min(1).default(20).describe('problem reports one signed-in citizen may send in 24 hours'),
  REPORT_PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(8 * 1024 * 1024)
    .describe('largest photo of a problem report, in bytes (a larger one is answered 413 file_too_large)'),
});

export type Env = z.infer<typeof EnvSchema>;

export const BrokerClientSchema = z.object({
  client_id: z.string().min(1),
  /** Origins of the pages that sign in through this client; any page on them may be the return address. */
  origins: z.array(origin).min(1),
  client_name: z.string().optional(),
});
export type BrokerClient = z.infer<typeof BrokerClientSchema>;

/** A place of the town's address search. */
export interface TownPlace {
  label: string;
  lat: number;
  lon: number;
}

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

/** TOWN_AREA's file. */
export const TownAreaFileSchema = z.object({
  name: z.string().trim().min(1).max(200),
  boundary: z.array(z.tuple([latitude, longitude])).min(3),
  center: z.object({ lat: latitude, lon: longitude }),
  zoom: z.number().int().min(1).max(20),
});
export type TownAreaFile = z.infer<typeof TownAreaFileSchema>;

const TownPlaceSchema = z.object({ label: z.string().trim().min(1).max(200), lat: latitude, lon: longitude });

export interface Config extends Env {
  /** TOWN_AREA read and checked: the boundary reports must be inside. */
  townArea?: TownAreaFile;
  /** TOWN_ADDRESSES read and checked. */
  townAddresses: TownPlace[];
  brokerClients: BrokerClient[];
  /** TOWN_ACCOUNT checked (mod-11, mod-97) in both forms; absent when not configured. */
  townAccount?: { iban: string; accountNumber: string };
  /** RESIDENT_LOCALITIES parsed: the places whose residents may vote in residents-only polls. */
  residentLocalities: ResidentLocality[];
  /** MINUTES_SAVED parsed: minutes per use of each service (0 when not given). */
  minutesSaved: Record<Service, number>;
  /** Where the API lives, and the audience of its access tokens. */
  apiUrl: string;
  issuerUrl: string;
}

/** Documentation of every variable, for the README and `--help`. */
export function describeEnv(): { name: string; description: string }[] {
  return Object.entries(EnvSchema.shape).map(([name, schema]) => ({ name, description: schema.description ?? '' }));
}

export class ConfigError extends Error {}

/** "payment=20,vote=10" → minutes per use of every service (0 for one left out). */
function parseMinutesSaved(value: string): Record<Service, number> {
  const minutes = Object.fromEntries(SERVICES.map((service) => [service, 0])) as Record<Service, number>;
  for (const item of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([a-z]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(item);
    if (!match || !(SERVICES as readonly string[]).includes(match[1]!)) {
      throw new ConfigError(`MINUTES_SAVED is invalid: "${item}" is not service=minutes with a service of ${SERVICES.join(', ')}`);
    }
    minutes[match[1] as Service] = Number(match[2]);
  }
  return minutes;
}

/** Variables whose value an error message never repeats. */
const SECRETS = new Set(['OIDC_CLIENT_SECRET', 'OFFICE_API_TOKEN', 'COMGATE_SECRET']);

const ACCOUNT_PROBLEMS: Record<AccountProblem, string> = {
  format: 'a Czech account prefix-number/bank (19-2000145399/0800) or a CZ IBAN',
  'prefix-checksum': 'the account prefix fails its mod-11 check',
  'number-checksum': 'the account number fails its mod-11 check',
  'bank-code': 'not a bank code',
  'iban-country': 'a Czech town\'s fees are paid to a Czech account (CZ IBAN)',
  'iban-length': 'the IBAN has the wrong length',
  'iban-checksum': 'the IBAN fails its mod-97 check',
};

/** The town's account in both forms; a wrong or foreign one stops the start-up. */
function townAccount(value: string): { iban: string; accountNumber: string } {
  try {
    const compact = value.replace(/\s/g, '');
    const iban = /^[A-Za-z]{2}/.test(compact) ? normalizeIban(compact) : czechAccountToIban(compact);
    if (!iban.startsWith('CZ')) throw new AccountError('iban-country');
    return { iban, accountNumber: ibanToCzechAccount(iban) };
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    throw new ConfigError(`TOWN_ACCOUNT is invalid: ${ACCOUNT_PROBLEMS[error.problem]} (got ${JSON.stringify(value)})`);
  }
}

function readConfigFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${variable} is invalid: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** TOWN_AREA's file, checked. */
function readTownArea(path: string): TownAreaFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readConfigFile('TOWN_AREA', path));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`TOWN_AREA is invalid: ${path} is not readable JSON (${(error as Error).message})`);
  }
  const area = TownAreaFileSchema.safeParse(raw);
  if (!area.success) {
    const issue = area.error.issues[0]!;
    throw new ConfigError(`TOWN_AREA is invalid: ${path}: ${issue.path.join('.') || '(the file)'}: ${issue.message}`);
  }
  return area.data;
}

/** The fields of a CSV line (`;` or `,` separated, double quotes around a field with separators). */
function csvFields(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields.map((value) => value.trim());
}

/** TOWN_ADDRESSES' file: JSON [{label, lat, lon}] or CSV label;lat;lon (a header line allowed). */
function readTownAddresses(path: string): TownPlace[] {
  const text = readConfigFile('TOWN_ADDRESSES', path).replace(/^\uFEFF/, '');
  let raw: unknown;
  if (/^\s*\[/.test(text)) {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`TOWN_ADDRESSES is invalid: ${path} is not readable JSON (${(error as Error).message})`);
    }
  } else {
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    const separator = lines[0]?.includes(';') ? ';' : ',';
    raw = lines
      .map((line) => csvFields(line, separator))
      .filter((fields, index) => !(index === 0 && Number.isNaN(Number(fields[fields.length - 1]))))
      .map((fields) => ({ label: fields.slice(0, -2).join(`${separator} `), lat: Number(fields[fields.length - 2]), lon: Number(fields[fields.length - 1]) }));
  }
  const places = z.array(TownPlaceSchema).safeParse(raw);
  if (!places.success) {
    const issue = places.error.issues[0]!;
    throw new ConfigError(`TOWN_ADDRESSES is invalid: ${path}: ${issue.path.length > 0 ? `entry ${Number(issue.path[0]) + 1}${issue.path.length > 1 ? `.${issue.path.slice(1).join('.')}` : ''}` : '(the file)'}: ${issue.message}`);
  }
  return places.data;
}

/** Reads and validates the configuration; throws ConfigError with one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = Object.fromEntries(Object.keys(EnvSchema.shape).map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const got = SECRETS.has(name) ? `${env[name]?.length ?? 0} characters` : JSON.stringify(env[name]);
    throw new ConfigError(`${name} is invalid: ${issue.message} (got ${got})`);
  }
  const config = parsed.data;

  let brokerClients: BrokerClient[] = [];
  if (config.BROKER_CLIENTS) {
    let raw: unknown;
    try {
      const text = config.BROKER_CLIENTS.startsWith('@') ? readFileSync(config.BROKER_CLIENTS.slice(1), 'utf8') : config.BROKER_CLIENTS;
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`BROKER_CLIENTS is invalid: not readable JSON (${(error as Error).message})`);
    }
    const clients = z.array(BrokerClientSchema).safeParse(raw);
    if (!clients.success) {
      const issue = clients.error.issues[0]!;
      throw new ConfigError(`BROKER_CLIENTS is invalid: ${issue.path.join('.')}: ${issue.message}`);
    }
    brokerClients = clients.data;
  }
  if (config.UPSTREAM === 'nia' && !config.NIA_CLIENT_ID) {
    throw new ConfigError('NIA_CLIENT_ID is missing: the unique URL of the town\'s SeP registered at NIA (UPSTREAM=nia)');
  }
  if (config.UPSTREAM === 'oidc' && (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID)) {
    throw new ConfigError(`${config.OIDC_ISSUER ? 'OIDC_CLIENT_ID' : 'OIDC_ISSUER'} is missing: needed with UPSTREAM=oidc`);
  }
  if (config.PAYMENT_GATEWAY === 'comgate') {
    if (!config.COMGATE_MERCHANT) throw new ConfigError('COMGATE_MERCHANT is missing: the e-shop identifier from the ComGate portal (PAYMENT_GATEWAY=comgate)');
    if (!config.COMGATE_SECRET) throw new ConfigError('COMGATE_SECRET is missing: the password for background communication from the ComGate portal (PAYMENT_GATEWAY=comgate)');
    if (!config.COMGATE_TEST) throw new ConfigError('COMGATE_TEST is missing: `true` for test payments (no money moves) or `false` for real ones (PAYMENT_GATEWAY=comgate)');
  }
  if (config.MAP_TILES && !config.MAP_TILES_ATTRIBUTION) {
    throw new ConfigError('MAP_TILES_ATTRIBUTION is missing: the attribution the tile server requires, e.g. "© OpenStreetMap contributors" (MAP_TILES is set)');
  }
  const minutesSaved = parseMinutesSaved(config.MINUTES_SAVED);
  const townArea = config.TOWN_AREA ? readTownArea(config.TOWN_AREA) : undefined;
  const townAddresses = config.TOWN_ADDRESSES ? readTownAddresses(config.TOWN_ADDRESSES) : [];
  const base = config.PUBLIC_URL.replace(/\/+$/, '');
  return {
    ...config,
    PUBLIC_URL: base,
    brokerClients,
    apiUrl: `${base}/api`,
    issuerUrl: `${base}/oidc`,
    residentLocalities: config.RESIDENT_LOCALITIES.map(parseResidentLocality),
    minutesSaved,
    ...(townArea ? { townArea } : {}),
    townAddresses,
    ...(config.TOWN_ACCOUNT ? { townAccount: townAccount(config.TOWN_ACCOUNT) } : {}),
  };
}
