import type { Pool } from 'pg';

/** What the benchmark needs to know about the data it seeded. */
export interface Seeded {
  courseId: string;
  courseSlug: string;
  lessonItemId: string;
  /** Discussion items by their number of answers. */
  threads: Record<'1000' | '10000' | '100000', string>;
  /** The room with the 50,000 messages. */
  roomId: string;
  /** The active cohort: enrolled through the API; they read, post in the chat and reply. */
  trainees: Person[];
  /** Alumni who have not answered the 1,000-answer thread: each can post an answer there once. */
  posters: Person[];
}

export interface Person {
  id: string;
  username: string;
}

export const TRAINEES = 2_000;
/**
 * A person answers a discussion once (reply_one_answer_key), so threads of 10,000 and
 * 100,000 answers need that many people: the 2,000 trainees and up to 98,000 alumni of
 * the course, enrolled as the trainees are.
 */
export const ALUMNI = 98_000;
const MAIN_ANSWERS = 10_000;
const NESTED_PER_ANSWER = 3;
const CHAT_MESSAGES = 50_000;

const ANSWER_MD =
  'I like the late-night room on my old forum best. The host greets each newcomer by name, the pinned rules are short, and people wait for each other before replying. That patience is what I want to bring to the rooms I hold.';
const ANSWER_HTML = `<p>${ANSWER_MD}</p>\n`;
const ANSWER_WORDS = ANSWER_MD.split(/\s+/).length;
const NESTED_MD = 'Same here: the greeting by name makes all the difference. Thank you for putting it so clearly.';
const CHAT_BODY = 'Hello everyone, glad to be here tonight.';

/**
 * The benchmark's data, on top of the demo (course, accounts, rooms) that Hearth's own
 * loader put there: 2,000 trainees (enrolled through the API by run.ts) and 98,000 alumni;
 * the first discussion gets 10,000 answers with 30,000 nested replies and reactions, the
 * second 1,000 answers and the third 100,000 of the same shape (for the scaling figures);
 * 50,000 messages in the Welcome lounge. Bulk rows are written with SQL that matches the migrations, counts
 * included (the columns Hearth keeps instead of counting).
 */
/** The accounts: trainees and alumni, numbered in one table for the bulk inserts (`bench_person`). */
export async function seedPeople(pool: Pool, log: (line: string) => void): Promise<{ trainees: Person[]; alumni: Person[] }> {
  const [{ password_hash: hash }] = (await pool.query<{ password_hash: string }>(`SELECT password_hash FROM "user" WHERE username = 'sam'`)).rows;
  log(`seeding ${TRAINEES.toLocaleString('en')} trainees and ${ALUMNI.toLocaleString('en')} alumni`);
  await pool.query(
    `INSERT INTO "user" (email, username, display_name, password_hash, created_at)
     SELECT 'trainee' || g || '@bench.local', 'trainee' || g, 'Trainee ' || g, $1, now() - interval '1 day' + g * interval '1 millisecond' FROM generate_series(1, $2) AS g`,
    [hash, TRAINEES],
  );
  await pool.query(
    `INSERT INTO "user" (email, username, display_name, password_hash, created_at)
     SELECT 'alumnus' || g || '@bench.local', 'alumnus' || g, 'Alumnus ' || g, $1, now() - interval '300 days' + g * interval '1 millisecond' FROM generate_series(1, $2) AS g`,
    [hash, ALUMNI],
  );
  // The chat's read model of them, as its projector writes it when an account is made (user.registered).
  await pool.query(
    `INSERT INTO chat_member (user_id, username, display_name, admin)
     SELECT id, username, display_name, false FROM "user" WHERE username LIKE 'trainee%' OR username LIKE 'alumnus%'`,
  );
  // A live sign-in each, as signing in makes one, with the account's id for its own: the
  // benchmark's access tokens name it, and Hearth checks that it has not ended (SessionGate).
  await pool.query(
    `INSERT INTO session (id, user_id, user_agent, expires_at)
     SELECT id, id, 'bench', now() + interval '1 day' FROM "user" WHERE username LIKE 'trainee%' OR username LIKE 'alumnus%'`,
  );
  // Everyone numbered 0…N-1, trainees first, for the bulk inserts to pick authors by number (dropped at the end).
  await pool.query(
    `CREATE TABLE bench_person AS
     SELECT row_number() OVER (ORDER BY username LIKE 'alumnus%', created_at) - 1 AS n, id, username
       FROM "user" WHERE username LIKE 'trainee%' OR username LIKE 'alumnus%'`,
  );
  await pool.query('ALTER TABLE bench_person ADD PRIMARY KEY (n)');
  const people = (await pool.query<Person & { n: string }>('SELECT n, id, username FROM bench_person ORDER BY n')).rows.map(({ id, username }) => ({ id, username }));
  return { trainees: people.slice(0, TRAINEES), alumni: people.slice(TRAINEES) };
}

/**
 * The alumni's enrollments, as Hearth writes them (an enrollment and its standing), copied
 * from a trainee's that went through the API.
 */
export async function seedAlumniEnrollments(pool: Pool, courseId: string, template: string): Promise<void> {
  await pool.query(
    `INSERT INTO enrollment (course_id, user_id, version)
     SELECT e.course_id, p.id, e.version FROM bench_person AS p, enrollment AS e
      WHERE p.n >= $3 AND e.course_id = $1 AND e.user_id = $2`,
    [courseId, template, TRAINEES],
  );
  await pool.query(
    `INSERT INTO enrollment_progress (user_id, course_id, enrolled_at, total, met, checked_version)
     SELECT p.id, s.course_id, now(), s.total, s.met, s.checked_version FROM bench_person AS p, enrollment_progress AS s
      WHERE p.n >= $3 AND s.course_id = $1 AND s.user_id = $2`,
    [courseId, template, TRAINEES],
  );
}

/** The course's threads and the chat's messages (see the file's comment). */
export async function seedContent(pool: Pool, people: { trainees: Person[]; alumni: Person[] }, log: (line: string) => void): Promise<Seeded> {
  const [course] = (await pool.query<{ id: string; slug: string; version: number }>(`SELECT id, slug, current_version AS version FROM course WHERE slug = 'group-support-foundations'`)).rows;
  if (!course) throw new Error('The demo course is missing: the demo data must be loaded first.');
  const items = (
    await pool.query<{ item_id: string; type: string }>('SELECT item_id, type FROM published_item WHERE course_id = $1 AND version = $2 ORDER BY sequence', [course.id, course.version])
  ).rows;
  const discussions = items.filter((item) => item.type === 'discussion').map((item) => item.item_id);
  const lesson = items.find((item) => item.type === 'lesson')!.item_id;
  if (discussions.length < 3) throw new Error('The demo course needs three discussions.');

  const [main, small, large] = discussions;
  // Every thread has the same shape (three nested replies per answer, reactions on a third
  // of them, the readers among the authors so post-first opens it), so the scaling figures
  // differ only in size. The alumni have not answered the small thread: each can post there.
  for (const [itemId, count] of [
    [main, MAIN_ANSWERS],
    [small, 1_000],
    [large, TRAINEES + ALUMNI],
  ] as const) {
    log(`seeding a thread of ${count.toLocaleString('en')} answers and ${(count * NESTED_PER_ANSWER).toLocaleString('en')} nested replies`);
    await answers(pool, course.id, itemId, count, 0);
    await nested(pool, course.id, itemId, NESTED_PER_ANSWER);
    await reactions(pool, itemId);
  }

  log(`seeding ${CHAT_MESSAGES.toLocaleString('en')} chat messages`);
  const [room] = (await pool.query<{ id: string }>(`SELECT id FROM chat_room WHERE name = 'Welcome lounge'`)).rows;
  await pool.query(
    `INSERT INTO chat_message (room_id, author_id, kind, body, body_html, created_at)
     SELECT $1, p.id, 'text', $4, $4, now() - ($2 - g) * interval '1 second'
       FROM generate_series(1, $2) AS g JOIN bench_person AS p ON p.n = g % $3`,
    [room.id, CHAT_MESSAGES, TRAINEES, CHAT_BODY],
  );
  await pool.query('DROP TABLE bench_person');
  await pool.query('VACUUM ANALYZE');
  return {
    courseId: course.id,
    courseSlug: course.slug,
    lessonItemId: lesson,
    threads: { '1000': small, '10000': main, '100000': large },
    roomId: room.id,
    trainees: people.trainees,
    posters: people.alumni,
  };
}

/** `count` answers in a thread, one each by the people numbered from `first`, a second apart, oldest first. */
async function answers(pool: Pool, courseId: string, itemId: string, count: number, first: number): Promise<void> {
  await pool.query(
    `INSERT INTO reply (item_id, course_id, author_id, body_md, body_html, word_count, created_at)
     SELECT $1, $2, p.id, $4, $5, $6, now() - interval '200 days' + g * interval '1 second'
       FROM generate_series(0, $3 - 1) AS g JOIN bench_person AS p ON p.n = $7 + g`,
    [itemId, courseId, count, ANSWER_MD, ANSWER_HTML, ANSWER_WORDS, first],
  );
  await pool.query(`UPDATE thread SET answer_count = (SELECT count(*) FROM reply WHERE item_id = $1 AND parent_id IS NULL AND removed_at IS NULL) WHERE item_id = $1`, [itemId]);
}

/** `perAnswer` replies to each of the thread's answers, each after its answer. */
async function nested(pool: Pool, courseId: string, itemId: string, perAnswer: number): Promise<void> {
  await pool.query(
    `INSERT INTO reply (item_id, course_id, author_id, parent_id, body_md, body_html, word_count, created_at)
     SELECT $1, $2, t.id, p.id, $4, $5, $7, p.created_at + k * interval '1 minute'
       FROM (SELECT id, created_at, row_number() OVER (ORDER BY created_at, id) - 1 AS n FROM reply WHERE item_id = $1 AND parent_id IS NULL) AS p
      CROSS JOIN generate_series(1, $3) AS k
       JOIN bench_person AS t ON t.n = ((p.n * $3 + k) * 7) % $6`,
    [itemId, courseId, perAnswer, NESTED_MD, `<p>${NESTED_MD}</p>\n`, TRAINEES, NESTED_MD.split(/\s+/).length],
  );
  await pool.query(
    `UPDATE reply AS p SET child_count = c.n
       FROM (SELECT parent_id, count(*) AS n FROM reply WHERE item_id = $1 AND parent_id IS NOT NULL AND removed_at IS NULL GROUP BY parent_id) AS c
      WHERE p.id = c.parent_id`,
    [itemId],
  );
}

/** Reactions on the thread's answers: a few of each kind from different trainees, counts kept in step. */
async function reactions(pool: Pool, itemId: string): Promise<void> {
  await pool.query(
    `INSERT INTO reaction (reply_id, user_id, kind)
     SELECT r.id, t.id, k.kind
       FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM reply WHERE item_id = $1 AND parent_id IS NULL) AS r
       CROSS JOIN LATERAL (SELECT unnest(ARRAY['like', 'heart', 'insightful', 'support']) AS kind) AS k
       JOIN bench_person AS t ON t.n = (r.n * 13 + length(k.kind)) % $2
      WHERE (r.n + length(k.kind)) % 3 = 0
     ON CONFLICT DO NOTHING`,
    [itemId, TRAINEES],
  );
  await pool.query(
    `UPDATE reply AS r SET
        like_count = c.likes, heart_count = c.hearts, insightful_count = c.insightful, support_count = c.support, reaction_count = c.total
       FROM (SELECT x.reply_id,
                    count(*) FILTER (WHERE x.kind = 'like') AS likes, count(*) FILTER (WHERE x.kind = 'heart') AS hearts,
                    count(*) FILTER (WHERE x.kind = 'insightful') AS insightful, count(*) FILTER (WHERE x.kind = 'support') AS support,
                    count(*) AS total
               FROM reaction AS x JOIN reply AS y ON y.id = x.reply_id WHERE y.item_id = $1 GROUP BY x.reply_id) AS c
      WHERE r.id = c.reply_id`,
    [itemId],
  );
}
