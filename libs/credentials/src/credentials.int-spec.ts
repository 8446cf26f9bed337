import { gunzipSync } from 'node:zlib';
import type { JsonObject } from './badge-signing';
import { AuditModule, AuditService } from '@hearth/audit';
import { DiscussionsModule } from '@hearth/discussions';
import { type AuthUser, UsersService } from '@hearth/identity';
import { NotificationsModule, NotificationsService } from '@hearth/notifications';
import { DomainEvents, OutboxWorker, PersonalData } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext, statementsOf } from '@hearth/platform/testing';
import { CredentialStatus, STATUS_LIST_LENGTH } from './credential-status';
import { CredentialsModule } from './credentials.module';
import { RoleChangePreviewer } from './role-change-preview';
import { CredentialsWorld } from './testing';

describe('credentials (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let world: CredentialsWorld;
  let admin: AuthUser;

  beforeAll(async () => {
    ctx = await createIntegrationContext([CredentialsModule, DiscussionsModule, AuditModule, NotificationsModule]);
    world = new CredentialsWorld(ctx);
    admin = await world.newAdmin();
  });
  afterAll(() => ctx.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code ?? String(error));
  const me = (who: AuthUser) => ctx.get(UsersService).me(who);
  const notices = async (who: AuthUser) => (await ctx.get(NotificationsService).list(who, {})).items.map((n) => [n.kind, n.text]);

  describe('granting from completions', () => {
    it('grants an auto role the moment its course is completed, once, and /me lists it', async () => {
      const d = await world.newDiscussion();
      const key = await world.newRole(admin, { courseIds: [d.course.id], approval: 'auto', validityDays: 30 });
      const trainee = await world.trainee(d);
      expect((await world.grants.eligibility(trainee, key)).unmet.map((u) => u.kind)).toEqual(['course', 'requirement', 'requirement', 'requirement']);

      await world.complete(trainee, d);
      const roles = (await me(trainee)).facilitatorRoles;
      expect(roles).toEqual([{ key, name: expect.any(String), grantedAt: expect.any(String), expiresAt: expect.any(String) }]);
      expect(new Date(roles[0].expiresAt!).getTime() - new Date(roles[0].grantedAt).getTime()).toBe(30 * 86_400_000);
      expect(await world.grants.eligibility(trainee, key)).toMatchObject({ eligible: true, held: true, unmet: [] });
      const history = await world.grants.history(admin, trainee.id);
      expect(history.events.map((e) => [e.kind, e.actor])).toEqual([['granted', null]]);
      expect((await notices(trainee)).map(([kind]) => kind)).toContain('role_granted');
    });

    it('queues a review role with the evidence, and an admin approves it', async () => {
      const d = await world.newDiscussion();
      const key = await world.newRole(admin, { courseIds: [d.course.id], approval: 'review' });
      const trainee = await world.trainee(d);
      await world.complete(trainee, d);
      expect((await me(trainee)).facilitatorRoles).toEqual([]);
      expect(await world.grants.eligibility(trainee, key)).toMatchObject({ eligible: true, held: false, pending: true });

      const queue = (await world.grants.requests(admin, {})).items.filter((r) => r.roleKey === key);
      expect(queue).toHaveLength(1);
      const [request] = queue;
      expect(request.evidence.completions).toEqual([expect.objectContaining({ courseId: d.course.id, courseTitle: d.course.title })]);
      expect(request.evidence.completions[0].evidence.items.map((i) => i.type)).toEqual(['lesson', 'discussion', 'quiz']);
      expect(request.evidence.answers).toEqual([
        expect.objectContaining({ itemId: d.itemId, excerpt: expect.stringContaining('listen before they answer'), excerptHtml: expect.stringMatching(/^<p>.*listen before they answer/), review: null }),
      ]);

      expect(await codeOf(world.grants.approve(trainee, request.id, undefined))).toBe('forbidden');
      const approved = await world.grants.approve(admin, request.id, 'Thoughtful answers');
      expect(approved).toMatchObject({ status: 'approved', decidedBy: expect.objectContaining({ id: admin.id }), reason: 'Thoughtful answers' });
      expect((await me(trainee)).facilitatorRoles.map((r) => r.key)).toEqual([key]);
      expect(await codeOf(world.grants.approve(admin, request.id, undefined))).toBe('request-decided');
      expect((await world.grants.history(admin, trainee.id)).events.map((e) => e.kind)).toEqual(['granted', 'requested']);
    });

    it("puts on a request the record the completion brought: the answer as it read then, its review by name, whatever happens to the answer after", async () => {
      const d = await world.newDiscussion();
      const trainee = await world.trainee(d);
      const answer = await world.threads.post(trainee, d.itemId, { body: 'I keep the room **slow**: people listen before they answer, and I say so.' });
      await world.moderation.review(d.author, answer.id, { status: 'accepted', comment: 'Clear and kind.' });
      await world.complete(trainee, d, { answered: true });
      // After the completion the answer changes; the completion, and what rests on it, does not.
      await world.threads.edit(trainee, answer.id, 'Something else entirely, written long after the course was completed, which is not what counted.');

      // A review role defined after the fact: its request is built from credentials' own record.
      const key = await world.newRole(admin, { courseIds: [d.course.id], approval: 'review' });
      await ctx.get(OutboxWorker).drain();
      const [request] = (await world.grants.requests(admin, {})).items.filter((r) => r.roleKey === key);
      expect(request.evidence.answers).toEqual([
        {
          replyId: answer.id,
          itemId: d.itemId,
          itemTitle: expect.any(String),
          courseSlug: d.course.slug,
          excerpt: 'I keep the room **slow**: people listen before they answer, and I say so.',
          excerptHtml: '<p>I keep the room <strong>slow</strong>: people listen before they answer, and I say so.</p>\n',
          wordCount: expect.any(Number),
          review: { status: 'accepted', comment: 'Clear and kind.', reviewer: expect.objectContaining({ id: d.author.id }) },
        },
      ]);
      expect(request.evidence.completions).toEqual([expect.objectContaining({ courseId: d.course.id, courseSlug: d.course.slug, courseTitle: d.course.title })]);
      // The answers are listed once, not again inside each completion.
      expect(request.evidence.completions[0].evidence).not.toHaveProperty('answers');
    });

    it('previews a changed rule before it is saved: who would gain it, who holds it and no longer meets it, whose powers change', async () => {
      const [a, b] = [await world.newDiscussion(), await world.newDiscussion()];
      const key = await world.newRole(admin, { courseIds: [a.course.id], approval: 'auto' });
      const onlyA = await world.trainee(a);
      await world.complete(onlyA, a);
      const both = await world.trainee(a);
      await world.learning.enroll(both, b.course.id);
      await world.complete(both, a);
      await world.complete(both, b);
      const onlyB = await world.trainee(b);
      await world.complete(onlyB, b);
      const refused = await world.trainee(b);
      await world.complete(refused, b);
      const grant = await world.grants.grantByHand(admin, refused.id, key, 'For the weekend');
      await world.grants.revoke(admin, grant.id, 'Not ready after all');
      const before = await world.roles.get(key);

      const preview = await ctx.get(RoleChangePreviewer).preview(admin, key, { rule: { ...before.rule, courseIds: [b.course.id], approval: 'review' } });
      expect(preview).toEqual({
        roleKey: key,
        version: before.version + 1,
        // Not the one an admin revoked it from: the rule never gives back what an admin took.
        gaining: { count: 1, people: [expect.objectContaining({ id: onlyB.id })], how: 'requested' },
        losing: { count: 1, people: [expect.objectContaining({ id: onlyA.id })] },
        powersChange: null,
      });
      const powers = await ctx.get(RoleChangePreviewer).preview(admin, key, { effects: { ...before.effects, bundle: 'session_leader' } });
      expect(powers).toMatchObject({ gaining: { count: 0, people: [] }, losing: { count: 0 }, powersChange: { count: 2 } });
      // The same effects in another order are no change.
      expect((await ctx.get(RoleChangePreviewer).preview(admin, key, { effects: { ...before.effects, roomTags: [...before.effects.roomTags].reverse() } })).powersChange).toBeNull();

      // Nothing was saved, and only admins may ask; a rule that would not save is refused as the save refuses it.
      expect((await world.roles.get(key)).version).toBe(before.version);
      expect(await codeOf(ctx.get(RoleChangePreviewer).preview(onlyA, key, {}))).toBe('forbidden');
      expect(await codeOf(ctx.get(RoleChangePreviewer).preview(admin, 'no_such_role', {}))).toBe('role-not-found');
      expect(await codeOf(ctx.get(RoleChangePreviewer).preview(admin, key, { rule: { ...before.rule, courseIds: ['00000000-0000-4000-8000-000000000000'] } }))).toBe('invalid-role');
    });

    it("blanks a deleted mentor's review comments wherever the evidence copied them, and nothing else", async () => {
      const d = await world.newDiscussion();
      await world.newRole(admin, { courseIds: [d.course.id], approval: 'review' });
      const trainee = await world.trainee(d);
      const answer = await world.threads.post(trainee, d.itemId, { body: 'I keep the room slow, and I name what I see before I answer it.' });
      await world.moderation.review(d.author, answer.id, { status: 'accepted', comment: 'Words only the mentor wrote.' });
      await world.complete(trainee, d, { answered: true });
      const copies = async () => {
        const [progress, enrollment, record, request] = await Promise.all([
          ctx.db.query('SELECT review FROM item_progress WHERE user_id = $1 AND item_id = $2', [trainee.id, d.itemId]),
          ctx.db.query('SELECT evidence FROM enrollment_progress WHERE user_id = $1 AND course_id = $2', [trainee.id, d.course.id]),
          ctx.db.query('SELECT evidence FROM completion_record WHERE user_id = $1 AND course_id = $2', [trainee.id, d.course.id]),
          ctx.db.query('SELECT evidence FROM grant_request WHERE user_id = $1', [trainee.id]),
        ]);
        return JSON.stringify([progress, enrollment, record, request]);
      };
      expect((await copies()).split('Words only the mentor wrote.')).toHaveLength(5);

      await ctx.get(PersonalData).eraseAll(d.author.id, admin.id);
      const after = await copies();
      expect(after).not.toContain('Words only the mentor wrote.');
      // The review itself stands in the evidence: accepted, by whom, only without its words.
      expect(after).toContain('I keep the room slow');
      expect((await world.grants.requests(admin, {})).items.find((r) => r.user.id === trainee.id)?.evidence.answers[0].review).toMatchObject({ status: 'accepted', comment: null });
    });

    it('records a denial with its reason, and tells the trainee', async () => {
      const d = await world.newDiscussion();
      const key = await world.newRole(admin, { courseIds: [d.course.id], approval: 'review' });
      const trainee = await world.trainee(d);
      await world.complete(trainee, d);
      const [request] = (await world.grants.requests(admin, {})).items.filter((r) => r.roleKey === key);
      await world.grants.deny(admin, request.id, 'Practise in a session first');
      const history = await world.grants.history(admin, trainee.id);
      expect(history.events[0]).toMatchObject({ kind: 'denied', reason: 'Practise in a session first', actor: expect.objectContaining({ id: admin.id }) });
      expect((await notices(trainee))[0]).toEqual(['request_denied', expect.stringContaining('was declined')]);
    });

    it('grants a role that builds on another once both are met, when the first is granted', async () => {
      const d = await world.newDiscussion();
      const base = await world.newRole(admin, { courseIds: [], approval: 'review' });
      const next = await world.newRole(admin, { courseIds: [d.course.id], roleKeys: [base], approval: 'auto' });
      const trainee = await world.trainee(d);
      await world.complete(trainee, d);
      expect((await world.grants.eligibility(trainee, next)).unmet).toEqual([{ kind: 'role', detail: expect.stringContaining('Hold the role'), link: `/roles#${base}` }]);
      await world.grants.grantByHand(admin, trainee.id, base, 'Experienced host');
      expect((await me(trainee)).facilitatorRoles.map((r) => r.key).sort()).toEqual([base, next].sort());
    });
  });

  describe('rules met in other ways', () => {
    it('grants a role needing two courses when both complete at the same moment', async () => {
      const [a, b] = [await world.newDiscussion(), await world.newDiscussion()];
      const key = await world.newRole(admin, { courseIds: [a.course.id, b.course.id], approval: 'auto' });
      for (let round = 0; round < 6; round++) {
        const trainee = await world.newUser();
        await world.learning.enroll(trainee, a.course.id);
        await world.learning.enroll(trainee, b.course.id);
        // Everything but each course's lesson, then both lessons at once.
        for (const d of [a, b]) {
          await world.threads.post(trainee, d.itemId, { body: 'A room where people listen before they answer, and the host keeps things slow.' });
          const quiz = await world.learning.read(trainee, d.quiz.id);
          const right = quiz.questions![0].options.find((option) => option.textHtml.includes('Slow down'))!;
          await world.learning.attempt(trainee, d.quiz.id, { answers: [{ questionId: quiz.questions![0].id, optionIds: [right.id] }] });
        }
        await Promise.all([world.learning.markViewed(trainee, a.lesson.id), world.learning.markViewed(trainee, b.lesson.id)]);
        expect((await me(trainee)).facilitatorRoles.map((r) => r.key)).toEqual([key]);
      }
    });

    it('looks again at everyone who completed a course when a rule starts asking for it', async () => {
      const d = await world.newDiscussion();
      const [early, late] = [await world.trainee(d), await world.trainee(d)];
      await world.complete(early, d);
      await world.complete(late, d);
      const key = await world.newRole(admin, {});
      await world.roles.update(admin, key, { rule: { courseIds: [d.course.id], roleKeys: [], approval: 'review', validityDays: null } });
      // The change commits first; the worker then considers each person who completed the course.
      await ctx.get(OutboxWorker).drain();
      const queue = (await world.grants.requests(admin, {})).items.filter((r) => r.roleKey === key);
      expect(queue.map((r) => r.user.id).sort()).toEqual([early.id, late.id].sort());
    });

    it('never gives back by itself a role an admin revoked or refused; the member may ask again', async () => {
      const d = await world.newDiscussion();
      const base = await world.newRole(admin, {});
      const next = await world.newRole(admin, { courseIds: [d.course.id], roleKeys: [base], approval: 'auto' });
      const trainee = await world.trainee(d);
      await world.complete(trainee, d);
      const baseGrant = await world.grants.grantByHand(admin, trainee.id, base, 'ok');
      const nextGrant = (await world.grants.history(admin, trainee.id)).grants.find((g) => g.roleKey === next)!;
      await world.grants.revoke(admin, nextGrant.id, 'Not for now');
      await world.grants.revoke(admin, baseGrant.id, 'Pause');
      await world.grants.reinstate(admin, baseGrant.id, 'Back');
      expect((await me(trainee)).facilitatorRoles.map((r) => r.key)).toEqual([base]);

      // Asking is the member's way back: a request for an admin, with the evidence.
      expect(await world.grants.ask(trainee, next)).toMatchObject({ pending: true, held: false });
      expect(await codeOf(world.grants.ask(trainee, next))).toBe('request-pending');
      const [request] = (await world.grants.requests(admin, {})).items.filter((r) => r.roleKey === next && r.user.id === trainee.id);
      expect(request.evidence.completions[0].courseId).toBe(d.course.id);
      const stranger = await world.newUser();
      expect(await codeOf(world.grants.ask(stranger, next))).toBe('not-eligible');
      expect(await codeOf(world.grants.ask(trainee, base))).toBe('role-already-held');
    });

    it('approves only while the roles a role builds on are held, and not a role held already', async () => {
      const d = await world.newDiscussion();
      const base = await world.newRole(admin, {});
      const next = await world.newRole(admin, { courseIds: [d.course.id], roleKeys: [base], approval: 'review' });
      const trainee = await world.trainee(d);
      const baseGrant = await world.grants.grantByHand(admin, trainee.id, base, 'ok');
      await world.complete(trainee, d);
      const [request] = (await world.grants.requests(admin, {})).items.filter((r) => r.roleKey === next && r.user.id === trainee.id);
      await world.grants.revoke(admin, baseGrant.id, 'Lapsed');
      expect(await codeOf(world.grants.approve(admin, request.id, undefined))).toBe('prerequisite-roles-missing');
      await world.grants.reinstate(admin, baseGrant.id, 'Renewed');
      await world.grants.grantByHand(admin, trainee.id, next, 'Known already');
      expect(await codeOf(world.grants.approve(admin, request.id, undefined))).toBe('role-already-held');
      expect((await world.grants.requests(admin, {})).items.some((r) => r.id === request.id)).toBe(true);
    });
  });

  describe('by hand, at the same time', () => {
    it('grants once however many admins grant together', async () => {
      const key = await world.newRole(admin, {});
      const trainee = await world.newUser();
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => codeOf(world.grants.grantByHand(admin, trainee.id, key, 'Known to us'))));
      expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'role-already-held')).toHaveLength(5);
      const [{ count }] = await ctx.db.query<{ count: string }>("SELECT count(*) FROM role_grant WHERE user_id = $1 AND status = 'active'", [trainee.id]);
      expect(Number(count)).toBe(1);
    });

    it('approves a request once when two admins approve it together', async () => {
      const d = await world.newDiscussion();
      const key = await world.newRole(admin, { courseIds: [d.course.id], approval: 'review' });
      const other = await world.newAdmin();
      const trainee = await world.trainee(d);
      await world.complete(trainee, d);
      const [request] = (await world.grants.requests(admin, {})).items.filter((r) => r.roleKey === key);
      const outcomes = await Promise.all([codeOf(world.grants.approve(admin, request.id, undefined)), codeOf(world.grants.approve(other, request.id, undefined))]);
      expect(outcomes.sort()).toEqual(['request-decided', 'resolved']);
      expect((await world.grants.history(admin, trainee.id)).events.filter((e) => e.kind === 'granted')).toHaveLength(1);
    });

    it('refuses a role whose prerequisite role is not held, and a role held already', async () => {
      const base = await world.newRole(admin, {});
      const next = await world.newRole(admin, { roleKeys: [base] });
      const trainee = await world.newUser();
      expect(await codeOf(world.grants.grantByHand(admin, trainee.id, next, 'ok'))).toBe('prerequisite-roles-missing');
      await world.grants.grantByHand(admin, trainee.id, base, 'ok');
      expect(await codeOf(world.grants.grantByHand(admin, trainee.id, base, 'again'))).toBe('role-already-held');
      expect(await codeOf(world.grants.grantByHand(trainee, trainee.id, base, 'me'))).toBe('forbidden');
    });
  });

  describe('revoking, reinstating, expiring', () => {
    it('revokes with who and why, takes the role off /me, and reinstates it', async () => {
      const key = await world.newRole(admin, {});
      const trainee = await world.newUser();
      const grant = await world.grants.grantByHand(admin, trainee.id, key, 'Trusted');
      const revoked = await world.grants.revoke(admin, grant.id, 'Left the team');
      expect(revoked.status).toBe('revoked');
      expect((await me(trainee)).facilitatorRoles).toEqual([]);
      expect(await codeOf(world.grants.revoke(admin, grant.id, 'again'))).toBe('grant-not-active');
      await world.grants.reinstate(admin, grant.id, 'Came back');
      expect((await me(trainee)).facilitatorRoles.map((r) => r.key)).toEqual([key]);
      expect((await world.grants.history(admin, trainee.id)).events.map((e) => [e.kind, e.reason, e.actor?.id])).toEqual([
        ['reinstated', 'Came back', admin.id],
        ['revoked', 'Left the team', admin.id],
        ['granted', 'Trusted', admin.id],
      ]);
      expect((await notices(trainee)).map(([kind]) => kind)).toEqual(['role_granted', 'role_revoked', 'role_granted']);
      await world.grants.revoke(admin, grant.id, 'Left again');
      expect((await notices(trainee)).map(([kind]) => kind)).toEqual(['role_revoked', 'role_granted', 'role_revoked', 'role_granted']);
    });

    it('stops counting a grant past its end even before the sweep comes by, and grants afresh over it', async () => {
      const key = await world.newRole(admin, { validityDays: 30 });
      const trainee = await world.newUser();
      const grant = await world.grants.grantByHand(admin, trainee.id, key, 'Season one');
      ctx.clock.advance({ days: 30, minutes: 1 });
      expect((await me(trainee)).facilitatorRoles).toEqual([]);
      await world.grants.grantByHand(admin, trainee.id, key, 'Season two');
      expect((await world.grants.history(admin, trainee.id)).events.map((e) => e.kind)).toEqual(['granted', 'expired', 'granted']);
    });

    it('keeps the history append-only, in the database itself', async () => {
      await expect(ctx.db.execute("UPDATE grant_event SET reason = 'rewritten'")).rejects.toThrow(/append-only/);
      await expect(ctx.db.execute('DELETE FROM grant_event')).rejects.toThrow(/append-only/);
    });

    it('warns the holder fourteen days ahead, once, and expires the grant when it runs out', async () => {
      const key = await world.newRole(admin, { validityDays: 20 });
      const trainee = await world.newUser();
      const grant = await world.grants.grantByHand(admin, trainee.id, key, 'For a season');
      const day = 86_400_000;
      const at = (days: number) => new Date(new Date(grant.grantedAt).getTime() + days * day);

      await world.sweep.run(at(5));
      expect((await notices(trainee)).map(([kind]) => kind)).toEqual(['role_granted']);
      await world.sweep.run(at(7));
      await world.sweep.run(at(8));
      expect((await notices(trainee)).map(([kind]) => kind)).toEqual(['role_expiring', 'role_granted']);
      expect((await me(trainee)).facilitatorRoles).toHaveLength(1);

      await world.sweep.run(at(21));
      expect((await me(trainee)).facilitatorRoles).toEqual([]);
      expect((await world.grants.history(admin, trainee.id)).events.map((e) => [e.kind, e.actor])).toEqual([
        ['expired', null],
        ['granted', expect.objectContaining({ id: admin.id })],
      ]);
      expect((await notices(trainee))[0]).toEqual(['role_expired', expect.stringContaining('has ended')]);
    });
  });

  describe('roles built on roles, and suspensions', () => {
    /** A role, a second built on it, and a third built on the second; a person holding all three (the first until `baseEnds`, if given). */
    async function chain(baseEnds?: Date) {
      const base = await world.newRole(admin, {});
      const middle = await world.newRole(admin, { roleKeys: [base] });
      const top = await world.newRole(admin, { roleKeys: [middle] });
      const person = await world.newUser();
      const grants = [];
      for (const key of [base, middle, top]) grants.push(await world.grants.grantByHand(admin, person.id, key, 'For the test', key === base ? baseEnds?.toISOString() : undefined));
      return { keys: [base, middle, top], person, grants };
    }
    const statuses = async (who: AuthUser) =>
      Object.fromEntries((await world.grants.mine(who)).roles.map((grant) => [grant.roleKey, [grant.status, grant.suspension?.cause ?? null]]));

    it('suspends the roles built on a revoked one, all the way down, in the same transaction, and reinstating restores them', async () => {
      const { keys: [base, middle, top], person, grants } = await chain();
      await world.grants.revoke(admin, grants[0].id, 'Stepped back');
      expect(await statuses(person)).toEqual({ [middle]: ['suspended', 'prerequisite'], [top]: ['suspended', 'prerequisite'] });
      expect((await me(person)).facilitatorRoles).toEqual([]);
      expect((await world.grants.eligibility(person, middle))).toMatchObject({ held: false, suspended: true });
      const [middleGrant] = (await world.grants.mine(person)).roles.filter((grant) => grant.roleKey === middle);
      expect(middleGrant.suspension).toEqual({ cause: 'prerequisite', reason: expect.stringMatching(/^It builds on Role \d+, which is no longer held\.$/), since: expect.any(String), until: null, refresher: null });
      // Told, once per role held back.
      expect((await notices(person)).filter(([kind]) => kind === 'role_suspended')).toEqual([
        ['role_suspended', expect.stringContaining('is suspended until an admin reinstates it')],
        ['role_suspended', expect.stringContaining('is suspended until an admin reinstates it')],
      ]);
      // A suspended role cannot be granted over, nor reinstated while what it builds on is missing.
      expect(await codeOf(world.grants.grantByHand(admin, person.id, middle, 'Again'))).toBe('prerequisite-roles-missing');
      expect(await codeOf(world.grants.reinstate(admin, grants[1].id, 'Too soon'))).toBe('prerequisite-roles-missing');

      await world.grants.reinstate(admin, grants[0].id, 'Back with us');
      expect(await statuses(person)).toEqual({ [base]: ['active', null], [middle]: ['active', null], [top]: ['active', null] });
      expect((await me(person)).facilitatorRoles.map((role) => role.key).sort()).toEqual([base, middle, top].sort());
      const history = (await world.grants.history(admin, person.id)).events;
      expect(history.slice(0, 6).map((event) => [event.kind, event.roleKey, event.actor?.id ?? null])).toEqual([
        ['reinstated', top, null],
        ['reinstated', middle, null],
        ['reinstated', base, admin.id],
        ['suspended', top, null],
        ['suspended', middle, null],
        ['revoked', base, admin.id],
      ]);
      expect((await notices(person))[0]).toEqual(['role_granted', expect.stringContaining('is yours again')]);
    });

    it('suspends the roles built on one that expires, and grants afresh restore them', async () => {
      const { keys: [base, middle], person } = await chain(new Date(ctx.clock.now().getTime() + 3_600_000));
      expect(await world.sweep.run()).toMatchObject({ expired: 0 });
      ctx.clock.advance({ hours: 2 });
      expect(await world.sweep.run()).toMatchObject({ expired: 1 });
      expect(Object.keys(await statuses(person))).not.toContain(base);
      expect((await statuses(person))[middle]).toEqual(['suspended', 'prerequisite']);
      await world.grants.grantByHand(admin, person.id, base, 'Renewed');
      expect((await statuses(person))[middle]).toEqual(['active', null]);
    });

    it('lets an admin suspend a role for a time, which ends by itself, and keeps a prerequisite’s hold when that ends first', async () => {
      const { keys: [base, middle, top], person, grants } = await chain();
      expect(await codeOf(world.grants.suspend(person, grants[1].id, 'Not mine to do'))).toBe('forbidden');
      expect(await codeOf(world.grants.suspend(admin, grants[1].id, 'Backwards', new Date(ctx.clock.now().getTime() - 1000).toISOString()))).toBe('validation');
      const until = new Date(ctx.clock.now().getTime() + 3_600_000);
      const suspended = await world.grants.suspend(admin, grants[1].id, 'Complaint upheld', until.toISOString());
      expect(suspended).toMatchObject({ status: 'suspended', suspension: { cause: 'admin', reason: 'Complaint upheld', until: until.toISOString() } });
      expect(await statuses(person)).toEqual({ [base]: ['active', null], [middle]: ['suspended', 'admin'], [top]: ['suspended', 'prerequisite'] });
      expect(await codeOf(world.grants.suspend(admin, grants[1].id, 'Again'))).toBe('grant-not-active');

      // Its time runs out: it and what builds on it are back.
      expect(await world.sweep.run()).toMatchObject({ restored: 0 });
      ctx.clock.set(new Date(until.getTime() + 1000));
      expect(await world.sweep.run()).toMatchObject({ restored: 1 });
      expect(await statuses(person)).toEqual({ [base]: ['active', null], [middle]: ['active', null], [top]: ['active', null] });

      // Suspended again, and meanwhile what it builds on is revoked: when the suspension's time is up it stays held back, for that reason.
      const again = new Date(ctx.clock.now().getTime() + 3_600_000);
      await world.grants.suspend(admin, grants[1].id, 'Second complaint', again.toISOString());
      await world.grants.revoke(admin, grants[0].id, 'Stepped back');
      ctx.clock.set(new Date(again.getTime() + 1000));
      await world.sweep.run();
      expect((await statuses(person))[middle]).toEqual(['suspended', 'prerequisite']);
      expect((await ctx.get(AuditService).list(admin, { subject: person.id, kind: 'role.suspended' })).items.map((entry) => entry.summary)).toContain(
        `Suspended “${suspended.roleName}” until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      );
    });

    it('grants a role by hand until a date sooner than its validity, and says when the clock should next look', async () => {
      const key = await world.newRole(admin, { validityDays: 30 });
      const person = await world.newUser();
      expect(await codeOf(world.grants.grantByHand(admin, person.id, key, 'Yesterday', new Date(ctx.clock.now().getTime() - 60_000).toISOString()))).toBe('validation');
      const ends = new Date(ctx.clock.now().getTime() + 90 * 60_000);
      const grant = await world.grants.grantByHand(admin, person.id, key, 'For the weekend', ends.toISOString());
      expect(grant.expiresAt).toBe(ends.toISOString());
      expect((await world.sweep.nextDeadline())!.getTime()).toBeLessThanOrEqual(ends.getTime());
    });
  });

  describe('recertification', () => {
    const DAY = 86_400_000;
    const statusOf = async (person: AuthUser, key: string) => (await world.grants.history(admin, person.id)).grants.find((g) => g.roleKey === key)!;
    const refresherOf = async (person: AuthUser, courseId: string) => (await world.learning.progress(person, courseId)).refresher;

    it('asks holders of the roles built on a changed course to redo what changed by a deadline, warns them, suspends and then restores their roles', async () => {
      const d = await world.newDiscussion();
      const key = await world.newRole(admin, { courseIds: [d.course.id], approval: 'auto' });
      const [holder, learner] = [await world.trainee(d), await world.trainee(d)];
      await world.complete(holder, d);
      expect((await statusOf(holder, key)).status).toBe('active');

      // Nothing to redo: a first version cannot ask it, nor one where nothing a trainee reads changed.
      const fresh = await world.newCourse(d.author);
      expect(await codeOf(world.publishing.publish(d.author, fresh.course.id, 'First', { days: 30 }))).toBe('nothing-to-recertify');
      await world.authoring.updateItem(d.author, d.lesson.id, { title: 'A lesson, renamed' });
      expect(await codeOf(world.publishing.publish(d.author, d.course.id, 'Renamed', { days: 30 }))).toBe('nothing-to-recertify');

      await world.authoring.updateItem(d.author, d.lesson.id, { body: 'Read *this*, and then what we learned this year.' });
      await world.publishing.publish(d.author, d.course.id, 'What we learned this year', { days: 30 });
      expect((await world.courses.versionsOf(d.author, d.course.id))[0]).toMatchObject({ note: 'What we learned this year', recertify: { days: 30, items: 1 } });
      await ctx.get(OutboxWorker).drain();
      // The holder redoes the one lesson that changed; who holds no role is asked nothing.
      expect((await refresherOf(holder, d.course.id))?.items.map((item) => [item.itemId, item.done])).toEqual([[d.lesson.id, false]]);
      expect(await refresherOf(learner, d.course.id)).toBeNull();
      expect((await refresherOf(holder, d.course.id))?.dueAt).toEqual(expect.any(String));
      expect((await notices(holder)).find(([kind]) => kind === 'refresher_assigned')?.[1]).toMatch(/changed: redo the part that changed by/);

      ctx.clock.advance({ days: 22 });
      expect((await world.sweep.run()).recertification).toEqual({ warned: 0, suspended: 0 });
      ctx.clock.advance({ days: 2 });
      expect((await world.sweep.run()).recertification).toEqual({ warned: 1, suspended: 0 });
      expect((await world.sweep.run()).recertification).toEqual({ warned: 0, suspended: 0 });
      expect((await notices(holder)).map(([kind]) => kind)).toContain('refresher_due');
      ctx.clock.advance({ days: 7 });
      expect((await world.sweep.run()).recertification).toEqual({ warned: 0, suspended: 1 });
      expect(await statusOf(holder, key)).toMatchObject({ status: 'suspended', suspension: { cause: 'recertification', until: null, refresher: { cause: 'recertification', status: 'open' } } });
      expect((await me(holder)).facilitatorRoles).toEqual([]);

      // Redone, late: the role comes back by itself (after the redo commits).
      await world.learning.markViewed(holder, d.lesson.id);
      await ctx.get(OutboxWorker).drain();
      expect(await refresherOf(holder, d.course.id)).toBeNull();
      expect(await statusOf(holder, key)).toMatchObject({ status: 'active', suspension: null });
      expect((await world.grants.history(admin, holder.id)).events.map((e) => e.kind)).toEqual(['reinstated', 'suspended', 'granted']);
    });

    it('keeps a holder who redoes in time from being suspended, and adds a second change to what is still to do', async () => {
      const d = await world.newDiscussion();
      const key = await world.newRole(admin, { courseIds: [d.course.id], approval: 'auto' });
      const [early, late] = [await world.trainee(d), await world.trainee(d)];
      await world.complete(early, d);
      await world.complete(late, d);
      await world.authoring.updateItem(d.author, d.lesson.id, { body: 'A new lesson text.' });
      await world.publishing.publish(d.author, d.course.id, 'Lesson', { days: 10 });
      await ctx.get(OutboxWorker).drain();
      await world.learning.markViewed(early, d.lesson.id);
      expect(await refresherOf(early, d.course.id)).toBeNull();

      await world.authoring.updateItem(d.author, d.discussion.id, { body: 'Think of a room you like, and one you did not.' });
      await world.publishing.publish(d.author, d.course.id, 'Discussion', { days: 10 });
      await ctx.get(OutboxWorker).drain();
      expect((await refresherOf(early, d.course.id))?.items.map((item) => item.itemId)).toEqual([d.discussion.id]);
      expect((await refresherOf(late, d.course.id))?.items.map((item) => item.itemId)).toEqual([d.lesson.id, d.discussion.id]);

      const answer = (await world.threads.thread(early, d.itemId)).myAnswerId!;
      await world.threads.edit(early, answer, 'A room where people listen before they answer; and one where nobody did, which taught me more.');
      await ctx.get(OutboxWorker).drain();
      ctx.clock.advance({ days: 11 });
      expect((await world.sweep.run()).recertification).toMatchObject({ suspended: 1 });
      expect((await statusOf(early, key)).status).toBe('active');
      expect((await statusOf(late, key)).suspension).toMatchObject({ cause: 'recertification' });
    });
  });

  describe('recertification and a later version', () => {
    it('completes a refresher whose last item to redo a later version took out', async () => {
      const d = await world.newDiscussion();
      await world.newRole(admin, { courseIds: [d.course.id], approval: 'auto' });
      const holder = await world.trainee(d);
      await world.complete(holder, d);
      await world.authoring.updateItem(d.author, d.lesson.id, { body: 'A lesson that will not stay.' });
      await world.publishing.publish(d.author, d.course.id, 'Lesson', { days: 10 });
      await ctx.get(OutboxWorker).drain();
      expect((await world.learning.progress(holder, d.course.id)).refresher?.items.map((item) => item.itemId)).toEqual([d.lesson.id]);

      await world.authoring.removeItem(d.author, d.lesson.id);
      await world.publishing.publish(d.author, d.course.id, 'Without the lesson');
      await ctx.get(OutboxWorker).drain();
      expect((await world.learning.progress(holder, d.course.id)).refresher).toBeNull();
      ctx.clock.advance({ days: 11 });
      expect((await world.sweep.run()).recertification).toMatchObject({ suspended: 0 });
    });
  });

  describe('recertification of someone who holds no role any more', () => {
    it('stops asking once the role built on the course is gone', async () => {
      const d = await world.newDiscussion();
      const key = await world.newRole(admin, { courseIds: [d.course.id], approval: 'auto' });
      const holder = await world.trainee(d);
      await world.complete(holder, d);
      await world.authoring.updateItem(d.author, d.lesson.id, { body: 'Changed again.' });
      await world.publishing.publish(d.author, d.course.id, 'Changed', { days: 10 });
      await ctx.get(OutboxWorker).drain();
      expect(await world.learning.progress(holder, d.course.id).then((p) => p.refresher)).not.toBeNull();
      const grant = (await world.grants.history(admin, holder.id)).grants.find((g) => g.roleKey === key)!;
      await world.grants.revoke(admin, grant.id, 'Left the team');
      ctx.clock.advance({ days: 5 });
      await world.sweep.run();
      expect(await world.learning.progress(holder, d.course.id).then((p) => p.refresher)).toBeNull();
      expect((await notices(holder)).map(([kind]) => kind)).not.toContain('refresher_due');
    });
  });

  describe('activity', () => {
    const hosted = (userId: string, minutes: number) =>
      ctx.db.transaction(() =>
        ctx.get(DomainEvents).publish('session.ended', {
          sessionId: crypto.randomUUID(),
          roomId: crypto.randomUUID(),
          kind: 'support',
          endedBy: userId,
          attendees: 3,
          hosts: [{ userId, minutes }],
          endedAt: ctx.clock.now().toISOString(),
        }),
      );
    const activityOf = async (person: AuthUser, key: string) => (await world.grants.mine(person)).roles.find((g) => g.roleKey === key)?.activity;

    it('warns a holder who hosts too little, suspends the role after the grace, and counts afresh once an admin reinstates it', async () => {
      const key = await world.newRole(admin, { activity: { minutes: 60, days: 30 } });
      const [quiet, busy] = [await world.newUser(), await world.newUser()];
      await world.grants.grantByHand(admin, quiet.id, key, 'Hosts the evening room');
      const busyGrant = await world.grants.grantByHand(admin, busy.id, key, 'Hosts the morning room');
      // A window counts once the grant has been held that long.
      expect((await world.sweep.run()).activity).toEqual({ warned: 0, suspended: 0, cleared: 0 });
      ctx.clock.advance({ days: 31 });
      await hosted(quiet.id, 20);
      await hosted(busy.id, 45);
      await hosted(busy.id, 30);
      expect((await world.sweep.run()).activity).toEqual({ warned: 1, suspended: 0, cleared: 0 });
      expect(await activityOf(quiet, key)).toEqual({ minutes: 20, needed: 60, days: 30, suspendAt: expect.any(String) });
      expect(await activityOf(busy, key)).toEqual({ minutes: 75, needed: 60, days: 30, suspendAt: null });
      expect((await notices(quiet)).find(([kind]) => kind === 'activity_low')?.[1]).toMatch(/You hosted 20 of the 60 minutes/);

      ctx.clock.advance({ days: 3 });
      expect((await world.sweep.run()).activity).toEqual({ warned: 0, suspended: 0, cleared: 0 });
      ctx.clock.advance({ days: 5 });
      expect((await world.sweep.run()).activity).toMatchObject({ suspended: 1 });
      const suspended = (await world.grants.history(admin, quiet.id)).grants.find((g) => g.roleKey === key)!;
      expect(suspended).toMatchObject({ status: 'suspended', suspension: { cause: 'inactive', until: null, reason: expect.stringContaining('Hosted 20 of the 60 minutes') } });

      // Reinstated by an admin, the window starts again: no warning until it has run.
      await world.grants.reinstate(admin, suspended.id, 'Back from a break');
      expect((await world.sweep.run()).activity).toMatchObject({ warned: 0, suspended: 0 });
      expect((await world.grants.history(admin, quiet.id)).grants.find((g) => g.roleKey === key)).toMatchObject({ status: 'active' });

      // The busy holder, short later on, is warned (the reinstated one's window has not run yet); hosting enough again forgets it.
      ctx.clock.advance({ days: 25 });
      expect((await world.sweep.run()).activity).toMatchObject({ warned: 1 });
      await hosted(busy.id, 60);
      expect((await world.sweep.run()).activity).toMatchObject({ cleared: 1 });
      expect((await world.grants.history(admin, busy.id)).grants.find((g) => g.id === busyGrant.id)).toMatchObject({ status: 'active' });
    });
  });

  describe('role definitions', () => {
    it('versions every change; grants keep the version they were made under', async () => {
      const key = await world.newRole(admin, {});
      const trainee = await world.newUser();
      await world.grants.grantByHand(admin, trainee.id, key, 'v1');
      const changed = await world.roles.update(admin, key, { name: 'Renamed', rule: { courseIds: [], roleKeys: [], approval: 'review', validityDays: 90 } });
      expect(changed).toMatchObject({ version: 2, name: 'Renamed' });
      expect((await world.grants.history(admin, trainee.id)).grants[0]).toMatchObject({ roleVersion: 1, roleName: 'Renamed' });
    });

    it('refuses unknown courses and roles, and roles that need themselves', async () => {
      const a = await world.newRole(admin, {});
      const b = await world.newRole(admin, { roleKeys: [a] });
      const problems = (promise: Promise<unknown>) => promise.then(() => [], (error: { fieldErrors?: Array<{ field: string }> }) => (error.fieldErrors ?? []).map((f) => f.field));
      expect(await problems(world.roles.update(admin, a, { rule: { courseIds: ['00000000-0000-4000-8000-000000000000'], roleKeys: [b, 'nope'], approval: 'auto', validityDays: null } }))).toEqual([
        'rule.courseIds.0',
        'rule.roleKeys.1',
        'rule.roleKeys',
      ]);
      expect(await codeOf(world.newRole(await world.newUser(), {}))).toBe('forbidden');
      expect(await codeOf(world.roles.create(admin, { key: a, name: 'Again', description: '', rule: { courseIds: [], roleKeys: [], approval: 'auto', validityDays: null }, effects: { bundle: 'moderator', roomIds: [], roomTags: [] } }))).toBe('role-key-taken');
    });
  });

  describe('badges', () => {
    it('awards a signed Open Badges 3.0 credential for a completion, which verifies until revoked', async () => {
      const d = await world.newDiscussion();
      const trainee = await world.trainee(d);
      await world.complete(trainee, d);
      const [badge] = await world.badges.of(trainee.id);
      expect(badge).toMatchObject({ courseId: d.course.id, name: d.course.title, revoked: false });
      expect((await me(trainee)).badges).toEqual([{ assertionId: badge.assertionId, name: d.course.title, awardedAt: badge.issuedAt }]);

      const credential = await world.badges.credential(badge.assertionId);
      expect(credential).toMatchObject({
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        credentialSubject: { type: ['AchievementSubject'], achievement: { type: ['Achievement'], name: d.course.title } },
        proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofPurpose: 'assertionMethod', verificationMethod: expect.stringMatching(/\/api\/v1\/badges\/issuer#key-1$/) },
      });
      expect(JSON.stringify(credential)).not.toContain('@example.org');
      const issuer = await world.badges.issuer();
      expect((issuer.verificationMethod as JsonObject[])[0]).toMatchObject({ type: 'Multikey', publicKeyMultibase: expect.stringMatching(/^z6Mk/) });
      expect(await world.badges.verify(badge.assertionId)).toMatchObject({ signatureValid: true, revoked: false, valid: true });

      // A changed credential no longer verifies.
      await ctx.db.execute(`UPDATE badge_assertion SET credential = jsonb_set(credential, '{name}', '"Forged"') WHERE id = $1`, [badge.assertionId]);
      expect((await world.badges.verify(badge.assertionId)).signatureValid).toBe(false);
      await ctx.db.execute(`UPDATE badge_assertion SET credential = jsonb_set(credential, '{name}', to_jsonb($2::text)) WHERE id = $1`, [badge.assertionId, d.course.title]);

      expect(await codeOf(world.badges.revoke(trainee, badge.assertionId, 'mine'))).toBe('forbidden');
      await world.badges.revoke(admin, badge.assertionId, 'Awarded by mistake');
      expect(await world.badges.verify(badge.assertionId)).toMatchObject({ signatureValid: true, revoked: true, valid: false, revocationReason: 'Awarded by mistake' });
      expect(((await world.badges.revocations()).revokedCredentials as JsonObject[]).map((c) => c.id)).toContain(credential.id);
      expect((await me(trainee)).badges).toEqual([]);
    });
  });

  describe('role badges and the status lists', () => {
    const listed = async (purpose: 'revocation' | 'suspension', statusIndex: number) => {
      const { credential } = await ctx.get(CredentialStatus).list(purpose, String(Math.floor(statusIndex / STATUS_LIST_LENGTH)));
      const encoded = ((credential!.credentialSubject as JsonObject).encodedList as string).slice(1);
      const bytes = gunzipSync(Buffer.from(encoded, 'base64url'));
      const position = statusIndex % STATUS_LIST_LENGTH;
      return (bytes[position >> 3] & (0x80 >> (position & 7))) !== 0;
    };
    const statusIndexOf = async (badgeId: string) => (await ctx.db.query<{ i: number }>('SELECT status_index AS i FROM role_badge WHERE id = $1', [badgeId]))[0].i;

    it('waits for a verified address, then follows the grant: suspended while it is, revoked for good once its term ends', async () => {
      const key = await world.newRole(admin, {});
      const holder = await world.newUser();
      await ctx.db.execute('UPDATE "user" SET email_verified_at = NULL WHERE id = $1', [holder.id]);
      const grant = await world.grants.grantByHand(admin, holder.id, key, 'Trusted', new Date(ctx.clock.now().getTime() + 86_400_000).toISOString());
      expect(grant.badgeId).toBeNull();
      await ctx.db.execute('UPDATE "user" SET email_verified_at = now() WHERE id = $1', [holder.id]);
      await world.badges.awardEarnedMeanwhile(holder.id);
      const [{ badgeId }] = (await world.grants.mine(holder)).roles;
      expect(badgeId).toEqual(expect.any(String));
      const credential = await world.badges.credential(badgeId!);
      expect(credential).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'], validUntil: grant.expiresAt!.replace(/\.\d{3}Z$/, 'Z'), credentialSubject: { achievement: { name: grant.roleName } } });
      expect(await world.badges.verify(badgeId!)).toMatchObject({ kind: 'role', signatureValid: true, revoked: false, suspended: false, valid: true });
      const index = await statusIndexOf(badgeId!);
      expect([await listed('revocation', index), await listed('suspension', index)]).toEqual([false, false]);

      const until = new Date(ctx.clock.now().getTime() + 3_600_000).toISOString();
      await world.grants.suspend(admin, grant.id, 'Looking into a report', until);
      expect(await world.badges.verify(badgeId!)).toMatchObject({ suspended: true, suspendedUntil: until, revoked: false, valid: false });
      expect([await listed('revocation', index), await listed('suspension', index)]).toEqual([false, true]);
      await world.grants.reinstate(admin, grant.id, 'Nothing in it');
      expect([await listed('revocation', index), await listed('suspension', index)]).toEqual([false, false]);

      // Past its end, the badge is revoked at once, before the sweep expires the grant; and stays so after.
      ctx.clock.set(new Date(new Date(grant.expiresAt!).getTime() + 1000));
      expect(await world.badges.verify(badgeId!)).toMatchObject({ revoked: true, revocationReason: 'The role’s term ended.', valid: false });
      expect(await listed('revocation', index)).toBe(true);
      await world.sweep.run();
      expect((await ctx.db.query<{ endedAt: Date | null }>('SELECT ended_at FROM role_badge WHERE id = $1', [badgeId]))[0].endedAt).not.toBeNull();
      expect([await listed('revocation', index), await listed('suspension', index)]).toEqual([true, false]);
    });

    it('gives roles held since before role badges theirs at the next start', async () => {
      const key = await world.newRole(admin, {});
      const holder = await world.newUser();
      const grant = await world.grants.grantByHand(admin, holder.id, key, 'Trusted');
      await ctx.db.execute('DELETE FROM role_badge WHERE grant_id = $1', [grant.id]);
      expect((await world.grants.mine(holder)).roles[0].badgeId).toBeNull();
      await world.badges.onApplicationBootstrap();
      const [{ badgeId }] = (await world.grants.mine(holder)).roles;
      expect(await world.badges.verify(badgeId!)).toMatchObject({ kind: 'role', valid: true });
      await world.badges.onApplicationBootstrap();
      expect(await ctx.db.query('SELECT id FROM role_badge WHERE grant_id = $1', [grant.id])).toHaveLength(1);
    });

    it('gives a course badge its place in both lists, and builds a list in one statement', async () => {
      const d = await world.newDiscussion();
      const trainee = await world.trainee(d);
      await world.complete(trainee, d);
      const [badge] = await world.badges.of(trainee.id);
      const credential = await world.badges.credential(badge.assertionId);
      const [{ i: index }] = await ctx.db.query<{ i: number }>('SELECT status_index AS i FROM badge_assertion WHERE id = $1', [badge.assertionId]);
      const publicUrl = (credential.issuer as JsonObject).url;
      expect(credential.credentialStatus).toEqual(
        ['revocation', 'suspension'].map((purpose) => ({
          id: `${publicUrl}/api/v1/credentials/status/${purpose}/0#${index}`,
          type: 'BitstringStatusListEntry',
          statusPurpose: purpose,
          statusListIndex: String(index),
          statusListCredential: `${publicUrl}/api/v1/credentials/status/${purpose}/0`,
        })),
      );
      expect(await statementsOf(() => ctx.get(CredentialStatus).list('suspension', '0'))).toHaveLength(1);
      expect(await codeOf(ctx.get(CredentialStatus).list('expiry', '0'))).toBe('status-list-not-found');
    });
  });

  describe('the audit log', () => {
    it('records grants, revocations, platform-role changes and moderation, filterable, for admins only', async () => {
      const audit = ctx.get(AuditService);
      const key = await world.newRole(admin, {});
      const trainee = await world.newUser();
      const grant = await world.grants.grantByHand(admin, trainee.id, key, 'Trusted');
      await world.grants.revoke(admin, grant.id, 'Left');
      await ctx.get(UsersService).setPlatformRoles(admin, trainee.id, ['author']);
      const d = await world.newDiscussion();
      const t2 = await world.trainee(d);
      const answer = await world.threads.post(t2, d.itemId, { body: 'An answer to hide' });
      await world.moderation.setVisibility(d.author, answer.id, true);

      const about = (await audit.list(admin, { subject: trainee.username })).items.map((e) => [e.kind, e.actor?.id, e.subjectUser?.id]);
      expect(about).toEqual([
        ['platform_roles.changed', admin.id, trainee.id],
        ['role.revoked', admin.id, trainee.id],
        ['role.granted', admin.id, trainee.id],
      ]);
      expect((await audit.list(admin, { kind: 'reply.hide', actor: d.author.id })).items).toEqual([
        expect.objectContaining({ subjectType: 'reply', subjectId: answer.id, subjectUser: expect.objectContaining({ id: t2.id }) }),
      ]);
      expect((await audit.list(admin, { kind: 'course.published', subject: d.course.id })).items).toHaveLength(1);
      expect((await audit.list(admin, { actor: 'nobody-by-this-name' })).items).toEqual([]);
      const first = await audit.list(admin, { limit: 2 });
      const second = await audit.list(admin, { limit: 2, cursor: first.nextCursor! });
      expect(new Set([...first.items, ...second.items].map((e) => e.id)).size).toBe(4);
      expect(await codeOf(audit.list(trainee, {}))).toBe('forbidden');
    });
  });
});
