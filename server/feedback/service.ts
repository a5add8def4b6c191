import { createHash, createHmac, createSecretKey, randomBytes, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FieldError } from '../../src/contract/error.js';
import type {
  Category,
  CreatedReport,
  NewReport,
  OwnReport,
  Place,
  PublicReport,
  Rating,
  RatingResponse,
  ReportEvent,
  ReportState,
  TownArea,
} from '../../src/contract/feedback.js';
import { boundingBox, distanceMetres, insidePolygon } from '../../src/feedback/geo.js';
import { todayInPrague } from '../../src/time/prague.js';
import type { StandardClaims } from '../broker/claims.js';
import { ConfigError, type Config } from '../config.js';
import { identityOf, type Identity } from '../forms/schemas.js';
import type { Citizen } from '../http/api-route.js';
import { Problem } from '../http/problem.js';
import { recordUsage } from '../office/usage.js';
import type { Database, Queryable } from '../storage/database.js';
import { sharedSecret } from '../storage/secrets.js';
import type { PhotoType } from './photos.js';
import { OfficeCategoryListSchema, type OfficeCategoryList, type OfficeReport, type OfficeReportChange, type RatingSummary } from './schemas.js';
import * as zm from 'zod/mini';

/** Reports within this distance of a place are shown before a new one is sent. */
export const NEARBY_METRES = 150;
export const MAX_PHOTOS = 3;
export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;
export const COMMENT_MAX = 1000;
export const TARGET_MAX = 200;
/** A rating's comment may follow its click within this time. */
export const RATING_EDIT_MS = 60 * 60 * 1000;
/** Unclaimed photos are deleted after this time. */
const PHOTO_TTL_MS = 24 * 60 * 60 * 1000;
const OPEN_STATES: readonly ReportState[] = ['received', 'in-progress'];

const iso = (value: Date | string) => new Date(value).toISOString();
const length = (text: string) => [...text].length;

/** Who asks about a report: a signed-in citizen, a browser with its follow token, or both or neither. */
export interface Reporter {
  citizen?: Citizen;
  followToken?: string;
}

type ReportRow = {
  id: string;
  reference: string;
  category: string;
  description: string;
  lat: number;
  lon: number;
  address: string | null;
  state: ReportState;
  subject: string | null;
  identity: Identity | null;
  contact: { name?: string; email?: string; phone?: string } | null;
  reply: string | null;
  awaiting_confirmation: boolean;
  request_hash: string;
  created_at: Date;
  updated_at: Date;
  photos: string[] | null;
  supporters: number;
};

type EventRow = { report_id: string; at: Date; state: ReportState | null; reply: string | null; comment: string | null; confirmed: boolean | null; actor: ReportEvent['by'] };

const REPORT_COLUMNS = `r.id, r.reference, r.category, r.description, r.lat, r.lon, r.address, r.state, r.subject, r.identity, r.contact, r.reply,
  r.awaiting_confirmation, r.request_hash, r.created_at, r.updated_at,
  array(select p.id from report_photos p where p.report_id = r.id order by p.position) as photos,
  (select count(*) from report_supporters s where s.report_id = r.id)::int as supporters`;

/** Text compared for the address search: lower case, without diacritics. */
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Thrown inside the report's transaction when a request with the same key stored its report first. */
class KeyTaken extends Error {}

/** REPORT_CATEGORIES' file, checked (a ConfigError of one line naming the file otherwise). */
export function readCategoriesFile(path: string): OfficeCategoryList {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`REPORT_CATEGORIES is invalid: ${path} is not a readable JSON file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const parsed = zm.safeParse(OfficeCategoryListSchema, raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`REPORT_CATEGORIES is invalid: ${path}: ${issue.path.join('.') || '(the file)'}: ${issue.message}`);
  }
  const problem = duplicateCode(parsed.data);
  if (problem) throw new ConfigError(`REPORT_CATEGORIES is invalid: ${path}: ${problem}`);
  return parsed.data;
}

/** The first code used twice in a list of categories, in words; undefined when every code is once. */
export function duplicateCode(list: OfficeCategoryList): string | undefined {
  const seen = new Set<string>();
  for (const category of list.categories) {
    if (seen.has(category.code)) return `the category "${category.code}" is there twice`;
    seen.add(category.code);
  }
  return undefined;
}

/** Stores the whole list of categories in place of the one before, in one transaction. */
export async function storeCategories(db: Database | Queryable, list: OfficeCategoryList): Promise<void> {
  const store = async (tx: Queryable) => {
    await tx.query('delete from report_categories');
    if (list.categories.length === 0) return;
    await tx.query(
      `insert into report_categories (code, position, category)
       select c.code, c.position, c.category from jsonb_to_recordset($1::jsonb) as c(code text, position int, category jsonb)`,
      [JSON.stringify(list.categories.map((category, position) => ({ code: category.code, position, category })))],
    );
  };
  if ('transaction' in db) await db.transaction(store);
  else await store(db);
}

/**
 * REPORT_CATEGORIES at start-up: read, checked, and stored in place of the
 * list before, when the file changed since it was last stored. An unchanged
 * file leaves the list as it is, so the office's changes through its API
 * survive a restart; a changed file wins over them.
 */
export async function loadReportCategories(db: Database, path: string): Promise<void> {
  const list = readCategoriesFile(path);
  const digest = createHash('sha256').update(JSON.stringify(list)).digest('base64url');
  const [stored] = await db.query<{ value: string }>("select value from secrets where name = 'report-categories.file-sha256'");
  if (stored?.value === digest) return;
  await storeCategories(db, list);
  await db.query(
    "insert into secrets (name, value) values ('report-categories.file-sha256', $1) on conflict (name) do update set value = excluded.value",
    [JSON.stringify(digest)],
  );
}

/**
 * `2026-11-21T20:20:06+01:00`: a moment in Prague's time with its offset
 * (Open311 wants the offset written out).
 */
export function pragueIso(value: Date | string): string {
  const moment = new Date(value);
  const local = new Date(moment.toLocaleString('en-US', { timeZone: 'Europe/Prague' }));
  const utc = new Date(moment.toLocaleString('en-US', { timeZone: 'UTC' }));
  const offset = Math.round((local.getTime() - utc.getTime()) / 60_000);
  const shifted = new Date(moment.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${shifted}${sign}${hours}:${minutes}`;
}

export interface FeedbackServiceOptions {
  db: Database;
  config: Config;
}

/**
 * Satisfaction ratings and problem reports: the rating click and its
 * comment, the town's area and addresses, photos, reports with reference
 * numbers, nearby open reports and support, the reporter's view and answer,
 * and the office's handling and summaries.
 */
export function feedbackService({ db, config }: FeedbackServiceOptions) {
  let secret: Promise<KeyObject> | undefined;
  /** The key of follow tokens, edit tokens and supporters, made once and shared by every instance. */
  function tokenSecret(): Promise<KeyObject> {
    secret ??= sharedSecret(db, 'feedback.token-key', () => randomBytes(32).toString('base64url')).then(
      (value) => createSecretKey(Buffer.from(value, 'base64url')),
      (error: unknown) => {
        secret = undefined;
        throw error;
      },
    );
    return secret;
  }
  const mac = async (text: string) => createHmac('sha256', await tokenSecret()).update(text).digest('base64url');
  /** A token bound to one thing (`follow:<report>`, `rating:<id>`): nothing to store, nothing to leak from the database. */
  const tokenFor = (purpose: string, id: string) => mac(`${purpose}:${id}`);
  async function tokenMatches(purpose: string, id: string, token: string | undefined): Promise<boolean> {
    if (!token) return false;
    const expected = Buffer.from(await tokenFor(purpose, id));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  const photoUrl = (id: string) => `${config.apiUrl}/report-photos/${encodeURIComponent(id)}`;

  function toPublic(row: ReportRow): PublicReport {
    return {
      id: row.id,
      reference: row.reference,
      category: row.category,
      description: row.description,
      location: { lat: row.lat, lon: row.lon, ...(row.address !== null ? { address: row.address } : {}) },
      state: row.state,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      photos: (row.photos ?? []).map(photoUrl),
      supporters: row.supporters,
      anonymous: row.subject === null && row.contact === null,
    };
  }

  function toEvent(row: EventRow): ReportEvent & { comment?: string } {
    return {
      at: iso(row.at),
      ...(row.state !== null ? { state: row.state } : {}),
      ...(row.reply !== null ? { reply: row.reply } : {}),
      by: row.actor,
      ...(row.confirmed !== null ? { confirmed: row.confirmed } : {}),
      ...(row.comment !== null ? { comment: row.comment } : {}),
    };
  }

  async function eventsOf(ids: readonly string[], on: Queryable = db): Promise<Map<string, EventRow[]>> {
    const byReport = new Map<string, EventRow[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byReport;
    const rows = await on.query<EventRow>('select report_id, at, state, reply, comment, confirmed, actor from report_events where report_id = any($1::text[]) order by seq', [ids]);
    for (const row of rows) byReport.get(row.report_id)?.push(row);
    return byReport;
  }

  async function toOwn(rows: readonly ReportRow[], on: Queryable = db): Promise<OwnReport[]> {
    const events = await eventsOf(rows.map((row) => row.id), on);
    return rows.map((row) => ({
      ...toPublic(row),
      history: events.get(row.id)!.map(toEvent),
      awaitingConfirmation: row.awaiting_confirmation,
    }));
  }

  async function toOffice(rows: readonly ReportRow[]): Promise<OfficeReport[]> {
    const events = await eventsOf(rows.map((row) => row.id));
    const departments = new Map((await categories()).map((category) => [category.code, category.department]));
    return rows.map((row) => ({
      ...toPublic(row),
      ...(departments.has(row.category) ? { department: departments.get(row.category)! } : {}),
      ...(row.contact ? { contact: row.contact } : {}),
      signedIn: row.subject !== null,
      ...(row.identity ? { identity: row.identity } : {}),
      ...(row.reply !== null ? { reply: row.reply } : {}),
      awaitingConfirmation: row.awaiting_confirmation,
      history: events.get(row.id)!.map(toEvent),
    }));
  }

  async function reportRow(id: string, on: Queryable = db, lock = false): Promise<ReportRow | undefined> {
    if (!/^[\x21-\x7e]{1,200}$/.test(id)) return undefined;
    const [row] = await on.query<ReportRow>(`select ${REPORT_COLUMNS} from reports r where r.id = $1${lock ? ' for update' : ''}`, [id]);
    return row;
  }

  /** The report when the caller is its reporter (their bearer token or the report's follow token); 404 for anyone else. */
  async function reportOf(id: string, who: Reporter, on: Queryable = db, lock = false): Promise<ReportRow> {
    const row = await reportRow(id, on, lock);
    const reporter = row && ((row.subject !== null && row.subject === who.citizen?.subject) || (await tokenMatches('follow', row.id, who.followToken)));
    if (!row || !reporter) throw new Problem(404, 'not_found', 'No such report of yours (sign in as its reporter, or send its X-Follow-Token)');
    return row;
  }

  async function categories(): Promise<Category[]> {
    const rows = await db.query<{ category: Category }>('select category from report_categories order by position');
    return rows.map((row) => row.category);
  }

  function townArea(): NonNullable<Config['townArea']> {
    if (!config.townArea) throw new Problem(503, 'town_not_configured', 'Problem reports are off: TOWN_AREA is not set');
    return config.townArea;
  }

  function assertInside(point: { lat: number; lon: number }, path: string): void {
    if (!Number.isFinite(point.lat) || !Number.isFinite(point.lon) || !insidePolygon(point, townArea().boundary)) {
      throw new Problem(422, 'outside_town', 'The place is outside the town; the town takes reports of its own area only', [
        { path, code: 'outside_town', message: 'Outside the town’s boundary' },
      ]);
    }
  }

  /** The report's fields checked: 422 `invalid_report` with every problem. */
  function checkReport(body: NewReport): { description: string; address?: string; contact?: { name?: string; email?: string; phone?: string } } {
    const fields: FieldError[] = [];
    const description = body.description.trim();
    if (length(description) < DESCRIPTION_MIN) fields.push({ path: 'description', code: 'too_short', message: `At least ${DESCRIPTION_MIN} characters` });
    if (length(description) > DESCRIPTION_MAX) fields.push({ path: 'description', code: 'too_long', message: `At most ${DESCRIPTION_MAX} characters` });
    const address = body.location.address?.trim();
    if (address !== undefined && length(address) > 300) fields.push({ path: 'location.address', code: 'too_long', message: 'At most 300 characters' });
    if (body.photos.length > MAX_PHOTOS) fields.push({ path: 'photos', code: 'too_many', message: `At most ${MAX_PHOTOS} photos` });
    if (new Set(body.photos).size !== body.photos.length) fields.push({ path: 'photos', code: 'duplicate', message: 'A photo is there twice' });
    const contact = Object.fromEntries(
      Object.entries(body.contact ?? {})
        .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value])
        .filter(([, value]) => typeof value === 'string' && value !== ''),
    ) as { name?: string; email?: string; phone?: string };
    if (contact.name !== undefined && length(contact.name) > 200) fields.push({ path: 'contact.name', code: 'too_long', message: 'At most 200 characters' });
    if (contact.email !== undefined && (length(contact.email) > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.email))) {
      fields.push({ path: 'contact.email', code: 'invalid_email', message: 'An e-mail address such as jana@example.cz' });
    }
    if (contact.phone !== undefined && !/^\+?[\d ()-]{6,30}$/.test(contact.phone)) fields.push({ path: 'contact.phone', code: 'invalid_phone', message: 'A phone number such as +420 601 234 567' });
    if (fields.length > 0) throw new Problem(422, 'invalid_report', `${fields.length} problem${fields.length === 1 ? '' : 's'} in the report`, fields);
    return { description, ...(address ? { address } : {}), ...(Object.keys(contact).length > 0 ? { contact } : {}) };
  }

  /** What an Idempotency-Key of a report is bound to: what was sent, by whom. */
  function reportHash(body: NewReport, subject: string | undefined): string {
    const { website: _website, ...rest } = body;
    return createHash('sha256').update(JSON.stringify([subject ?? null, rest])).digest('base64url');
  }

  async function replay(key: string, hash: string): Promise<CreatedReport & { replayed: true }> {
    const [row] = await db.query<ReportRow>(`select ${REPORT_COLUMNS} from reports r where r.idempotency_key = $1`, [key]);
    if (!row) throw new Problem(409, 'conflict', 'The report with this Idempotency-Key is being stored; try again');
    if (row.request_hash !== hash) throw new Problem(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another report; use a new key for a new report');
    const [report] = await toOwn([row]);
    return { report: report!, followToken: await tokenFor('follow', row.id), replayed: true };
  }

  let uploads = 0;

  return {
    // ------------------------------------------------------------ ratings

    /** Stores a click (and maybe its comment); the edit token lets the same browser add the comment within the hour. */
    async rate(body: Rating): Promise<RatingResponse> {
      const target = body.target.trim();
      const fields: FieldError[] = [];
      if (target === '' || length(target) > TARGET_MAX) fields.push({ path: 'target', code: target === '' ? 'required' : 'too_long', message: `1–${TARGET_MAX} characters` });
      const comment = body.comment?.trim();
      if (comment !== undefined && length(comment) > COMMENT_MAX) fields.push({ path: 'comment', code: 'too_long', message: `At most ${COMMENT_MAX} characters` });
      if (fields.length > 0) throw new Problem(422, 'invalid_rating', 'The rating was refused', fields);
      const id = randomUUID();
      const at = new Date().toISOString();
      await db.query('insert into ratings (id, target, helpful, comment, created_at, commented_at) values ($1, $2, $3, $4, $5, $6)', [
        id,
        target,
        body.helpful,
        comment || null,
        at,
        comment ? at : null,
      ]);
      await recordUsage(db, 'rating', { at });
      return { id, editToken: await tokenFor('rating', id) };
    },

    /** A token that looks like a real one, for the honeypot's fake success. */
    async fakeRating(): Promise<RatingResponse> {
      return { id: randomUUID(), editToken: randomBytes(32).toString('base64url').slice(0, 43) };
    },

    /** Adds (or replaces) the comment of a rating within the hour of its click, with its edit token. */
    async commentRating(id: string, token: string | undefined, text: string): Promise<RatingResponse> {
      const comment = text.trim();
      if (length(comment) > COMMENT_MAX) {
        throw new Problem(422, 'invalid_rating', 'The comment is too long', [{ path: 'comment', code: 'too_long', message: `At most ${COMMENT_MAX} characters` }]);
      }
      if (!/^[\x21-\x7e]{1,200}$/.test(id) || !(await tokenMatches('rating', id, token))) throw new Problem(404, 'not_found', 'No such rating (or the X-Edit-Token is not its own)');
      const [row] = await db.query<{ created_at: Date }>('select created_at from ratings where id = $1', [id]);
      if (!row) throw new Problem(404, 'not_found', 'No such rating (or the X-Edit-Token is not its own)');
      if (Date.now() - new Date(row.created_at).getTime() > RATING_EDIT_MS) throw new Problem(409, 'edit_window_closed', 'A comment may be added within an hour of the rating');
      await db.query('update ratings set comment = $2, commented_at = $3 where id = $1', [id, comment || null, new Date().toISOString()]);
      return { id, editToken: token! };
    },

    /** Per target, the clicks and the comments between two moments (both optional), most rated first. */
    async ratingSummary(from?: Date, to?: Date): Promise<RatingSummary> {
      const rows = await db.query<{ target: string; helpful: boolean; comment: string | null; created_at: Date }>(
        `select target, helpful, comment, created_at from ratings
         where ($1::timestamptz is null or created_at >= $1) and ($2::timestamptz is null or created_at < $2)
         order by created_at`,
        [from?.toISOString() ?? null, to?.toISOString() ?? null],
      );
      const targets = new Map<string, RatingSummary['targets'][number]>();
      for (const row of rows) {
        const entry = targets.get(row.target) ?? { target: row.target, yes: 0, no: 0, comments: [] };
        targets.set(row.target, entry);
        if (row.helpful) entry.yes++;
        else entry.no++;
        if (row.comment !== null) entry.comments.push({ at: iso(row.created_at), helpful: row.helpful, comment: row.comment });
      }
      return {
        ...(from ? { from: from.toISOString() } : {}),
        ...(to ? { to: to.toISOString() } : {}),
        targets: [...targets.values()].sort((a, b) => b.yes + b.no - (a.yes + a.no) || a.target.localeCompare(b.target)),
      };
    },

    // ------------------------------------------------------------ the town

    town(): TownArea {
      const area = townArea();
      return {
        name: area.name,
        boundary: area.boundary.map(([lat, lon]) => [lat, lon]),
        center: area.center,
        zoom: area.zoom,
        ...(config.MAP_TILES ? { tiles: { url: config.MAP_TILES, attribution: config.MAP_TILES_ATTRIBUTION ?? '', maxZoom: 19 } } : {}),
      };
    },

    /** At most 10 addresses containing the text (case and diacritics aside), those starting with it first. */
    places(query: string): Place[] {
      const wanted = folded(query);
      if (wanted === '') return [];
      const found: { place: Place; rank: number }[] = [];
      for (const place of config.townAddresses) {
        const label = folded(place.label);
        const at = label.indexOf(wanted);
        if (at < 0) continue;
        found.push({ place: { label: place.label, lat: place.lat, lon: place.lon }, rank: at === 0 ? 0 : label[at - 1] === ' ' ? 1 : 2 });
      }
      return found
        .sort((a, b) => a.rank - b.rank || a.place.label.localeCompare(b.place.label, 'cs', { numeric: true }))
        .slice(0, 10)
        .map((entry) => entry.place);
    },

    /** The address of the town exactly as written (case and diacritics aside), for Open311's address_string. */
    placeNamed(address: string): Place | undefined {
      const wanted = folded(address);
      return config.townAddresses.find((place) => folded(place.label) === wanted);
    },

    categories,

    async replaceCategories(list: OfficeCategoryList): Promise<Category[]> {
      const problem = duplicateCode(list);
      if (problem) throw new Problem(422, 'invalid_categories', problem, [{ path: 'categories', code: 'duplicate', message: problem }]);
      await storeCategories(db, list);
      return categories();
    },

    // ------------------------------------------------------------ photos

    /** Stores a photo (already stripped of its metadata); unclaimed photos of over a day are swept now and then. */
    async storePhoto(type: PhotoType, bytes: Uint8Array, subject: string | undefined): Promise<{ id: string; type: string; size: number }> {
      const id = randomBytes(24).toString('base64url');
      await db.query('insert into report_photos (id, media_type, size, bytes, subject) values ($1, $2, $3, $4, $5)', [id, type, bytes.length, Buffer.from(bytes), subject ?? null]);
      if (++uploads % 50 === 1) {
        void db.query('delete from report_photos where report_id is null and created_at < $1', [new Date(Date.now() - PHOTO_TTL_MS).toISOString()]).catch(() => undefined);
      }
      return { id, type, size: bytes.length };
    },

    /** A photo of a report (never one not sent with a report). */
    async photo(id: string): Promise<{ type: string; bytes: Buffer }> {
      const [row] = /^[\w-]{1,100}$/.test(id)
        ? await db.query<{ media_type: string; bytes: Uint8Array }>('select media_type, bytes from report_photos where id = $1 and report_id is not null', [id])
        : [];
      if (!row) throw new Problem(404, 'not_found', 'No such photo');
      return { type: row.media_type, bytes: Buffer.from(row.bytes) };
    },

    // ------------------------------------------------------------ reports

    /**
     * Stores a report with its reference number, its photos claimed and its
     * first history event, all in one transaction. The same key and report
     * again answer the same report; another report with the key is 422.
     */
    async createReport(body: NewReport, citizen: Citizen | undefined, key: string): Promise<CreatedReport & { replayed: boolean }> {
      const hash = reportHash(body, citizen?.subject);
      const [earlier] = await db.query<{ id: string }>('select id from reports where idempotency_key = $1', [key]);
      if (earlier) return replay(key, hash);
      const checked = checkReport(body);
      const known = new Set((await categories()).map((category) => category.code));
      if (!known.has(body.category)) throw new Problem(422, 'unknown_category', 'No such category of reports', [{ path: 'category', code: 'unknown_category', message: 'Not one of /report-categories' }]);
      assertInside(body.location, 'location');
      let identity: Identity | null = null;
      if (citizen) {
        const [count] = await db.query<{ n: number }>('select count(*)::int as n from reports where subject = $1 and created_at > $2', [
          citizen.subject,
          new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString(),
        ]);
        if (count!.n >= config.REPORTS_PER_DAY) throw new Problem(429, 'rate_limited', `At most ${config.REPORTS_PER_DAY} reports a day; try again tomorrow`, undefined, { 'Retry-After': '3600' });
        const [account] = await db.query<{ claims: StandardClaims }>('select claims from accounts where subject = $1', [citizen.subject]);
        identity = identityOf(citizen, account?.claims);
      }
      const at = new Date();
      const year = Number(todayInPrague(at).slice(0, 4));
      try {
        const id = await db.transaction(async (tx) => {
          const [counter] = await tx.query<{ last_number: number }>(
            `insert into report_counters (year, last_number) values ($1, 1)
             on conflict (year) do update set last_number = report_counters.last_number + 1 returning last_number`,
            [year],
          );
          const reference = `${year}/${String(counter!.last_number).padStart(6, '0')}`;
          const id = randomUUID();
          const inserted = await tx.query(
            `insert into reports (id, reference, category, description, lat, lon, address, subject, identity, contact, idempotency_key, request_hash, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
             on conflict (idempotency_key) do nothing returning id`,
            [
              id,
              reference,
              body.category,
              checked.description,
              body.location.lat,
              body.location.lon,
              checked.address ?? null,
              citizen?.subject ?? null,
              identity && JSON.stringify(identity),
              checked.contact ? JSON.stringify(checked.contact) : null,
              key,
              hash,
              at.toISOString(),
            ],
          );
          if (inserted.length === 0) throw new KeyTaken();
          if (body.photos.length > 0) {
            // under the photos' row locks: a photo another report took meanwhile is refused, not shared
            const free = await tx.query<{ id: string; subject: string | null }>(
              'select id, subject from report_photos where id = any($1::text[]) and report_id is null order by id for update',
              [body.photos],
            );
            const usable = new Set(free.filter((photo) => photo.subject === null || photo.subject === citizen?.subject).map((photo) => photo.id));
            const refused = body.photos.map((photo, index) => ({ photo, index })).filter(({ photo }) => !usable.has(photo));
            if (refused.length > 0) {
              throw new Problem(
                422,
                'invalid_report',
                'A photo is unknown (or another citizen’s, or sent with a report already); upload it again',
                refused.map(({ index }) => ({ path: `photos.${index}`, code: 'photo_unknown', message: 'Upload the photo again' })),
              );
            }
            await tx.query(
              `update report_photos p set report_id = $1, position = c.position
               from unnest($2::text[]) with ordinality as c(id, position) where p.id = c.id`,
              [id, body.photos],
            );
          }
          await tx.query("insert into report_events (report_id, at, state, actor) values ($1, $2, 'received', 'system')", [id, at.toISOString()]);
          await recordUsage(tx, 'report', { at });
          return id;
        });
        const [report] = await toOwn([(await reportRow(id))!]);
        return { report: report!, followToken: await tokenFor('follow', id), replayed: false };
      } catch (error) {
        if (!(error instanceof KeyTaken)) throw error;
        return replay(key, hash);
      }
    },

    /** A believable answer for the honeypot: a report that was never stored. */
    fakeReport(body: NewReport): CreatedReport {
      const at = new Date().toISOString();
      return {
        report: {
          id: randomUUID(),
          reference: `${todayInPrague().slice(0, 4)}/${String(randomBytes(3).readUIntBE(0, 3) % 1_000_000).padStart(6, '0')}`,
          category: body.category,
          description: body.description,
          location: body.location,
          state: 'received',
          createdAt: at,
          updatedAt: at,
          photos: [],
          supporters: 0,
          anonymous: !body.contact,
          history: [{ at, state: 'received', by: 'system' }],
          awaitingConfirmation: false,
        },
        followToken: randomBytes(32).toString('base64url').slice(0, 43),
      };
    },

    /** Open reports within 150 m, the same category first, then nearest first; at most 5. */
    async nearby(point: { lat: number; lon: number }, category: string | undefined): Promise<(PublicReport & { distance: number })[]> {
      const box = boundingBox(point, NEARBY_METRES);
      const rows = await db.query<ReportRow>(
        `select ${REPORT_COLUMNS} from reports r
         where r.state = any($5::text[]) and r.lat between $1 and $2 and r.lon between $3 and $4`,
        [box.minLat, box.maxLat, box.minLon, box.maxLon, OPEN_STATES],
      );
      return rows
        .map((row) => ({ row, distance: distanceMetres(point, row) }))
        .filter(({ distance }) => distance <= NEARBY_METRES)
        .sort((a, b) => Number(b.row.category === category) - Number(a.row.category === category) || a.distance - b.distance)
        .slice(0, 5)
        .map(({ row, distance }) => ({ ...toPublic(row), distance: Math.round(distance) }));
    },

    /** "I see it too": once per supporter (an identity or a browser); the count after. 409 for a report no longer open. */
    async support(id: string, supporter: { kind: 'citizen' | 'browser'; who: string }): Promise<number> {
      const row = await reportRow(id);
      if (!row) throw new Problem(404, 'not_found', 'No such report');
      if (!OPEN_STATES.includes(row.state)) throw new Problem(409, 'report_closed', 'The report is solved or rejected; report the problem anew if it is back');
      const key = await mac(`support:${id}:${supporter.kind}:${supporter.who}`);
      await db.query('insert into report_supporters (report_id, supporter, created_at) values ($1, $2, $3) on conflict do nothing', [id, key, new Date().toISOString()]);
      const [count] = await db.query<{ n: number }>('select count(*)::int as n from report_supporters where report_id = $1', [id]);
      return count!.n;
    },

    /** The signed-in citizen's reports, newest first. */
    async mine(subject: string): Promise<OwnReport[]> {
      const rows = await db.query<ReportRow>(`select ${REPORT_COLUMNS} from reports r where r.subject = $1 order by r.created_at desc, r.reference desc`, [subject]);
      return toOwn(rows);
    },

    /** One report for its reporter (404 for anyone else). */
    async own(id: string, who: Reporter): Promise<OwnReport> {
      const [report] = await toOwn([await reportOf(id, who)]);
      return report!;
    },

    /** The reporter's answer to "is it really fixed?": closes the question, or reopens the report with their comment. */
    async confirm(id: string, who: Reporter, answer: { fixed: boolean; comment?: string }): Promise<OwnReport> {
      const comment = answer.comment?.trim();
      if (comment !== undefined && length(comment) > COMMENT_MAX) {
        throw new Problem(422, 'invalid_confirmation', 'The comment is too long', [{ path: 'comment', code: 'too_long', message: `At most ${COMMENT_MAX} characters` }]);
      }
      return db.transaction(async (tx) => {
        const row = await reportOf(id, who, tx, true);
        if (!row.awaiting_confirmation) throw new Problem(409, 'not_awaiting_confirmation', 'The report does not wait for your confirmation');
        const at = new Date().toISOString();
        if (answer.fixed) {
          await tx.query('update reports set awaiting_confirmation = false, updated_at = $2 where id = $1', [id, at]);
          await tx.query("insert into report_events (report_id, at, confirmed, comment, actor) values ($1, $2, true, $3, 'reporter')", [id, at, comment || null]);
        } else {
          await tx.query("update reports set awaiting_confirmation = false, state = 'received', updated_at = $2 where id = $1", [id, at]);
          await tx.query("insert into report_events (report_id, at, state, confirmed, comment, actor) values ($1, $2, 'received', false, $3, 'reporter')", [
            id,
            at,
            comment || null,
          ]);
        }
        const [report] = await toOwn([(await reportRow(id, tx))!], tx);
        return report!;
      });
    },

    // ------------------------------------------------------------ the office

    async officeReports(filter: { state?: ReportState; category?: string }): Promise<OfficeReport[]> {
      const rows = await db.query<ReportRow>(
        `select ${REPORT_COLUMNS} from reports r where ($1::text is null or r.state = $1) and ($2::text is null or r.category = $2)
         order by r.created_at desc, r.reference desc limit 5000`,
        [filter.state ?? null, filter.category ?? null],
      );
      return toOffice(rows);
    },

    async officeReport(id: string): Promise<OfficeReport> {
      const row = await reportRow(id);
      if (!row) throw new Problem(404, 'not_found', 'No such report');
      return (await toOffice([row]))[0]!;
    },

    /** A new state, a reply, or both: one history event. `solved` asks the reporter to confirm; any other state stops asking. */
    async changeReport(id: string, change: OfficeReportChange): Promise<OfficeReport> {
      const reply = change.reply?.trim();
      if (change.state === undefined && !reply) {
        throw new Problem(422, 'invalid_change', 'Send a new state, a reply, or both', [{ path: 'state', code: 'required', message: 'A state or a reply' }]);
      }
      await db.transaction(async (tx) => {
        const row = await reportRow(id, tx, true);
        if (!row) throw new Problem(404, 'not_found', 'No such report');
        const at = new Date().toISOString();
        const state = change.state ?? row.state;
        const awaiting = change.state === undefined ? row.awaiting_confirmation : change.state === 'solved';
        await tx.query('update reports set state = $2, reply = coalesce($3, reply), awaiting_confirmation = $4, updated_at = $5 where id = $1', [
          id,
          state,
          reply || null,
          awaiting,
          at,
        ]);
        await tx.query("insert into report_events (report_id, at, state, reply, actor) values ($1, $2, $3, $4, 'office')", [id, at, change.state ?? null, reply || null]);
      });
      const row = await reportRow(id);
      return (await toOffice([row!]))[0]!;
    },

    // ------------------------------------------------------------ Open311

    /** Reports for Open311: by ids, or by category, time and whether open; newest first, at most 1000. */
    async open311Rows(filter: { ids?: string[]; category?: string; from?: Date; to?: Date; states?: readonly ReportState[] }): Promise<(PublicReport & { reply?: string })[]> {
      const rows = filter.ids
        ? await db.query<ReportRow>(`select ${REPORT_COLUMNS} from reports r where r.id = any($1::text[]) order by r.created_at desc`, [filter.ids])
        : await db.query<ReportRow>(
            `select ${REPORT_COLUMNS} from reports r
             where ($1::text is null or r.category = $1) and r.created_at >= $2 and ($3::timestamptz is null or r.created_at <= $3)
               and ($4::text[] is null or r.state = any($4::text[]))
             order by r.created_at desc limit 1000`,
            [
              filter.category ?? null,
              (filter.from ?? new Date(Date.now() - 90 * 24 * 60 * 60 * 1000)).toISOString(),
              filter.to?.toISOString() ?? null,
              filter.states ?? null,
            ],
          );
      return rows.map((row) => ({ ...toPublic(row), ...(row.reply !== null ? { reply: row.reply } : {}) }));
    },
  };
}

export type FeedbackService = ReturnType<typeof feedbackService>;
