/**
 * The yardstick for the HTTP benchmarks: a bare Fastify 5 + `pg` server that does the work
 * Hearth does for the benchmarked routes, the fastest honest way. No Nest, no TypeORM, no
 * class-validator; the same SQL (./queries.ts, each statement named after the Hearth
 * repository method it copies), in the same order where it matters, concurrently where
 * Hearth runs reads with Promise.all, inside one transaction where Hearth uses one; the
 * same JSON and status codes (types from @hearth/contracts); the same errors as
 * application/problem+json (libs/platform/src/problem.filter.ts).
 *
 *   GET  /api/v1/me                     UsersService.me + HeldCredentialsReader.of
 *   GET  /api/v1/courses/:course        CoursesService.outline (a token is optional, as in Hearth)
 *   GET  /api/v1/items/:id              LearningService.read
 *   GET  /api/v1/items/:id/replies      ThreadsService.answers (keyset; Hearth's cursors, post-first)
 *   POST /api/v1/items/:id/replies      ThreadsService.post, with Idempotency-Key
 *
 * Per request, as Hearth: an `Authorization: Bearer` HS256 JWT verified with jsonwebtoken
 * (issuer `hearth`, audience `hearth-api`; libs/identity/src/jwt.strategy.ts and
 * auth.guard.ts, with their three 401s), a request id (`X-Request-Id`), the input checked as
 * Hearth's DTOs check it (same field errors; ordering follows class-validator's), and for a
 * post the reply rendered and sanitised by Hearth's own renderMarkdown.
 *
 * A post writes what Hearth's transaction writes: the thread row if missing, the reply, the
 * thread's or parent's count, the `discussion.answered` progress (item_progress with the
 * answer's excerpt, then the enrollment re-checked under its lock and its standing saved),
 * the completion with its evidence when this post completes the course, and, inside the
 * savepoint Hearth's followers run in, the notifications (a reply to an answer, an
 * @mention, an answer for the mentors) and their outbox messages. Left out: what `course.completed`
 * sets off in Hearth (a signed badge, role grants or requests), which no benchmark post
 * should reach; Hearth's per-request log line; the rate limits (Hearth applies them only
 * to sign-in routes). The requirement check computes only what Hearth stores (each
 * requirement met or not), not the wording Hearth builds and throws away there.
 *
 * The pool holds 10 connections, as Hearth's does.
 *
 * Run directly: DATABASE_URL=… HEARTH_JWT_SECRET=… [PORT=0] node server.js
 */
import { createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import type {
  AnswerSnapshot,
  CompletionEvidence,
  CompletionRequirement,
  CourseOutline,
  CourseRole,
  CourseSummary,
  FieldError,
  ItemState,
  ItemType,
  ItemView,
  Me,
  OutlineModule,
  Page,
  Problem,
  ReactionKind,
  ReplyView,
  ReviewSnapshot,
  ShowAnswers,
  UserSummary,
} from '@hearth/contracts';
import { INSERT_NOTIFICATION_SQL } from '@hearth/notifications/bare';
import { countRenderedWords, markdownExcerpt, mentionedUsernames, renderMarkdown } from '@hearth/platform/bare';
import { inTransaction, runAsProcess } from './process';
import * as sql from './queries';

export interface ReferenceServerOptions {
  databaseUrl: string;
  jwtSecret: string;
  port?: number;
  host?: string;
}

export interface ReferenceServer {
  url: string;
  close(): Promise<void>;
}

const BODY_LIMIT_BYTES = 1024 * 1024;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const MAX_REPLY = 20_000;
const REPLY_SORTS = ['oldest', 'newest', 'top'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** As SessionGate keeps a live answer (libs/identity/src/session-gate.ts). */
const SESSION_CHECK_CACHE_MS = 5_000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,200}$/;
const INCOMING_REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export async function startReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: 10, application_name: 'hearth-reference' });
  // As a KeyObject, as Hearth keeps it (AccessTokens.verificationKey): jsonwebtoken then
  // skips trying a string secret as a public key first.
  const secret = createSecretKey(Buffer.from(options.jwtSecret, 'utf8'));
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, genReqId: requestIdFor });

  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  app.setErrorHandler((error, request, reply) => {
    const { status, problem, headers } = toProblem(error, request);
    if (status >= 500) console.error('reference: request failed', request.url, error);
    void reply.status(status).headers(headers).header('content-type', 'application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request) => {
    throw new HttpProblem(404, 'not-found', `Cannot ${request.method} ${request.url.split('?')[0]}`);
  });

  // JwtStrategy: a valid token, then SessionGate: its sign-in still going.
  const gate = new SessionGate(pool);
  const signedIn = async (request: FastifyRequest, options: { optional?: boolean } = {}): Promise<Caller | null> => {
    const caller = options.optional ? authenticate(request, secret, { optional: true }) : authenticate(request, secret);
    if (caller && !(await gate.isLive(caller.sessionId))) throw new HttpProblem(401, 'session-ended', 'This sign-in has ended. Sign in again.');
    return caller;
  };
  const caller = async (request: FastifyRequest): Promise<Caller> => (await signedIn(request))!;

  app.get('/api/v1/me', async (request) => me(pool, await caller(request)));
  app.get<{ Params: { course: string } }>('/api/v1/courses/:course', async (request) => outline(pool, await signedIn(request, { optional: true }), request.params.course));
  app.get<{ Params: { id: string } }>('/api/v1/items/:id', async (request) => readItem(pool, await caller(request), uuidParam(request.params.id)));
  app.get<{ Params: { id: string } }>('/api/v1/items/:id/replies', async (request) => {
    const me = await caller(request);
    const itemId = uuidParam(request.params.id);
    return answers(pool, me, itemId, repliesQuery(request.query));
  });
  app.post<{ Params: { id: string } }>('/api/v1/items/:id/replies', async (request, reply) => {
    const poster = await caller(request);
    const itemId = uuidParam(request.params.id);
    const input = replyInput(request.body);
    const key = request.headers['idempotency-key'];
    const view = await postReply(pool, poster, itemId, input, typeof key === 'string' ? key : undefined);
    void reply.status(201);
    return view;
  });

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}

// ---------------------------------------------------------------------------------------
// Errors, as Hearth's problem filter writes them

/** A DomainError of Hearth's: its status (from its kind), code and message. */
class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const invalid = (errors: FieldError[], message = 'The request has invalid fields.') => new HttpProblem(400, 'validation', message, errors);
const itemNotFound = () => new HttpProblem(404, 'item-not-found', 'There is no such item, or it is not published.');
const courseNotFound = () => new HttpProblem(404, 'course-not-found', 'There is no such course, or it is not published.');
const replyNotFound = () => new HttpProblem(404, 'reply-not-found', 'There is no such reply, or you may not see it.');
const postFirst = () =>
  new HttpProblem(403, 'post-first', 'Post your own answer first: the others’ answers open once you have shared yours.');

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'rate-limited',
};
const INVALID_INPUT_CODES = new Set(['22P02', '22021', '22007', '22008', '22003']);

function toProblem(error: unknown, request: FastifyRequest): { status: number; problem: Problem; headers: Record<string, string> } {
  let status = 500;
  let code = 'internal';
  let detail = 'Something went wrong on our side. The error was logged; quote the request id if you report it.';
  let errors: FieldError[] | undefined;
  let headers: Record<string, string> = {};
  const databaseCode = (error as { code?: unknown } | null)?.code;
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (error instanceof HttpProblem) {
    ({ status, code } = error);
    detail = error.message;
    errors = error.errors.length > 0 ? error.errors : undefined;
    headers = { ...error.headers };
  } else if (typeof databaseCode === 'string' && INVALID_INPUT_CODES.has(databaseCode)) {
    [status, code, detail] = [400, 'bad-request', 'The request holds a value the database cannot accept.'];
  } else if (databaseCode === '23505') {
    [status, code, detail] = [409, 'conflict', 'Someone made the same change at the same moment. Reload to see it.'];
  } else if (databaseCode === '40P01' || databaseCode === '40001') {
    [status, code, detail] = [503, 'busy', 'Hearth was busy with the same data and made no change. Try again.'];
    headers = { 'Retry-After': '1' };
  } else if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // Fastify's own: malformed JSON, a body too large, an unsupported content type.
    [status, code, detail] = [statusCode, CODE_BY_STATUS[statusCode] ?? `http-${statusCode}`, (error as Error).message];
  }
  if (status === 401 && !headers['WWW-Authenticate']) headers['WWW-Authenticate'] = 'Bearer';
  const problem: Problem = {
    type: `/problems/${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0],
    ...(typeof request.id === 'string' ? { requestId: request.id } : {}),
    ...(errors ? { errors } : {}),
  };
  return { status, problem, headers };
}

/** A sane incoming X-Request-Id, or a fresh UUID (libs/platform/src/logging.ts). */
function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

// ---------------------------------------------------------------------------------------
// Authentication: passport-jwt's bearer extraction and jsonwebtoken's checks, with the guard's errors

interface Caller {
  id: string;
  username: string;
  platformRoles: string[];
  sessionId: string;
}

function authenticate(request: FastifyRequest, secret: KeyObject): Caller;
function authenticate(request: FastifyRequest, secret: KeyObject, options: { optional: true }): Caller | null;
function authenticate(request: FastifyRequest, secret: KeyObject, options: { optional?: boolean } = {}): Caller | null {
  const header = request.headers.authorization;
  if (options.optional && !header) return null;
  const match = typeof header === 'string' ? /(\S+)\s+(\S+)/.exec(header) : null;
  if (!match || match[1].toLowerCase() !== 'bearer') throw new HttpProblem(401, 'unauthenticated', 'Sign in to continue.');
  try {
    const payload = jwt.verify(match[2], secret, { algorithms: ['HS256'], issuer: 'hearth', audience: 'hearth-api' }) as {
      sub: string;
      username: string;
      roles: string[];
      sid: string;
    };
    return { id: payload.sub, username: payload.username, platformRoles: payload.roles, sessionId: payload.sid };
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) {
      throw new HttpProblem(401, 'token-expired', 'The access token has expired; refresh it.', [], {
        'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The access token expired"',
      });
    }
    throw new HttpProblem(401, 'token-invalid', 'The access token is not valid.', [], { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
}

/**
 * SessionGate: whether a token's sign-in is still going, one statement per session per
 * SESSION_CHECK_CACHE_MS (its own SQL, SessionRepository.checkLive), an ended one remembered.
 */
class SessionGate {
  private readonly known = new Map<string, { live: boolean; until: number }>();

  constructor(private readonly pool: Pool) {}

  async isLive(sessionId: string): Promise<boolean> {
    if (!UUID.test(sessionId)) return false;
    const now = Date.now();
    const cached = this.known.get(sessionId);
    if (cached && (!cached.live || cached.until > now)) return cached.live;
    const live = (await new Db(this.pool).one<{ live: boolean }>(sql.SESSION_LIVE, [sessionId, new Date()]))?.live ?? false;
    this.known.set(sessionId, { live, until: now + SESSION_CHECK_CACHE_MS });
    return live;
  }
}

// ---------------------------------------------------------------------------------------
// The database: the pool, or one transaction's connection

/**
 * Rows from the pool, or from one transaction's connection. As in Hearth's Database, the
 * statements of a transaction are sent one after another in the order they are issued,
 * so Promise.all over reads is the same code in and out of a transaction.
 */
class Db {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly target: Pool | PoolClient) {}

  async rows<R extends QueryResultRow = Record<string, any>>(text: string, values: unknown[] = []): Promise<R[]> {
    if (this.target instanceof Pool) return (await this.target.query<R>(text, values)).rows;
    const next = this.last.then(() => this.target.query<R>(text, values));
    this.last = next.catch(() => undefined);
    return (await next).rows;
  }

  async one<R extends QueryResultRow = Record<string, any>>(text: string, values: unknown[] = []): Promise<R | null> {
    return (await this.rows<R>(text, values))[0] ?? null;
  }
}

/** Hearth's `db.transaction`, with the transaction's statements queued as Hearth queues them. */
function transaction<T>(pool: Pool, work: (tx: Db) => Promise<T>): Promise<T> {
  return inTransaction(pool, (client) => work(new Db(client)));
}

// ---------------------------------------------------------------------------------------
// GET /me

interface UserRow {
  id: string;
  email: string;
  username: string;
  display_name: string;
  platform_roles: string[];
  email_verified_at: Date | null;
  created_at: Date;
}

async function me(pool: Pool, caller: Caller): Promise<Me> {
  const db = new Db(pool);
  const user = await db.one<UserRow>(sql.USER_BY_ID, [caller.id]);
  if (!user) throw new HttpProblem(401, 'unauthenticated', 'This account no longer exists.');
  const [grants, badges] = await Promise.all([
    db.rows<{ roleKey: string; grantedAt: Date; expiresAt: Date | null }>(sql.ACTIVE_GRANTS, [user.id, new Date()]),
    db.rows<{ id: string; name: string; issuedAt: Date; revokedAt: Date | null }>(sql.BADGES_OF_USER, [user.id]),
  ]);
  const roles = grants.length === 0 ? [] : await db.rows<{ key: string; name: string }>(sql.ROLES_BY_KEYS, [grants.map((grant) => grant.roleKey)]);
  const names = new Map(roles.map((role) => [role.key, role.name]));
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    emailVerified: user.email_verified_at !== null,
    platformRoles: [...user.platform_roles].sort() as Me['platformRoles'],
    facilitatorRoles: grants.map((grant) => ({
      key: grant.roleKey,
      name: names.get(grant.roleKey) ?? grant.roleKey,
      grantedAt: grant.grantedAt.toISOString(),
      expiresAt: grant.expiresAt?.toISOString() ?? null,
    })),
    badges: badges.filter((badge) => !badge.revokedAt).map((badge) => ({ assertionId: badge.id, name: badge.name, awardedAt: badge.issuedAt.toISOString() })),
    createdAt: user.created_at.toISOString(),
  };
}

/** UsersService.summaries: people by id (no query for none). */
async function summaries(db: Db, ids: string[]): Promise<Map<string, UserSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await db.rows<UserRow>(sql.USERS_BY_IDS, [unique]);
  return new Map(users.map((user) => [user.id, { id: user.id, username: user.username, displayName: user.display_name }]));
}

// ---------------------------------------------------------------------------------------
// Courses: who may see a course (CourseAccess), its outline, an item

interface CourseRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  cover_image_url: string | null;
  status: CourseSummary['status'];
  current_version: number | null;
  published_at: Date | null;
  unpublished_changes: boolean;
}

interface CourseContext {
  course: CourseRow;
  role: CourseRole | null;
  isStaff: boolean;
}

/** CourseAccess.contextFor: the caller's part in the course; an admin claim is checked against the database. */
async function contextFor(db: Db, caller: Caller | null, course: CourseRow): Promise<CourseContext> {
  const role = caller ? ((await db.one<{ role: CourseRole }>(sql.STAFF_ROLE, [course.id, caller.id]))?.role ?? null) : null;
  const admin = caller !== null && caller.platformRoles.includes('admin') && ((await db.one<UserRow>(sql.USER_BY_ID, [caller.id]))?.platform_roles.includes('admin') ?? false);
  const isStaff = role !== null || admin;
  if (course.status === 'draft' && !isStaff) throw courseNotFound();
  return { course, role, isStaff };
}

function summaryOf({ course, role, isStaff }: CourseContext, enrolled: boolean): CourseSummary {
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    coverImageUrl: course.cover_image_url,
    status: course.status,
    version: course.current_version,
    publishedAt: course.published_at?.toISOString() ?? null,
    myRole: role,
    enrolled,
    ...(isStaff ? { unpublishedChanges: course.unpublished_changes } : {}),
  };
}

interface EnrollmentRow {
  id: string;
  version: number;
  enrolled_at: Date;
}

async function outline(pool: Pool, caller: Caller | null, ref: string): Promise<CourseOutline> {
  const db = new Db(pool);
  const course = UUID.test(ref) ? await db.one<CourseRow>(sql.COURSE_BY_ID, [ref.toLowerCase()]) : await db.one<CourseRow>(sql.COURSE_BY_SLUG, [ref]);
  if (!course) throw courseNotFound();
  const context = await contextFor(db, caller, course);
  const version = course.current_version;
  const [published, rows, staff, enrollment] = await Promise.all([
    version === null ? null : db.one<{ title: string; summary: string }>(sql.COURSE_VERSION, [course.id, version]),
    version === null ? [] : db.rows<OutlineRow>(sql.OUTLINE, [course.id, version]),
    db.rows<{ user_id: string; role: CourseRole }>(sql.COURSE_STAFF, [course.id]),
    caller ? db.one<EnrollmentRow>(sql.ENROLLMENT, [course.id, caller.id]) : null,
  ]);
  const states = enrollment && caller ? new Map((await db.rows<ItemProgressRow>(sql.ITEM_PROGRESS_FOR_COURSE, [caller.id, course.id])).map((row) => [row.item_id, stateOf(row)])) : null;

  const modules: OutlineModule[] = [];
  for (const row of rows) {
    let module = modules.at(-1);
    if (module?.id !== row.module_id) {
      module = { id: row.module_id, slug: row.module_slug, title: row.module_title, items: [] };
      modules.push(module);
    }
    if (row.item_id) {
      module.items.push({
        id: row.item_id,
        type: row.item_type!,
        title: row.item_title!,
        slug: row.item_slug!,
        ...(states ? { state: states.get(row.item_id) ?? 'not_started' } : {}),
      });
    }
  }
  const items = modules.flatMap((module) => module.items);
  const authorIds = staff.filter((member) => member.role !== 'mentor').map((member) => member.user_id);
  const people = await summaries(db, authorIds);
  return {
    ...summaryOf(context, enrollment !== null),
    ...(published ? { title: published.title, summary: published.summary } : {}),
    modules,
    authors: authorIds.flatMap((id) => people.get(id) ?? []),
    enrollment: enrollment ? { id: enrollment.id, courseId: course.id, enrolledAt: enrollment.enrolled_at.toISOString(), version: enrollment.version } : null,
    progress: states ? { done: items.filter((item) => isItemDone(item.type, item.state ?? 'not_started')).length, total: items.length } : null,
  };
}

interface OutlineRow {
  module_id: string;
  module_slug: string;
  module_title: string;
  item_id: string | null;
  item_slug: string | null;
  item_type: ItemType | null;
  item_title: string | null;
}

interface PublishedItemRow {
  item_id: string;
  course_id: string;
  module_id: string;
  version: number;
  sequence: number;
  type: ItemType;
  title: string;
  body_html: string;
  reflection_question: string | null;
  post_first: boolean | null;
  min_words: number | null;
  pass_percent: number | null;
  show_answers: ShowAnswers | null;
  questions: Array<{ id: string; textHtml: string; kind: 'single' | 'multiple'; options: Array<{ id: string; textHtml: string }> }> | null;
  /** Scripts: their steps, prompts rendered when published. */
  script: { steps: Array<{ title: string; promptHtml: string }>; questions: string[] } | null;
  c_id: string;
  c_slug: string;
  c_title: string;
  c_summary: string;
  c_cover_image_url: string | null;
  c_status: CourseSummary['status'];
  c_current_version: number | null;
  c_published_at: Date | null;
  c_unpublished_changes: boolean;
  m_title: string;
  v_title: string;
}

/**
 * LearningService.reader: the item of its course's current version, and the caller's
 * standing. Enrolled trainees read; staff and admins may preview; anyone else is asked to enroll.
 */
async function reader(db: Db, caller: Caller, itemId: string): Promise<{ item: PublishedItemRow; context: CourseContext; enrolled: boolean }> {
  const item = await db.one<PublishedItemRow>(sql.CURRENT_ITEM, [itemId]);
  if (!item) throw itemNotFound();
  const course: CourseRow = {
    id: item.c_id,
    slug: item.c_slug,
    title: item.c_title,
    summary: item.c_summary,
    cover_image_url: item.c_cover_image_url,
    status: item.c_status,
    current_version: item.c_current_version,
    published_at: item.c_published_at,
    unpublished_changes: item.c_unpublished_changes,
  };
  const [context, enrollment] = await Promise.all([contextFor(db, caller, course), db.one<EnrollmentRow>(sql.ENROLLMENT, [item.course_id, caller.id])]);
  const enrolled = enrollment !== null;
  if (!enrolled && !context.isStaff) throw new HttpProblem(403, 'not-enrolled', `Enroll in “${item.v_title}” to read and take part.`);
  return { item, context, enrolled };
}

async function readItem(pool: Pool, caller: Caller, itemId: string): Promise<ItemView> {
  const db = new Db(pool);
  const { item, enrolled } = await reader(db, caller, itemId);
  const [neighbours, progress] = await Promise.all([
    db.rows<{ item_id: string; title: string; sequence: number }>(sql.NEIGHBOURS, [item.course_id, item.version, item.sequence]),
    db.one<ItemProgressRow & { redo: boolean }>(sql.ITEM_PROGRESS_FOR_ITEM, [caller.id, item.item_id]),
  ]);
  const previous = neighbours.find((row) => row.sequence < item.sequence);
  const next = neighbours.find((row) => row.sequence > item.sequence);
  return {
    id: item.item_id,
    courseId: item.course_id,
    courseSlug: item.c_slug,
    courseTitle: item.v_title,
    moduleId: item.module_id,
    moduleTitle: item.m_title,
    type: item.type,
    title: item.title,
    bodyHtml: item.body_html,
    reflectionQuestion: item.reflection_question,
    postFirst: item.post_first,
    minWords: item.min_words,
    passPercent: item.pass_percent,
    showAnswers: item.show_answers,
    script: item.script ? { steps: item.script.steps.map((step) => ({ title: step.title, promptHtml: step.promptHtml })), questions: item.script.questions } : null,
    questions: item.questions
      ? item.questions.map((question) => ({
          id: question.id,
          textHtml: question.textHtml,
          kind: question.kind,
          options: question.options.map((option) => ({ id: option.id, textHtml: option.textHtml })),
        }))
      : null,
    version: item.version,
    previous: previous ? { id: previous.item_id, title: previous.title } : null,
    next: next ? { id: next.item_id, title: next.title } : null,
    state: progress ? stateOf(progress) : 'not_started',
    redo: progress?.redo ?? false,
    enrolled,
  };
}

// ---------------------------------------------------------------------------------------
// Discussions

interface DiscussionAccess {
  itemId: string;
  itemTitle: string;
  courseId: string;
  courseSlug: string;
  postFirst: boolean;
  minWords: number;
  isStaff: boolean;
}

/** LearningService.discussion: a discussion of the current version, for its enrolled trainees and staff. */
async function discussion(db: Db, caller: Caller, itemId: string): Promise<DiscussionAccess> {
  const { item, context } = await reader(db, caller, itemId);
  if (item.type !== 'discussion') throw new HttpProblem(422, 'not-a-discussion', 'This item is not a discussion.');
  return {
    itemId: item.item_id,
    itemTitle: item.title,
    courseId: item.course_id,
    courseSlug: item.c_slug,
    postFirst: item.post_first ?? true,
    minWords: item.min_words ?? 0,
    isStaff: context.isStaff,
  };
}

/**
 * Post-first, as ThreadsService.canSeeReplies has it: staff always see, and on a post-first
 * prompt a trainee sees the others' answers once they have posted one (removed or not).
 */
async function canSeeReplies(db: Db, access: DiscussionAccess, caller: Caller): Promise<boolean> {
  if (access.isStaff || !access.postFirst) return true;
  return (await db.rows(sql.HAS_ANSWERED, [access.itemId, caller.id])).length > 0;
}

interface ReplyRow {
  id: string;
  item_id: string;
  author_id: string;
  parent_id: string | null;
  body_md: string;
  body_html: string;
  word_count: number;
  created_at: Date;
  created_key: string;
  edited_at: Date | null;
  removed_at: Date | null;
  hidden_at: Date | null;
  child_count: number;
  like_count: number;
  heart_count: number;
  insightful_count: number;
  support_count: number;
  reaction_count: number;
}

interface RepliesQuery {
  sort: sql.ReplySort;
  cursor: string | undefined;
  limit: number;
}

async function answers(pool: Pool, caller: Caller, itemId: string, query: RepliesQuery): Promise<Page<ReplyView>> {
  const db = new Db(pool);
  const access = await discussion(db, caller, itemId);
  if (!(await canSeeReplies(db, access, caller))) throw postFirst();
  const { sort, limit } = query;
  const after = decodeCursor(query.cursor, sort === 'top' ? ['int', 'timestamp', 'uuid'] : ['timestamp', 'uuid']);
  const rows = await db.rows<ReplyRow>(sql.answersPage(sort, after !== null), [itemId, limit + 1, ...(after ?? [])]);
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return {
    items: await replyViews(db, shown, caller, access.isStaff),
    nextCursor: more ? encodeCursor(sort === 'top' ? [last.reaction_count, last.created_key, last.id] : [last.created_key, last.id]) : null,
  };
}

/**
 * ReplyViews.many: replies as a reader sees them, with one query each for authors, my
 * reactions and the reviews (no query for an empty list), then one for the reviewers.
 */
async function replyViews(db: Db, rows: ReplyRow[], caller: Caller, isStaff: boolean): Promise<ReplyView[]> {
  const ids = rows.map((row) => row.id);
  const reviewable = rows.filter((row) => row.parent_id === null && (isStaff || row.author_id === caller.id)).map((row) => row.id);
  const [authors, reactions, reviewRows] = await Promise.all([
    summaries(db, rows.map((row) => row.author_id)),
    ids.length === 0 ? [] : db.rows<{ reply_id: string; kind: ReactionKind }>(sql.MY_REACTIONS, [caller.id, ids]),
    reviewable.length === 0 ? [] : db.rows<{ reply_id: string; status: 'accepted' | 'needs_revision'; comment: string | null; mentor_id: string; created_at: Date }>(sql.LATEST_REVIEWS, [reviewable]),
  ]);
  const mine = new Map<string, ReactionKind[]>();
  for (const row of reactions) mine.set(row.reply_id, [...(mine.get(row.reply_id) ?? []), row.kind]);
  const reviews = new Map(reviewRows.map((row) => [row.reply_id, row]));
  const reviewers = await summaries(db, reviewRows.map((review) => review.mentor_id));
  return rows.map((row) => {
    const state = row.removed_at ? 'removed' : row.hidden_at ? 'hidden' : 'visible';
    const readable = state === 'visible' || (state === 'hidden' && isStaff);
    const author = authors.get(row.author_id);
    const review = reviews.get(row.id);
    return {
      id: row.id,
      itemId: row.item_id,
      parentId: row.parent_id,
      bodyHtml: readable ? row.body_html : '',
      author: readable && author ? { ...author, badges: [] } : null,
      createdAt: row.created_at.toISOString(),
      editedAt: row.edited_at?.toISOString() ?? null,
      state,
      reactions: { like: row.like_count, heart: row.heart_count, insightful: row.insightful_count, support: row.support_count },
      myReactions: mine.get(row.id) ?? [],
      childCount: row.child_count,
      mine: row.author_id === caller.id,
      ...(row.author_id === caller.id && readable ? { bodyMd: row.body_md } : {}),
      wordCount: readable ? row.word_count : 0,
      review: review ? { status: review.status, comment: review.comment, reviewer: reviewers.get(review.mentor_id) ?? null, reviewedAt: review.created_at.toISOString() } : null,
    };
  });
}

/**
 * ThreadsService.post behind Idempotency.once: the access check on the pool, then one
 * transaction that claims the key (when one is sent), writes, and keeps the answer for a repeat.
 */
async function postReply(pool: Pool, caller: Caller, itemId: string, input: ReplyInput, key: string | undefined): Promise<ReplyView> {
  const access = await discussion(new Db(pool), caller, itemId);
  if (key === undefined) return transaction(pool, (tx) => writeReply(tx, caller, access, input));
  if (!IDEMPOTENCY_KEY.test(key)) throw invalid([{ field: 'Idempotency-Key', message: 'The Idempotency-Key must be 1 to 200 letters, digits or _.:-' }]);
  const scope = `reply:${itemId}`;
  return transaction(pool, async (tx) => {
    if (!(await tx.one(sql.CLAIM_KEY, [caller.id, scope, key]))) return (await tx.one<{ response: ReplyView }>(sql.STORED_RESPONSE, [caller.id, scope, key]))!.response;
    const view = await writeReply(tx, caller, access, input);
    await tx.rows(sql.STORE_RESPONSE, [caller.id, scope, key, JSON.stringify(view)]);
    if (Math.random() * 500 < 1) await tx.rows(sql.SWEEP_KEYS);
    return view;
  });
}

async function writeReply(tx: Db, caller: Caller, access: DiscussionAccess, input: ReplyInput): Promise<ReplyView> {
  const { itemId } = access;
  await tx.rows(sql.ENSURE_THREAD, [itemId, access.courseId, access.postFirst, access.minWords]);
  let parent: ReplyRow | null = null;
  if (input.parentId) {
    if (!(await canSeeReplies(tx, access, caller))) throw postFirst();
    parent = await tx.one<ReplyRow>(sql.LOCK_REPLY, [input.parentId]);
    if (parent?.parent_id) parent = await tx.one<ReplyRow>(sql.LOCK_REPLY, [parent.parent_id]);
    if (!parent || parent.item_id !== itemId) throw replyNotFound();
    if (parent.removed_at || parent.hidden_at) throw new HttpProblem(422, 'reply-closed', 'This answer was removed; it takes no more replies.');
  }

  // ThreadsService.render: @mentions of members linked, words counted as for minWords.
  const names = mentionedUsernames(input.body);
  const members = names.length === 0 ? [] : await tx.rows<UserRow>(sql.USERS_BY_USERNAMES, [[...new Set(names.map((name) => name.toLowerCase()))]]);
  const bodyHtml = renderMarkdown(input.body, { mentions: new Map(members.map((user) => [user.username.toLowerCase(), user.username])) });
  const wordCount = countRenderedWords(bodyHtml);

  let reply: ReplyRow | null;
  try {
    reply = await tx.one<ReplyRow>(sql.INSERT_REPLY, [itemId, access.courseId, caller.id, parent?.id ?? null, input.body, bodyHtml, wordCount]);
  } catch (error) {
    if ((error as { constraint?: string }).constraint !== 'reply_one_answer_key') throw error;
    reply = null;
  }
  if (!reply) throw new HttpProblem(409, 'already-answered', 'You have answered this question already; edit your answer instead.');
  if (parent) await tx.rows(sql.ADD_TO_CHILD_COUNT, [parent.id, 1]);
  else await tx.rows(sql.ADD_TO_ANSWER_COUNT, [itemId, 1]);
  if (!parent) await answered(tx, caller.id, itemId);

  // reply.posted, followed by notifications inside a savepoint (DomainEvents.follower): only the
  // people it concerns who may read it are told (ThreadsService.readersOf, NotificationsService).
  await tx.rows('SAVEPOINT follow_1');
  const place = { replyId: reply.id, courseId: access.courseId, courseSlug: access.courseSlug, itemId, itemTitle: access.itemTitle };
  const parentAuthorId = parent?.author_id ?? null;
  const mentioned = members.map((user) => user.id);
  const concerned = [...new Set([...(parentAuthorId ? [parentAuthorId] : []), ...mentioned])].filter((id) => id !== caller.id);
  if (concerned.length > 0) {
    const audience = new Map((await tx.rows<{ user_id: string; staff: boolean }>(sql.AUDIENCE, [access.courseId, concerned])).map((row) => [row.user_id, row.staff]));
    const answeredIds = access.postFirst ? new Set((await tx.rows<{ author_id: string }>(sql.ANSWERED_AMONG, [itemId, concerned])).map((row) => row.author_id)) : null;
    const readers = new Set(concerned.filter((id) => audience.has(id) && (!answeredIds || audience.get(id) || answeredIds.has(id))));
    if (parentAuthorId && readers.has(parentAuthorId)) await notify(tx, parentAuthorId, 'reply', caller.id, place);
    for (const userId of mentioned) if (userId !== parentAuthorId && readers.has(userId)) await notify(tx, userId, 'mention', caller.id, place);
  }
  // And an answer waits for the course's mentors (its owners and authors when it has none): CoursesService.reviewerIds.
  if (!parent) {
    const staff = await tx.rows<{ user_id: string; role: string }>(sql.COURSE_STAFF, [access.courseId]);
    const mentors = staff.filter((member) => member.role === 'mentor');
    for (const { user_id } of mentors.length > 0 ? mentors : staff) if (user_id !== caller.id) await notify(tx, user_id, 'answer_to_review', caller.id, place);
  }
  await tx.rows('RELEASE SAVEPOINT follow_1');

  const [view] = await replyViews(tx, [reply], caller, access.isStaff);
  return view;
}

/** NotificationsService.notify: in-app once per source and its e-mail queued, in NotificationRepository's one statement. */
async function notify(
  tx: Db,
  userId: string,
  kind: 'reply' | 'mention' | 'answer_to_review',
  actorId: string,
  place: { replyId: string; courseId: string; courseSlug: string; itemId: string; itemTitle: string },
): Promise<void> {
  await tx.one(INSERT_NOTIFICATION_SQL, [userId, kind, place.replyId, actorId, place.courseId, place.courseSlug, place.itemId, place.itemTitle, place.replyId, null, null, null, 'notification.email']);
}

// ---------------------------------------------------------------------------------------
// Progress: `discussion.answered` (ThreadsService.publishAnswered, then ProgressService's handler and recheck)

interface ItemProgressRow {
  item_id: string;
  viewed_at: Date | null;
  passed_at: Date | null;
  passed_attempt_id: string | null;
  passed_score: number | null;
  answered_at: Date | null;
  answer_reply_id: string | null;
  answer: AnswerSnapshot | null;
  accepted_reply_id: string | null;
  accepted_at: Date | null;
  review: (ReviewSnapshot & { replyId: string }) | null;
}

interface CoursePlan {
  course_id: string;
  version: number;
  items: Array<{ itemId: string; type: ItemType; title: string }>;
  requirements: CompletionRequirement[];
}

function stateOf(row: ItemProgressRow): ItemState {
  if (row.passed_at) return 'passed';
  if (row.answered_at) return 'answered';
  if (row.viewed_at) return 'viewed';
  return 'not_started';
}

/** A lesson or a script once read, a quiz once passed, a discussion once answered (isItemDone in @hearth/contracts). */
function isItemDone(type: ItemType, state: ItemState): boolean {
  if (type === 'lesson' || type === 'script') return state !== 'not_started';
  if (type === 'quiz') return state === 'passed';
  return state === 'answered';
}

async function answered(tx: Db, userId: string, itemId: string): Promise<void> {
  const thread = (await tx.one<{ course_id: string; min_words: number }>(sql.THREAD_SETTINGS, [itemId]))!;
  const counting = await tx.one<{ id: string; bodyMd: string; wordCount: number }>(sql.COUNTING_ANSWER, [itemId, userId, thread.min_words]);
  const answer = counting && { ...markdownExcerpt(counting.bodyMd), wordCount: counting.wordCount };
  await tx.rows(sql.SET_ANSWER, [userId, itemId, thread.course_id, counting?.id ?? null, counting ? JSON.stringify(answer) : null]);
  // Written now: a refresher asking for this answer again counts it (the reference's people have none open).
  if (counting) await tx.rows(sql.REDO_ITEM, [userId, thread.course_id, itemId, 'discussion', new Date()]);
  await recheck(tx, userId, thread.course_id);
}

/** ProgressService.recheck: the enrollment's standing saved under its lock; the completion recorded the first time all is met. */
async function recheck(tx: Db, userId: string, courseId: string): Promise<void> {
  const enrollment = await tx.one<{ completed_at: Date | null }>(sql.LOCK_ENROLLMENT_PROGRESS, [userId, courseId]);
  if (!enrollment) return;
  const plan = await tx.one<CoursePlan>(sql.COURSE_PLAN, [courseId]);
  if (!plan) return;
  const needsSessions = plan.requirements.some((requirement) => requirement.kind === 'sessions_attended');
  const needsPracticum = plan.requirements.some((requirement) => requirement.kind === 'practicum');
  const [rows, signoff, sessions, practicum] = await Promise.all([
    tx.rows<ItemProgressRow>(sql.ITEM_PROGRESS_FOR_COURSE, [userId, courseId]),
    tx.one<{ mentor_id: string | null; note: string | null; signed_at: Date }>(sql.SIGNOFF, [userId, courseId]),
    needsSessions ? tx.rows<{ sessionId: string; kind: string; minutes: number; attendedAt: Date }>(sql.ATTENDANCE, [userId]) : [],
    needsPracticum ? tx.rows<{ session_id: string; passed: boolean }>(sql.PRACTICUM_REVIEWS, [userId, courseId]) : [],
  ]);
  const byItem = new Map(rows.map((row) => [row.item_id, row]));
  const met = requirementsMet(plan, byItem, sessions, signoff !== null, practicum.filter((review) => review.passed).length);
  const done = plan.items.filter((item) => isItemDone(item.type, recordState(byItem.get(item.itemId)))).length;
  const started = byItem.size > 0 || signoff !== null;
  await tx.rows(sql.SAVE_STANDING, [userId, courseId, done, plan.items.length, met, plan.version, started]);
  if (enrollment.completed_at || plan.requirements.length === 0 || !met.every(Boolean)) return;

  const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
  const evidence: CompletionEvidence = {
    version: plan.version,
    requirements: plan.requirements,
    items: plan.items.map((item) => {
      const row = byItem.get(item.itemId);
      const accepted = row?.answer_reply_id != null && row.accepted_reply_id === row.answer_reply_id;
      return {
        itemId: item.itemId,
        title: item.title,
        type: item.type,
        viewedAt: iso(row?.viewed_at),
        replyId: row?.answer_reply_id ?? null,
        answeredAt: iso(row?.answered_at),
        acceptedAt: accepted ? iso(row?.accepted_at) : null,
        attemptId: row?.passed_attempt_id ?? null,
        scorePercent: row?.passed_score ?? null,
        passedAt: iso(row?.passed_at),
      };
    }),
    sessions: sessions
      .filter((session) => plan.requirements.some((r) => r.kind === 'sessions_attended' && r.sessionKind === session.kind && session.minutes >= r.minutes))
      .map((session) => ({ sessionId: session.sessionId, kind: session.kind, minutes: session.minutes, attendedAt: session.attendedAt.toISOString() })),
    signoff: null,
    answers: plan.items.flatMap((item) => {
      const row = byItem.get(item.itemId);
      if (!row?.answer_reply_id || !row.answer) return [];
      const review = row.review?.replyId === row.answer_reply_id ? { status: row.review.status, comment: row.review.comment, mentorId: row.review.mentorId } : null;
      return [{ itemId: item.itemId, replyId: row.answer_reply_id, ...row.answer, review }];
    }),
  };
  if (signoff) {
    const again = (await tx.one<{ mentor_id: string | null; note: string | null; signed_at: Date }>(sql.SIGNOFF, [userId, courseId]))!;
    evidence.signoff = { mentorId: again.mentor_id, at: again.signed_at.toISOString(), note: again.note };
  }
  await tx.rows(sql.COMPLETE, [userId, courseId, plan.version, JSON.stringify(evidence)]);
  // Hearth then publishes `course.completed` (a badge, role grants); not replicated, see the header.
}

/** The progress a record counts toward an item (the record's view, not the row's timestamps alone). */
function recordState(row: ItemProgressRow | undefined): ItemState {
  if (!row) return 'not_started';
  if (row.passed_at) return 'passed';
  if (row.answer_reply_id) return 'answered';
  if (row.viewed_at) return 'viewed';
  return 'not_started';
}

/** Each requirement of the plan met or not: what `evaluate` (libs/progress/src/requirements.ts) decides. */
function requirementsMet(plan: CoursePlan, byItem: Map<string, ItemProgressRow>, sessions: Array<{ kind: string; minutes: number }>, signedOff: boolean, passedPractice: number): boolean[] {
  const enough = (type: ItemType, done: (row: ItemProgressRow | undefined) => boolean, atLeast: number | undefined) => {
    const items = plan.items.filter((item) => item.type === type);
    const doneCount = items.filter((item) => done(byItem.get(item.itemId))).length;
    return doneCount >= Math.min(atLeast ?? items.length, items.length);
  };
  return plan.requirements.map((requirement) => {
    switch (requirement.kind) {
      case 'lessons_viewed':
        return enough('lesson', (row) => row?.viewed_at != null, undefined);
      case 'discussions_answered':
        return enough('discussion', (row) => row?.answer_reply_id != null, requirement.atLeast);
      case 'answers_accepted':
        return enough('discussion', (row) => row?.answer_reply_id != null && row.accepted_reply_id === row.answer_reply_id, requirement.atLeast);
      case 'quizzes_passed':
        return enough('quiz', (row) => row?.passed_at != null, undefined);
      case 'sessions_attended':
        return sessions.filter((session) => session.kind === requirement.sessionKind && session.minutes >= requirement.minutes).length >= requirement.atLeast;
      case 'mentor_signoff':
        return signedOff;
      case 'practicum':
        return passedPractice >= requirement.atLeast;
    }
  });
}

// ---------------------------------------------------------------------------------------
// Input, checked as Hearth's pipes and DTOs check it (UuidParam, RepliesQueryDto, CreateReplyDto)

function uuidParam(value: string): string {
  if (!UUID.test(value)) throw invalid([{ field: 'id', message: 'id must be a UUID' }]);
  return value.toLowerCase();
}

function repliesQuery(query: unknown): RepliesQuery {
  const fields = (query ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const nul = findNul(fields, 'query');
  if (nul) throw invalid([{ field: nul, message: 'Text cannot contain NUL characters.' }]);
  for (const name of Object.keys(fields)) if (!['sort', 'cursor', 'limit'].includes(name)) errors.push({ field: name, message: `${name} is not a field of this request` });
  const { sort, cursor, limit } = fields;
  if (sort !== undefined && sort !== null && !REPLY_SORTS.includes(sort as sql.ReplySort)) errors.push({ field: 'sort', message: 'sort is one of oldest, newest, top' });
  if (cursor !== undefined && cursor !== null) {
    if (typeof cursor !== 'string' || cursor.length > 500) errors.push({ field: 'cursor', message: 'cursor must be shorter than or equal to 500 characters' });
    if (typeof cursor !== 'string') errors.push({ field: 'cursor', message: 'cursor must be a string' });
  }
  let size: number | undefined;
  if (limit !== undefined && limit !== null) {
    size = Array.isArray(limit) ? NaN : Number(limit);
    if (!(size <= MAX_PAGE_SIZE)) errors.push({ field: 'limit', message: `limit must not be greater than ${MAX_PAGE_SIZE}` });
    if (!(size >= 1)) errors.push({ field: 'limit', message: 'limit must not be less than 1' });
    if (!Number.isInteger(size)) errors.push({ field: 'limit', message: 'limit must be an integer number' });
  }
  if (errors.length > 0) throw invalid(errors);
  return { sort: (sort as sql.ReplySort | undefined) ?? 'oldest', cursor: cursor as string | undefined, limit: size ?? DEFAULT_PAGE_SIZE };
}

interface ReplyInput {
  body: string;
  parentId?: string;
}

function replyInput(value: unknown): ReplyInput {
  const nul = findNul(value, 'body');
  if (nul) throw invalid([{ field: nul, message: 'Text cannot contain NUL characters.' }]);
  const input = value === undefined ? {} : value;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid([{ field: 'body', message: 'the request body must be a JSON object' }]);
  const fields = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const name of Object.keys(fields)) if (name !== 'body' && name !== 'parentId') errors.push({ field: name, message: `${name} is not a field of this request` });
  const body = typeof fields.body === 'string' ? fields.body.trim() : fields.body;
  if (typeof body !== 'string' || characters(body) < 1 || characters(body) > MAX_REPLY) errors.push({ field: 'body', message: `A reply is 1 to ${MAX_REPLY} characters.` });
  if (typeof body !== 'string') errors.push({ field: 'body', message: 'body must be a string' });
  const { parentId } = fields;
  if (parentId !== undefined && parentId !== null && (typeof parentId !== 'string' || !UUID.test(parentId))) errors.push({ field: 'parentId', message: 'parentId must be a UUID' });
  if (errors.length > 0) throw invalid(errors);
  return { body: body as string, ...(typeof parentId === 'string' ? { parentId } : {}) };
}

/** Length as class-validator's Length counts it (validator.js isLength). */
function characters(text: string): number {
  return text.length - (text.match(/(\uFE0F|\uFE0E)/g) ?? []).length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) ?? []).length;
}

/** The path of the first string holding a NUL character, named as Hearth's pipe names it. */
function findNul(value: unknown, path: string, seen = new Set<object>()): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null;
  if (value === null || typeof value !== 'object' || seen.has(value)) return null;
  seen.add(value);
  for (const [key, child] of Object.entries(value)) {
    const found = findNul(child, path === 'body' || path === 'query' ? key : `${path}.${key}`, seen);
    if (found) return found;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Keyset cursors, interchangeable with Hearth's (libs/platform/src/pagination.ts)

type KeyType = 'int' | 'uuid' | 'timestamp';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string | undefined, types: KeyType[]): Array<string | number> | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === types.length && key.every((value, i) => fits(value, types[i]))) return key as Array<string | number>;
  } catch {
    // fall through
  }
  throw invalid([{ field: 'cursor', message: 'The cursor is not one this list gave out.' }]);
}

function fits(value: unknown, type: KeyType): boolean {
  if (type === 'uuid') return typeof value === 'string' && UUID.test(value);
  if (type === 'int') return Number.isInteger(value) && Math.abs(value as number) <= 2_147_483_647;
  return typeof value === 'string' && TIMESTAMP.test(value) && isCalendarTime(value);
}

/** A date that exists (no 30 February) at a time of day that exists. */
function isCalendarTime(value: string): boolean {
  const [year, month, day, hour, minute, second] = value.split(/[- :.+]/).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

if (require.main === module) runAsProcess('reference', startReferenceServer);
