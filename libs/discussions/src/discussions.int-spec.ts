import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ReplyView, UNREAD_COUNT_LIMIT } from '@hearth/contracts';
import type { AuthUser } from '@hearth/identity';
import { NotificationsModule, NotificationsService } from '@hearth/notifications';
import { Mailer, OutboxWorker } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { ProgressService } from '@hearth/progress';
import { DiscussionsModule } from './discussions.module';
import { answersQuery } from './reply.repository';
import { type DiscussionWorld, DiscussionsWorld } from './testing';

describe('discussions (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let world: DiscussionsWorld;

  beforeAll(async () => {
    ctx = await createIntegrationContext([DiscussionsModule, NotificationsModule], { HEARTH_DATA_DIR: `/tmp/hearth-mail-${process.pid}` });
    world = new DiscussionsWorld(ctx);
  });
  afterAll(() => ctx.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code ?? String(error));
  const answer = (who: AuthUser, d: DiscussionWorld, body = 'My answer, in a few words.') => world.threads.post(who, d.itemId, { body });

  describe('post-first', () => {
    it('hides every answer from a trainee who has not answered, on every route, until they do', async () => {
      const d = await world.newDiscussion();
      const [early, late] = [await world.trainee(d), await world.trainee(d)];
      const first = await answer(early, d);
      const reply = await world.threads.post(early, d.itemId, { body: 'A reply under my answer', parentId: first.id });

      const thread = await world.threads.thread(late, d.itemId);
      expect(thread).toMatchObject({ replyCount: 1, canSeeReplies: false, myAnswerId: null });
      expect(thread.promptHtml).toContain('Prompt');

      const refusals = await Promise.all([
        codeOf(world.threads.answers(late, d.itemId, {})),
        codeOf(world.threads.children(late, first.id, {})),
        codeOf(world.threads.reply(late, first.id)),
        codeOf(world.threads.reply(late, reply.id)),
        codeOf(world.threads.history(late, first.id)),
        codeOf(world.moderation.react(late, first.id, 'heart', true)),
        codeOf(world.moderation.flag(late, first.id, 'spam')),
        codeOf(world.threads.post(late, d.itemId, { body: 'sneaking a reply', parentId: first.id })),
      ]);
      expect(refusals).toEqual(Array(8).fill('post-first'));

      await answer(late, d);
      expect((await world.threads.thread(late, d.itemId)).canSeeReplies).toBe(true);
      expect((await world.threads.answers(late, d.itemId, {})).items).toHaveLength(2);
      expect((await world.threads.children(late, first.id, {})).items.map((r) => r.id)).toEqual([reply.id]);
    });

    it('lets staff (mentors, authors) read without answering, and leaves open prompts open', async () => {
      const d = await world.newDiscussion();
      const trainee = await world.trainee(d);
      const mentor = await world.newUser();
      await world.courses.setStaff(d.author, d.course.id, { userId: mentor.id }, 'mentor');
      await answer(trainee, d);
      expect((await world.threads.answers(mentor, d.itemId, {})).items).toHaveLength(1);
      expect((await world.threads.answers(d.author, d.itemId, {})).items).toHaveLength(1);

      await world.authoring.updateItem(d.author, d.itemId, { postFirst: false });
      await world.publishing.publish(d.author, d.course.id, 'open discussion');
      const newcomer = await world.trainee(d);
      expect((await world.threads.answers(newcomer, d.itemId, {})).items).toHaveLength(1);
    });

    it('keeps a thread closed to people outside the course', async () => {
      const d = await world.newDiscussion();
      const stranger = await world.newUser();
      const trainee = await world.trainee(d);
      const first = await answer(trainee, d);
      expect(await codeOf(world.threads.thread(stranger, d.itemId))).toBe('not-enrolled');
      expect(await codeOf(world.threads.reply(stranger, first.id))).toBe('reply-not-found');
    });
  });

  describe('answers and replies', () => {
    it('takes one live answer per person, nests replies one level, and keeps counts as columns', async () => {
      const d = await world.newDiscussion();
      const [a, b] = [await world.trainee(d), await world.trainee(d)];
      const first = await answer(a, d);
      expect(await codeOf(answer(a, d))).toBe('already-answered');
      await answer(b, d);
      const reply = await world.threads.post(b, d.itemId, { body: 'Reply', parentId: first.id });
      const deeper = await world.threads.post(a, d.itemId, { body: 'Reply to the reply', parentId: reply.id });
      expect(deeper.parentId).toBe(first.id);

      const counts = async () => {
        const [{ answerCount }] = await ctx.db.query<{ answerCount: number }>('SELECT answer_count FROM thread WHERE item_id = $1', [d.itemId]);
        const [{ childCount }] = await ctx.db.query<{ childCount: number }>('SELECT child_count FROM reply WHERE id = $1', [first.id]);
        return [answerCount, childCount];
      };
      expect(await counts()).toEqual([2, 2]);

      await world.threads.remove(b, reply.id);
      expect(await counts()).toEqual([2, 1]);
      await world.moderation.setVisibility(d.author, first.id, true);
      expect(await counts()).toEqual([1, 1]);
      await world.moderation.setVisibility(d.author, first.id, false);
      expect(await counts()).toEqual([2, 1]);
      await world.threads.remove(a, first.id);
      await world.threads.remove(a, first.id);
      expect(await counts()).toEqual([1, 1]);

      // The removed answer keeps its place, and its replies stay readable under it.
      const page = await world.threads.answers(b, d.itemId, {});
      expect(page.items[0]).toMatchObject({ id: first.id, state: 'removed', bodyHtml: '', author: null });
      expect((await world.threads.children(b, first.id, {})).items.map((r) => r.state)).toEqual(['removed', 'visible']);
      // Having removed it, a person may answer again.
      expect((await answer(a, d, 'A second try')).parentId).toBeNull();
    });

    it('counts an answer toward completion only while it is long enough, not removed and not hidden', async () => {
      const d = await world.newDiscussion();
      await world.authoring.updateItem(d.author, d.itemId, { minWords: 5 });
      await world.publishing.publish(d.author, d.course.id, 'five words');
      const trainee = await world.trainee(d);
      const state = async () => (await ctx.get(ProgressService).itemStanding(trainee.id, d.itemId)).state;

      const mine = await answer(trainee, d, 'Too short.');
      expect(await state()).toBe('not_started');
      await world.threads.edit(trainee, mine.id, 'Now it has enough words in it.');
      expect(await state()).toBe('answered');
      await world.moderation.setVisibility(d.author, mine.id, true);
      expect(await state()).toBe('not_started');
      await world.moderation.setVisibility(d.author, mine.id, false);
      expect(await state()).toBe('answered');
      await world.threads.remove(trainee, mine.id);
      expect(await state()).toBe('not_started');
    });

    it('keeps every earlier text of an edit, for staff only', async () => {
      const d = await world.newDiscussion();
      const trainee = await world.trainee(d);
      const mine = await answer(trainee, d, 'First words');
      await world.threads.edit(trainee, mine.id, 'Second words');
      const edited = await world.threads.edit(trainee, mine.id, 'Third words');
      expect(edited.editedAt).not.toBeNull();
      expect((await world.threads.history(d.author, mine.id)).map((e) => e.bodyMd)).toEqual(['Second words', 'First words']);
      expect(await codeOf(world.threads.history(trainee, mine.id))).toBe('not-course-staff');
      const other = await world.trainee(d);
      await answer(other, d);
      expect(await codeOf(world.threads.edit(other, mine.id, 'Not mine'))).toBe('not-your-reply');
    });
  });

  describe('paging', () => {
    it('never repeats or skips an answer while new ones arrive', async () => {
      const d = await world.newDiscussion();
      const people = [];
      for (let i = 0; i < 45; i++) people.push(await world.trainee(d));
      for (const person of people.slice(0, 30)) await answer(person, d);
      const reader = people[0];

      const oldest: string[] = [];
      let page = await world.threads.answers(reader, d.itemId, { limit: 10 });
      oldest.push(...page.items.map((r) => r.id));
      const newest = await world.threads.answers(reader, d.itemId, { sort: 'newest', limit: 10 });
      for (const person of people.slice(30)) await answer(person, d);
      while (page.nextCursor) {
        page = await world.threads.answers(reader, d.itemId, { limit: 10, cursor: page.nextCursor });
        oldest.push(...page.items.map((r) => r.id));
      }
      expect(oldest).toHaveLength(45);
      expect(new Set(oldest).size).toBe(45);

      // Newest first: later pages carry on down from where the first stopped.
      const older: string[] = [...newest.items.map((r) => r.id)];
      let next = newest.nextCursor;
      while (next) {
        const more = await world.threads.answers(reader, d.itemId, { sort: 'newest', limit: 10, cursor: next });
        older.push(...more.items.map((r) => r.id));
        next = more.nextCursor;
      }
      expect(older).toEqual(oldest.slice(0, 30).reverse());
    });

    it('orders by reactions for "top", and pages through ties', async () => {
      const d = await world.newDiscussion();
      const people = [];
      for (let i = 0; i < 5; i++) people.push(await world.trainee(d));
      const answers = [];
      for (const person of people) answers.push(await answer(person, d));
      for (const person of people) await world.moderation.react(person, answers[3].id, 'heart', true);
      await world.moderation.react(people[0], answers[1].id, 'like', true);
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await world.threads.answers(people[0], d.itemId, { sort: 'top', limit: 2, cursor });
        ids.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(ids.slice(0, 2)).toEqual([answers[3].id, answers[1].id]);
      expect(new Set(ids).size).toBe(5);
    });

    it('serves the first and a late page of 10,000 answers from the same index, without sorting', async () => {
      const d = await world.newDiscussion();
      // Ten thousand people, one answer each: written in bulk, as no test builds this by hand.
      await ctx.db.execute(
        `INSERT INTO "user" (id, email, username, display_name, password_hash)
         SELECT gen_random_uuid(), 'bulk' || n || '@example.org', 'bulk' || n, 'Bulk ' || n, 'x' FROM generate_series(1, 10000) AS n`,
      );
      await ctx.db.execute(
        `INSERT INTO reply (item_id, course_id, author_id, body_md, body_html, word_count, created_at)
         SELECT $1, $2, u.id, 'x', '<p>x</p>', 1, now() - (row_number() OVER () * interval '1 second')
           FROM "user" u WHERE u.username LIKE 'bulk%'`,
        [d.itemId, d.course.id],
      );
      await ctx.db.execute('ANALYZE reply');
      const [late] = await ctx.db.query<{ created: string; id: string }>(
        `SELECT created_at::text AS created, id FROM reply WHERE item_id = $1 AND parent_id IS NULL ORDER BY created_at, id OFFSET 9000 LIMIT 1`,
        [d.itemId],
      );
      const plan = async (sql: string, parameters: unknown[]) =>
        (await ctx.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, parameters)).map((row) => row['QUERY PLAN']).join('\n');
      const [topLate] = await ctx.db.query<{ created: string; id: string }>(
        `SELECT created_at::text AS created, id FROM reply WHERE item_id = $1 AND parent_id IS NULL ORDER BY reaction_count DESC, created_at DESC, id DESC OFFSET 9000 LIMIT 1`,
        [d.itemId],
      );
      const plans = {
        oldest: [await plan(answersQuery('oldest', false), [d.itemId, 21]), await plan(answersQuery('oldest', true), [d.itemId, 21, late.created, late.id])],
        newest: [await plan(answersQuery('newest', false), [d.itemId, 21]), await plan(answersQuery('newest', true), [d.itemId, 21, late.created, late.id])],
        top: [await plan(answersQuery('top', false), [d.itemId, 21]), await plan(answersQuery('top', true), [d.itemId, 21, 0, topLate.created, topLate.id])],
      };
      for (const [sort, [first, later]] of Object.entries(plans)) {
        const index = sort === 'top' ? 'reply_item_id_top_idx' : 'reply_item_id_created_at_idx';
        for (const text of [first, later]) {
          expect(`${sort}:\n${text}`).toMatch(new RegExp(`Index Scan (Backward )?using ${index}`));
          expect(`${sort}:\n${text}`).not.toMatch(/Sort|Seq Scan/);
        }
        // The late page starts from its key in the index, rather than reading and filtering.
        expect(later).toMatch(/Index Cond: .*ROW\(/);
      }
      // And the repository runs exactly these queries: the late page is the one after `late`.
      const page = await world.threads.answers(d.author, d.itemId, { limit: 20, cursor: Buffer.from(JSON.stringify([late.created, late.id])).toString('base64url') });
      expect(page.items).toHaveLength(20);
    });
  });

  describe('mentions, notifications and e-mail', () => {
    it('links @mentions, and notifies the mentioned who can see the thread, without the reply’s text', async () => {
      const d = await world.newDiscussion();
      const ada = await world.trainee(d, `ada${Date.now() % 100000}`);
      const ben = await world.trainee(d);
      const outsider = await world.newUser([], `out${Date.now() % 100000}`);
      await answer(ben, d);
      const mine = await answer(ada, d, `Thanks @${ben.username.toUpperCase()} and @${outsider.username}, a secret thought.`);
      expect(mine.bodyHtml).toContain(`<a href="/people/${ben.username}" class="mention"`);

      const notifications = ctx.get(NotificationsService);
      const forBen = await notifications.list(ben, {});
      expect(forBen.items).toEqual([
        expect.objectContaining({
          kind: 'mention',
          actor: expect.objectContaining({ id: ada.id }),
          text: expect.stringContaining('mentioned you in “Discuss”'),
          link: `/courses/${d.course.slug}/items/${d.itemId}#reply-${mine.id}`,
        }),
      ]);
      expect(JSON.stringify(forBen)).not.toContain('secret');
      expect((await notifications.list(outsider, {})).items).toEqual([]);
      expect(await notifications.unreadCount(ben)).toEqual({ unread: 1 });
      expect(await notifications.markRead(ben)).toEqual({ unread: 0 });
    });

    it('keeps the answer when telling the mentioned fails, and tells them after the commit instead', async () => {
      const d = await world.newDiscussion();
      const [ada, ben] = [await world.trainee(d, `ada${Date.now() % 100000}`), await world.trainee(d)];
      await answer(ben, d);
      const notifications = ctx.get(NotificationsService);
      // A fault in notifications, as a bug or a full disk would cause: its first attempt fails.
      const notify = jest.spyOn(notifications, 'notify').mockRejectedValueOnce(new Error('the bell is broken'));
      try {
        const mine = await answer(ada, d, `Thank you @${ben.username}, this helped.`);
        expect((await world.threads.answers(ada, d.itemId, {})).items.map((reply) => reply.id)).toContain(mine.id);
        expect((await ctx.get(ProgressService).courseProgress(ada.id, d.course.id))?.items.find((item) => item.itemId === d.itemId)?.state).toBe('answered');
        expect((await notifications.list(ben, {})).items).toEqual([]);

        await ctx.get(OutboxWorker).drain();
        expect((await notifications.list(ben, {})).items.map((n) => [n.kind, n.link.endsWith(`#reply-${mine.id}`)])).toEqual([['mention', true]]);
      } finally {
        notify.mockRestore();
      }
    });

    it('tells nobody of a mention on a post-first prompt they cannot read yet, but tells them once they have answered', async () => {
      const d = await world.newDiscussion();
      const [ada, ben] = [await world.trainee(d, `ada${Date.now() % 100000}`), await world.trainee(d, `ben${Date.now() % 100000}`)];
      const notifications = ctx.get(NotificationsService);
      await answer(ada, d, `Thinking of @${ben.username} and @${d.author.username} here.`);
      // Ben has not answered: even being mentioned would tell him who answered, so he is not told.
      expect((await notifications.list(ben, {})).items).toEqual([]);
      // The course's author (staff) reads everything, and is told.
      // (Besides the answers waiting for their review.)
      expect((await notifications.list(d.author, {})).items.map((n) => n.kind).filter((kind) => kind !== 'answer_to_review')).toEqual(['mention']);

      await answer(ben, d);
      const adas = (await world.threads.answers(ben, d.itemId, {})).items.find((reply) => reply.author?.id === ada.id)!;
      await world.threads.post(ada, d.itemId, { body: `@${ben.username} what do you think?`, parentId: adas.id });
      expect((await notifications.list(ben, {})).items.map((n) => n.kind)).toEqual(['mention']);
    });

    it('tells people named in an edit, once, and not those the text named already', async () => {
      const d = await world.newDiscussion();
      const [ada, ben, cat] = [await world.trainee(d, `ada${Date.now() % 100000}`), await world.trainee(d, `ben${Date.now() % 100000}`), await world.trainee(d, `cat${Date.now() % 100000}`)];
      await answer(ben, d);
      await answer(cat, d);
      const mine = await answer(ada, d, `Thanks @${ben.username}.`);
      const notifications = ctx.get(NotificationsService);
      await world.threads.edit(ada, mine.id, `Thanks @${ben.username} and @${cat.username}.`);
      await world.threads.edit(ada, mine.id, `Thanks @${cat.username}, and @${ben.username} again.`);
      expect((await notifications.list(ben, {})).items.map((n) => n.kind)).toEqual(['mention']);
      expect((await notifications.list(cat, {})).items.map((n) => [n.kind, n.link.endsWith(`#reply-${mine.id}`)])).toEqual([['mention', true]]);
    });

    it('tells an answer’s author of replies and reviews, and e-mails them through the outbox', async () => {
      const d = await world.newDiscussion();
      const ada = await world.trainee(d);
      const ben = await world.trainee(d);
      const mine = await answer(ada, d);
      await answer(ben, d);
      await world.threads.post(ben, d.itemId, { body: 'Nice one', parentId: mine.id });
      await world.moderation.review(d.author, mine.id, { status: 'needs_revision', comment: 'Say a bit more' });

      const kinds = (await ctx.get(NotificationsService).list(ada, {})).items.map((n) => [n.kind, n.text.replace(/^.*: /, '')]);
      expect(kinds).toEqual([['review', 'needs revision'], ['reply', expect.stringContaining('replied to your answer')]]);

      const handled = await ctx.get(OutboxWorker).drain();
      expect(handled).toBeGreaterThanOrEqual(2);
      const folder = ctx.get(Mailer).folder;
      const mails = await Promise.all((await readdir(folder)).map(async (file) => decodeMail(await readFile(join(folder, file), 'utf8'))));
      const toAda = mails.filter((mail) => mail.includes(`To: ${ada.username}@example.org`));
      expect(toAda.some((mail) => /Subject: .*reviewed your answer/.test(mail))).toBe(true);
      expect(toAda.some((mail) => /Subject: .*replied to your answer/.test(mail))).toBe(true);
      // The link opens the thread at the reply, as the notifications page does.
      const replies = (await world.threads.children(ada, mine.id, {})).items;
      expect(toAda.join('\n')).toContain(`/courses/${d.course.slug}/items/${d.itemId}#reply-${replies[0].id}`);
      expect(toAda.join('\n')).not.toContain('Nice one');
    });

    it('e-mails no one whose address is not verified, though the bell still tells them', async () => {
      const d = await world.newDiscussion();
      const [ada, ben] = [await world.trainee(d), await world.trainee(d)];
      await ctx.db.execute('UPDATE "user" SET email_verified_at = NULL WHERE id = $1', [ada.id]);
      const mine = await answer(ada, d);
      await answer(ben, d);
      await ctx.get(OutboxWorker).drain();
      const mailer = ctx.get(Mailer);
      const send = jest.spyOn(mailer, 'send');
      await world.threads.post(ben, d.itemId, { body: 'A reply to an unverified author', parentId: mine.id });
      await ctx.get(OutboxWorker).drain();
      expect((await ctx.get(NotificationsService).list(ada, {})).items.map((n) => n.kind)).toContain('reply');
      expect(send.mock.calls.filter(([mail]) => mail.to === `${ada.username}@example.org`)).toEqual([]);
      send.mockRestore();
    });

    it('retries a failed e-mail later instead of failing the post', async () => {
      const d = await world.newDiscussion();
      const [ada, ben] = [await world.trainee(d), await world.trainee(d)];
      const mine = await answer(ada, d);
      await answer(ben, d);
      await ctx.get(OutboxWorker).drain();
      const mailer = ctx.get(Mailer);
      const send = jest.spyOn(mailer, 'send').mockRejectedValueOnce(new Error('SMTP is down'));
      await world.threads.post(ben, d.itemId, { body: 'Replying while mail is down', parentId: mine.id });
      await ctx.get(OutboxWorker).drain();
      const [failed] = await ctx.db.query<{ attempts: number; lastError: string; doneAt: Date | null }>(
        `SELECT attempts, last_error, done_at FROM outbox_message ORDER BY id DESC LIMIT 1`,
      );
      expect(failed).toMatchObject({ attempts: 1, lastError: 'SMTP is down', doneAt: null });
      await ctx.db.execute('UPDATE outbox_message SET available_at = now() WHERE done_at IS NULL');
      await ctx.get(OutboxWorker).drain();
      const [retried] = await ctx.db.query<{ attempts: number; doneAt: Date | null }>(`SELECT attempts, done_at FROM outbox_message ORDER BY id DESC LIMIT 1`);
      expect(retried.attempts).toBe(2);
      expect(retried.doneAt).not.toBeNull();
      send.mockRestore();
    });
  });

  describe('at the same time', () => {
    it('replies to an answer while it is being removed or hidden without deadlocking, and keeps counts right', async () => {
      const d = await world.newDiscussion();
      const people: AuthUser[] = [];
      for (let i = 0; i < 6; i++) people.push(await world.trainee(d));
      const answers: ReplyView[] = [];
      for (const person of people) answers.push(await answer(person, d));
      const failures: unknown[] = [];
      await Promise.all(
        answers.map(async (target, i) => {
          const replier = people[(i + 1) % people.length];
          const outcomes = await Promise.allSettled([
            world.threads.post(replier, d.itemId, { body: 'a reply', parentId: target.id }),
            i % 2 ? world.threads.remove(people[i], target.id) : world.moderation.setVisibility(d.author, target.id, true),
            world.threads.post(people[(i + 2) % people.length], d.itemId, { body: 'another', parentId: target.id }),
          ]);
          for (const outcome of outcomes) {
            if (outcome.status === 'rejected' && (outcome.reason as { code?: string }).code !== 'reply-closed') failures.push(outcome.reason);
          }
        }),
      );
      expect(failures).toEqual([]);
      expect((await world.threads.thread(d.author, d.itemId)).replyCount).toBe(0);
      const [{ wrong }] = await ctx.db.query<{ wrong: string }>(
        `SELECT count(*) AS wrong FROM reply a
          WHERE a.item_id = $1 AND a.parent_id IS NULL
            AND a.child_count <> (SELECT count(*) FROM reply c WHERE c.parent_id = a.id AND c.removed_at IS NULL AND c.hidden_at IS NULL)`,
        [d.itemId],
      );
      expect(Number(wrong)).toBe(0);
    });
  });

  describe('double posts', () => {
    it('posts once per Idempotency-Key, even when both arrive together', async () => {
      const d = await world.newDiscussion();
      const ada = await world.trainee(d);
      const [a, b] = await Promise.all([
        world.threads.post(ada, d.itemId, { body: 'Once only' }, 'key-123'),
        world.threads.post(ada, d.itemId, { body: 'Once only' }, 'key-123'),
      ]);
      expect(a.id).toBe(b.id);
      const again = await world.threads.post(ada, d.itemId, { body: 'Once only' }, 'key-123');
      expect(again).toEqual(a);
      const [{ count }] = await ctx.db.query<{ count: string }>('SELECT count(*) FROM reply WHERE item_id = $1', [d.itemId]);
      expect(Number(count)).toBe(1);
    });
  });

  describe('flags and reviews', () => {
    it('hides a reply flagged by three different people until staff look, and counts each person once', async () => {
      const d = await world.newDiscussion();
      const people = [];
      for (let i = 0; i < 4; i++) people.push(await world.trainee(d));
      for (const person of people) await answer(person, d);
      const target = (await world.threads.answers(people[0], d.itemId, {})).items[0];
      expect((await world.moderation.flag(people[1], target.id, 'rude')).hidden).toBe(false);
      expect(await codeOf(world.moderation.flag(people[1], target.id, 'again'))).toBe('already-flagged');
      expect((await world.moderation.flag(people[2], target.id, 'rude')).hidden).toBe(false);
      expect((await world.moderation.flag(people[3], target.id, 'rude')).hidden).toBe(true);

      expect((await world.threads.reply(people[1], target.id)).state).toBe('hidden');
      expect((await world.threads.reply(people[1], target.id)).bodyHtml).toBe('');
      expect((await world.threads.reply(d.author, target.id)).bodyHtml).not.toBe('');

      const queue = await world.moderation.queue(d.author, d.course.id);
      expect(queue.map((f) => f.reply.id)).toEqual([target.id, target.id, target.id]);
      expect(await codeOf(world.moderation.queue(people[1], d.course.id))).toBe('not-course-staff');
      await world.moderation.dismiss(d.author, queue[0].id);
      expect((await world.threads.reply(people[1], target.id)).state).toBe('visible');
      expect(await world.moderation.queue(d.author, d.course.id)).toEqual([]);
    });

    it('keeps a hide that staff confirmed, even when a stale queue page dismisses one of its flags later', async () => {
      const d = await world.newDiscussion();
      const people = [];
      for (let i = 0; i < 4; i++) people.push(await world.trainee(d));
      for (const person of people) await answer(person, d);
      const target = (await world.threads.answers(people[0], d.itemId, {})).items[0];
      for (const person of people.slice(1)) await world.moderation.flag(person, target.id, 'rude');
      const stalePage = await world.moderation.queue(d.author, d.course.id);

      await world.moderation.setVisibility(d.author, target.id, true);
      expect(await codeOf(world.moderation.dismiss(d.author, stalePage[1].id))).toBe('flag-settled');
      expect((await world.threads.reply(people[1], target.id)).state).toBe('hidden');
      expect(await world.moderation.queue(d.author, d.course.id)).toEqual([]);
      expect((await world.threads.thread(people[1], d.itemId)).replyCount).toBe(3);
    });

    it('keeps flags on a discussion the course no longer has in its queue', async () => {
      const d = await world.newDiscussion();
      const [ada, ben] = [await world.trainee(d), await world.trainee(d)];
      const adas = await answer(ada, d);
      await answer(ben, d);
      await world.moderation.flag(ben, adas.id, 'off topic');
      await world.authoring.removeItem(d.author, d.itemId);
      await world.publishing.publish(d.author, d.course.id, 'Without the discussion');

      const queue = await world.moderation.queue(d.author, d.course.id);
      expect(queue.map((flag) => [flag.reason, flag.reply.id, flag.reply.itemTitle])).toEqual([['off topic', adas.id, 'A discussion no longer in the course']]);
    });

    it('lets staff review answers (not replies), and shows the review to the answer’s author only', async () => {
      const d = await world.newDiscussion();
      const [ada, ben] = [await world.trainee(d), await world.trainee(d)];
      const mine = await answer(ada, d);
      await answer(ben, d);
      const reply = await world.threads.post(ben, d.itemId, { body: 'r', parentId: mine.id });
      expect(await codeOf(world.moderation.review(ben, mine.id, { status: 'accepted' }))).toBe('not-course-staff');
      expect(await codeOf(world.moderation.review(d.author, reply.id, { status: 'accepted' }))).toBe('not-an-answer');
      // Staff who take the course themselves do not review their own answers.
      await world.learning.enroll(d.author, d.course.id);
      const own = await world.threads.post(d.author, d.itemId, { body: 'My own answer' });
      expect(await codeOf(world.moderation.review(d.author, own.id, { status: 'accepted' }))).toBe('self-review');
      await world.moderation.review(d.author, mine.id, { status: 'accepted', comment: 'Thoughtful' });
      expect((await world.threads.reply(ada, mine.id)).review).toMatchObject({ status: 'accepted', comment: 'Thoughtful' });
      expect((await world.threads.reply(ben, mine.id)).review).toBeNull();
    });
  });

  describe('read tracking', () => {
    it('counts replies by others since I last read, and none on a post-first thread I cannot read yet', async () => {
      const d = await world.newDiscussion();
      const [ada, ben, cat] = [await world.trainee(d), await world.trainee(d), await world.trainee(d)];
      const mine = await answer(ada, d);
      await world.threads.markRead(ada, d.itemId);
      await answer(ben, d);
      await world.threads.post(ben, d.itemId, { body: 'reply', parentId: mine.id });
      const activity = async (who: AuthUser) => (await world.threads.activity(who, d.course.id)).find((t) => t.itemId === d.itemId);
      expect(await activity(ada)).toEqual({ itemId: d.itemId, answerCount: 2, unread: 2 });
      await world.threads.markRead(ada, d.itemId);
      expect((await activity(ada))?.unread).toBe(0);
      expect(await activity(cat)).toEqual({ itemId: d.itemId, answerCount: 2, unread: 0 });
    });

    it('counts unread replies up to a hundred, however busy the thread', async () => {
      const d = await world.newDiscussion();
      const reader = await world.trainee(d);
      await answer(reader, d);
      await ctx.db.execute(
        `INSERT INTO "user" (id, email, username, display_name, password_hash)
         SELECT gen_random_uuid(), 'busy' || n || '@example.org', 'busy' || n, 'Busy ' || n, 'x' FROM generate_series(1, 150) AS n`,
      );
      await ctx.db.execute(
        `INSERT INTO reply (item_id, course_id, author_id, body_md, body_html, word_count)
         SELECT $1, $2, u.id, 'x', '<p>x</p>', 1 FROM "user" u WHERE u.username LIKE 'busy%'`,
        [d.itemId, d.course.id],
      );
      await ctx.db.execute('UPDATE thread SET answer_count = answer_count + 150 WHERE item_id = $1', [d.itemId]);
      const [thread] = await world.threads.activity(reader, d.course.id);
      expect(thread).toEqual({ itemId: d.itemId, answerCount: 151, unread: UNREAD_COUNT_LIMIT });
    });
  });
});

/** An .eml as a reader sees it: headers unfolded and MIME-decoded, a quoted-printable body decoded. */
function decodeMail(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const qp = (text: string) => Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  const headers = head.replace(/\r?\n[ \t]+/g, ' ').replace(/=\?utf-8\?Q\?([^?]*)\?=\s*/gi, (_m, text: string) => qp(text.replace(/_/g, ' ')));
  const body = rest.join('\n\n');
  return `${headers}\n\n${/quoted-printable/i.test(head) ? qp(body) : body}`;
}
