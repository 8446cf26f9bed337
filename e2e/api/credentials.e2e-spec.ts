import type { GrantRequest, Me } from '@hearth/contracts';
import { OutboxWorker } from '@hearth/platform';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { buildCourse, type BuiltCourse, completeCourse, expectStatus, passQuiz } from '../support/courses';

describe('facilitator roles, grants and badges over HTTP', () => {
  let hearth: TestApp;
  let admin: Registered;
  let author: Registered;
  let trainee: Registered;
  let built: BuiltCourse;
  const roleKey = `room_host_${process.pid}`;

  beforeAll(async () => {
    hearth = await startTestApp();
    [admin, author, trainee] = [await hearth.admin(), await hearth.author(), await hearth.register()];
    built = await buildCourse(hearth.http, author.accessToken, { publish: true });
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });
  const roleBody = (courseIds: string[]) => ({
    key: roleKey,
    name: 'Room Host',
    description: 'Hosts a room.',
    rule: { courseIds, roleKeys: ['moderator'], approval: 'review', validityDays: 180 },
    effects: { bundle: 'moderator', roomIds: [], roomTags: ['general'] },
  });

  it('lists the seeded roles, and lets only admins define roles, with problems named', async () => {
    const roles = await expectStatus(hearth.http.get('/api/v1/facilitator-roles', as(trainee)), 200);
    expect(roles.map((r: { key: string }) => r.key).sort()).toEqual(['moderator', 'on_spot_host', 'session_leader']);
    expect((await hearth.http.get('/api/v1/facilitator-roles')).status).toBe(401);

    expect((await hearth.http.post('/api/v1/facilitator-roles', roleBody([built.course.id]), as(author))).status).toBe(403);
    const bad = await hearth.http.post('/api/v1/facilitator-roles', { ...roleBody([built.course.id]), key: 'Room Host', rule: { courseIds: ['x'], roleKeys: [], approval: 'sometimes', validityDays: 0 } }, as(admin));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['key', 'rule.approval', 'rule.courseIds', 'rule.validityDays']);

    const created = await expectStatus(hearth.http.post('/api/v1/facilitator-roles', roleBody([built.course.id]), as(admin)), 201);
    expect(created).toMatchObject({ key: roleKey, version: 1, courses: [{ id: built.course.id, slug: built.course.slug, title: built.course.title }] });
    expect((await hearth.http.post('/api/v1/facilitator-roles', roleBody([built.course.id]), as(admin))).status).toBe(409);
    // It builds on moderator: drop that, in a new version.
    const changed = await expectStatus(hearth.http.patch(`/api/v1/facilitator-roles/${roleKey}`, { rule: { ...roleBody([]).rule, courseIds: [built.course.id], roleKeys: [] } }, as(admin)), 200);
    expect(changed.version).toBe(2);
    expect((await hearth.http.patch('/api/v1/facilitator-roles/nope', { name: 'x' }, as(admin))).status).toBe(404);
    // Shadowing: from 1 to 20 sessions, and only on top of a course.
    for (const [rule, message] of [
      [{ ...roleBody([built.course.id]).rule, roleKeys: [], shadowSessions: 21 }, /20/],
      [{ ...roleBody([]).rule, roleKeys: [], shadowSessions: 2 }, /name at least one course/],
    ] as const) {
      const refused = await hearth.http.patch(`/api/v1/facilitator-roles/${roleKey}`, { rule }, as(admin));
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'rule.shadowSessions', message: expect.stringMatching(message) })]);
    }
  });

  it('previews a changed definition for admins only, saving nothing, with bad input named', async () => {
    const change = { effects: { bundle: 'session_leader', roomIds: [], roomTags: ['general'] } };
    const path = `/api/v1/facilitator-roles/${roleKey}/preview`;
    expect((await hearth.http.post(path, change)).status).toBe(401);
    expect((await hearth.http.post(path, change, as(trainee))).status).toBe(403);
    expect((await hearth.http.post('/api/v1/facilitator-roles/nope/preview', change, as(admin))).status).toBe(404);
    const bad = await hearth.http.post(path, { rule: { courseIds: ['x'], roleKeys: [], approval: 'sometimes', validityDays: null } }, as(admin));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['rule.approval', 'rule.courseIds']);

    const before = await expectStatus(hearth.http.get(`/api/v1/facilitator-roles/${roleKey}`, as(admin)), 200);
    const preview = await expectStatus(hearth.http.post(path, change, as(admin)), 200);
    expect(preview).toEqual({ roleKey, version: before.version + 1, gaining: { count: 0, people: [], how: 'requested' }, losing: { count: 0, people: [] }, powersChange: { count: 0 } });
    expect((await expectStatus(hearth.http.get(`/api/v1/facilitator-roles/${roleKey}`, as(admin)), 200)).version).toBe(before.version);
  });

  it('takes a trainee from enrollment to a role granted on review, with a badge that verifies', async () => {
    const slug = built.course.slug;
    await expectStatus(hearth.http.post(`/api/v1/courses/${slug}/enroll`, undefined, as(trainee)), 201);
    const before = await expectStatus(hearth.http.get(`/api/v1/facilitator-roles/${roleKey}/eligibility`, as(trainee)), 200);
    expect(before).toMatchObject({ eligible: false, held: false, pending: false });
    expect(before.unmet.map((u: { kind: string; link: string }) => [u.kind, u.link])).toEqual([
      ['course', `/courses/${slug}`],
      ['requirement', `/courses/${slug}/items/${built.lesson.id}`],
      ['requirement', `/courses/${slug}/items/${built.discussion.id}`],
      ['requirement', `/courses/${slug}/items/${built.quiz.id}`],
    ]);

    await completeCourse(hearth.http, built, trainee.accessToken);

    expect((await expectStatus(hearth.http.get(`/api/v1/facilitator-roles/${roleKey}/eligibility`, as(trainee)), 200)).pending).toBe(true);
    const queue = await expectStatus(hearth.http.get('/api/v1/admin/grant-requests?status=pending', as(admin)), 200);
    const request: GrantRequest = queue.items.find((r: GrantRequest) => r.roleKey === roleKey);
    expect(request.user.id).toBe(trainee.user.id);
    expect(request.evidence.answers[0].excerpt).toBe('The quiet room where people take turns.');
    expect(request.evidence.completions[0].evidence.items.find((i) => i.type === 'quiz')?.scorePercent).toBe(100);

    // Only admins decide; an author of the course is no admin.
    expect((await hearth.http.post(`/api/v1/admin/grant-requests/${request.id}/approve`, {}, as(trainee))).status).toBe(403);
    expect((await hearth.http.post(`/api/v1/admin/grant-requests/${request.id}/approve`, {}, as(author))).status).toBe(403);
    expect((await hearth.http.get('/api/v1/admin/grant-requests', as(author))).status).toBe(403);
    await expectStatus(hearth.http.post(`/api/v1/admin/grant-requests/${request.id}/approve`, { reason: 'Good evidence' }, as(admin)), 200);
    expect((await hearth.http.post(`/api/v1/admin/grant-requests/${request.id}/deny`, {}, as(admin))).status).toBe(409);

    const me: Me = await expectStatus(hearth.http.get('/api/v1/me', as(trainee)), 200);
    expect(me.facilitatorRoles).toEqual([expect.objectContaining({ key: roleKey, name: 'Room Host', expiresAt: expect.any(String) })]);
    expect(me.badges).toHaveLength(1);

    // The badge is public, signed, and checks out.
    const credential = await expectStatus(hearth.http.get(`/api/v1/badges/${me.badges[0].assertionId}`), 200);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.proof.cryptosuite).toBe('eddsa-jcs-2022');
    const issuer = await expectStatus(hearth.http.get('/api/v1/badges/issuer'), 200);
    expect(issuer.assertionMethod).toEqual([credential.proof.verificationMethod]);
    expect(await expectStatus(hearth.http.get(`/api/v1/badges/${me.badges[0].assertionId}/verification`), 200)).toMatchObject({ valid: true, revoked: false });
    const image = await hearth.http.get(`/api/v1/badges/achievements/${built.course.id}/image.svg`);
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    expect((await hearth.http.get('/api/v1/badges/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await hearth.http.get('/api/v1/badges/not-an-id')).status).toBe(400);

    const mine = await expectStatus(hearth.http.get('/api/v1/me/credentials', as(trainee)), 200);
    expect(mine.roles.map((r: { roleKey: string }) => r.roleKey)).toEqual([roleKey]);
    expect(mine.next.map((e: { roleKey: string }) => e.roleKey).sort()).toEqual(['moderator', 'on_spot_host', 'session_leader']);
  });

  it('revokes with a reason kept in the history, and /me no longer lists the role', async () => {
    const history = await expectStatus(hearth.http.get(`/api/v1/admin/users/${trainee.user.id}/grants`, as(admin)), 200);
    const grant = history.grants.find((g: { roleKey: string }) => g.roleKey === roleKey);
    expect((await hearth.http.post(`/api/v1/admin/grants/${grant.id}/revoke`, { reason: '' }, as(admin))).status).toBe(400);
    expect((await hearth.http.post(`/api/v1/admin/grants/${grant.id}/revoke`, { reason: 'x' }, as(author))).status).toBe(403);
    await expectStatus(hearth.http.post(`/api/v1/admin/grants/${grant.id}/revoke`, { reason: 'Stepped back from hosting' }, as(admin)), 200);
    expect((await expectStatus(hearth.http.get('/api/v1/me', as(trainee)), 200)).facilitatorRoles).toEqual([]);

    const after = await expectStatus(hearth.http.get(`/api/v1/admin/users/${trainee.user.id}/grants`, as(admin)), 200);
    expect(after.events[0]).toMatchObject({ kind: 'revoked', reason: 'Stepped back from hosting', actor: { id: admin.user.id } });
    const audit = await expectStatus(hearth.http.get(`/api/v1/admin/audit?kind=role.revoked&subject=${trainee.user.username}`, as(admin)), 200);
    expect(audit.items).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: admin.user.id }), data: expect.objectContaining({ reason: 'Stepped back from hosting' }) })]);
    expect((await hearth.http.get('/api/v1/admin/audit?kind=nonsense', as(admin))).status).toBe(400);

    // Not given back by itself; the trainee may ask an admin again.
    const asked = await expectStatus(hearth.http.post(`/api/v1/facilitator-roles/${roleKey}/requests`, undefined, as(trainee)), 201);
    expect(asked).toMatchObject({ roleKey, pending: true, held: false });
    expect((await hearth.http.post(`/api/v1/facilitator-roles/${roleKey}/requests`, undefined, as(trainee))).status).toBe(409);
    expect((await hearth.http.post(`/api/v1/facilitator-roles/${roleKey}/requests`, undefined, as(author))).status).toBe(422);
    expect((await hearth.http.post('/api/v1/facilitator-roles/nope/requests', undefined, as(trainee))).status).toBe(404);
    expect((await hearth.http.get('/api/v1/admin/audit', as(trainee))).status).toBe(403);
  });

  it('grants by hand with a reason, lets admins find people, and refuses the rest', async () => {
    const found = await expectStatus(hearth.http.get(`/api/v1/admin/users?q=${trainee.user.username.slice(0, 6)}`, as(admin)), 200);
    expect(found.items.map((u: { id: string }) => u.id)).toContain(trainee.user.id);
    expect((await hearth.http.get('/api/v1/admin/users?q=x', as(trainee))).status).toBe(403);

    expect((await hearth.http.post(`/api/v1/admin/users/${trainee.user.id}/grants`, { roleKey: 'moderator' }, as(admin))).status).toBe(400);
    expect((await hearth.http.post(`/api/v1/admin/users/${trainee.user.id}/grants`, { roleKey: 'session_leader', reason: 'Skip' }, as(admin))).status).toBe(422);
    expect((await hearth.http.post(`/api/v1/admin/users/${trainee.user.id}/grants`, { roleKey: 'moderator', reason: 'Years of hosting' }, as(author))).status).toBe(403);
    const grant = await expectStatus(hearth.http.post(`/api/v1/admin/users/${trainee.user.id}/grants`, { roleKey: 'moderator', reason: 'Years of hosting' }, as(admin)), 201);
    expect(grant).toMatchObject({ roleKey: 'moderator', source: 'manual', status: 'active' });
    expect((await hearth.http.post(`/api/v1/admin/users/${trainee.user.id}/grants`, { roleKey: 'moderator', reason: 'Again' }, as(admin))).status).toBe(409);
    expect((await hearth.http.post('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/grants', { roleKey: 'moderator', reason: 'x' }, as(admin))).status).toBe(404);
  });

  it('asks holders to redo what changed when a version is published for recertification, with bad requests named', async () => {
    const changing = await buildCourse(hearth.http, author.accessToken, { publish: true });
    const slug = changing.course.slug;
    const key = `recertified_${process.pid}`;
    await expectStatus(
      hearth.http.post(
        '/api/v1/facilitator-roles',
        { ...roleBody([changing.course.id]), key, name: 'Recertified Host', rule: { courseIds: [changing.course.id], roleKeys: [], approval: 'auto', validityDays: null } },
        as(admin),
      ),
      201,
    );
    const holder = await hearth.register();
    await expectStatus(hearth.http.post(`/api/v1/courses/${slug}/enroll`, undefined, as(holder)), 201);
    await completeCourse(hearth.http, changing, holder.accessToken);
    const publish = (body: object, person = author) => hearth.http.post(`/api/v1/courses/${slug}/publish`, body, as(person));

    for (const days of [0, 366, 'thirty']) {
      const bad = await publish({ recertify: { days } });
      expect([bad.status, [...new Set(bad.body.errors.map((e: { field: string }) => e.field))]]).toEqual([400, ['recertify.days']]);
    }
    const unchanged = await publish({ note: 'Nothing new', recertify: { days: 30 } });
    expect([unchanged.status, unchanged.body.type]).toEqual([422, '/problems/nothing-to-recertify']);
    expect((await publish({ recertify: { days: 30 } }, holder)).status).toBe(403);

    await expectStatus(hearth.http.patch(`/api/v1/items/${changing.quiz.id}`, { passPercent: 50 }, as(author)), 200);
    await expectStatus(publish({ note: 'An easier quiz, explained', recertify: { days: 30 } }), 200);
    const versions = await expectStatus(hearth.http.get(`/api/v1/courses/${slug}/versions`, as(author)), 200);
    expect(versions[0]).toMatchObject({ note: 'An easier quiz, explained', recertify: { days: 30, items: 1 } });

    // Each holder's refresher comes after the publish commits, from the outbox (its worker is off in these tests).
    await hearth.nest.get(OutboxWorker).drain();
    const asked = (await expectStatus(hearth.http.get(`/api/v1/courses/${slug}/progress`, as(holder)), 200)).refresher;
    expect(asked).toMatchObject({ cause: 'recertification', dueAt: expect.any(String), items: [{ itemId: changing.quiz.id, type: 'quiz', done: false }] });
    await passQuiz(hearth.http, changing, holder.accessToken);
    expect((await expectStatus(hearth.http.get(`/api/v1/courses/${slug}/progress`, as(holder)), 200)).refresher).toBeNull();
    const mine = await expectStatus(hearth.http.get('/api/v1/me/credentials', as(holder)), 200);
    expect(mine.roles.find((role: { roleKey: string }) => role.roleKey === key)).toMatchObject({ status: 'active', suspension: null });
  });

  it('takes an activity rule within its limits, and shows a holder how they stand', async () => {
    const define = (activity: unknown, key = `active_host_${process.pid}`) =>
      hearth.http.post(
        '/api/v1/facilitator-roles',
        { ...roleBody([]), key, name: 'Active Host', rule: { courseIds: [], roleKeys: [], approval: 'review', validityDays: null, activity } },
        as(admin),
      );
    for (const [activity, field] of [
      [{ minutes: 5, days: 30 }, 'rule.activity.minutes'],
      [{ minutes: 60, days: 400 }, 'rule.activity.days'],
      [{ minutes: 60 }, 'rule.activity.days'],
    ] as const) {
      const refused = await define(activity);
      expect([refused.status, [...new Set(refused.body.errors.map((e: { field: string }) => e.field))]]).toEqual([400, [field]]);
    }
    const created = await expectStatus(define({ minutes: 60, days: 30 }), 201);
    expect(created.rule.activity).toEqual({ minutes: 60, days: 30 });
    const host = await hearth.register();
    await expectStatus(hearth.http.post(`/api/v1/admin/users/${host.user.id}/grants`, { roleKey: created.key, reason: 'Hosts' }, as(admin)), 201);
    const mine = await expectStatus(hearth.http.get('/api/v1/me/credentials', as(host)), 200);
    expect(mine.roles.find((role: { roleKey: string }) => role.roleKey === created.key).activity).toEqual({ minutes: 0, needed: 60, days: 30, suspendAt: null });
  });
});
