import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { CoursesService, FoldersService, LearningService } from '@hearth/courses';
import { CoverageService, RoomsService } from '@hearth/chat';
import { isoWeekOf, weekStart } from '@hearth/contracts';
import { GrantsService, RolesService } from '@hearth/credentials';
import { ThreadsService } from '@hearth/discussions';
import { UsersService } from '@hearth/identity';
import { Database, readFolder } from '@hearth/platform';

/** For local use only; the README names it. */
export const DEMO_PASSWORD = 'hearth-demo';
export const DEMO_COURSE_FOLDER = join(process.cwd(), 'demo', 'group-support-foundations');

export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: 'Ada Admin', platformRoles: ['admin'] as const },
  { username: 'author', displayName: 'Aurora Author', platformRoles: ['author'] as const },
  { username: 'mentor', displayName: 'Mateo Mentor', platformRoles: [] as const },
  { username: 'sam', displayName: 'Sam Okafor', platformRoles: [] as const },
  { username: 'riley', displayName: 'Riley Chen', platformRoles: [] as const },
];

/** Riley's answer to the course's first reflection question, so Sam has a peer to read. */
export const DEMO_ANSWER = [
  'The Sunday evening check-in room on a forum I have used for years. The host greets everyone by name,',
  'reminds us of the two rules, and then mostly listens. Nobody is rushed, and quiet people get asked',
  'gently if they want to add anything.',
].join(' ');

/**
 * The demo: five accounts (admin, author, mentor, two trainees) and the published
 * "Group Support Foundations" course, which the mentor mentors and whose completion earns
 * the moderator role on an admin's review; Riley is enrolled and has answered the first
 * discussion, Sam has not started. Four chat rooms (one locked to moderators, one for the
 * course's practice sessions); the mentor
 * holds the moderator and session-leader roles, and is on this week's rota (evening shifts in
 * the lounge, a Saturday morning in the circle). Loaded in one transaction
 * into a database that has no accounts yet, so a failed load leaves nothing behind and is
 * tried again on the next start.
 */
export async function loadDemoData(app: INestApplicationContext, folder = DEMO_COURSE_FOLDER): Promise<boolean> {
  // Every context must be listening to the others' events before the demo makes any.
  await app.init();
  const users = app.get(UsersService);
  if (await users.anyExist()) return false;
  const files = await readFolder(folder);
  await app.get(Database).transaction(async () => {
    for (const account of DEMO_ACCOUNTS) {
      await users.create({
        email: `${account.username}@demo.hearth.local`,
        username: account.username,
        displayName: account.displayName,
        password: DEMO_PASSWORD,
        platformRoles: [...account.platformRoles],
      });
    }
    const author = (await users.actingAs('author'))!;
    const { course } = await app.get(FoldersService).importFiles(author, files, { publish: true, note: 'First version' });
    await app.get(CoursesService).setStaff(author, course.id, { username: 'mentor' }, 'mentor');

    // Completing the course earns the moderator role, once an admin has looked at the evidence.
    const admin = (await users.actingAs('admin'))!;
    const moderator = await app.get(RolesService).get('moderator');
    await app.get(RolesService).update(admin, 'moderator', { rule: { ...moderator.rule, courseIds: [course.id], approval: 'review' } });

    const riley = (await users.actingAs('riley'))!;
    await app.get(LearningService).enroll(riley, course.id);
    const outline = await app.get(CoursesService).outline(riley, course.id);
    const firstDiscussion = outline.modules.flatMap((module) => module.items).find((item) => item.type === 'discussion')!;
    await app.get(ThreadsService).post(riley, firstDiscussion.id, { body: DEMO_ANSWER });

    // The chat: an open lounge, a support-session room where sessions count toward courses, and
    // a room for moderators. The mentor leads sessions (granted by hand, with a reason, as an admin would).
    const rooms = app.get(RoomsService);
    const lounge = await rooms.create(admin, { name: 'Welcome lounge', topic: 'Say hello, ask anything', audienceNote: 'For everyone', tags: ['general'] });
    const circle = await rooms.create(admin, { name: 'Support circle', topic: 'Live support sessions', audienceNote: 'Sessions here count toward training', tags: ['support-session'] });
    await rooms.create(admin, { name: 'Moderators’ room', topic: 'Behind the scenes', tags: ['general'], lock: { roles: ['moderator'] } });
    // Trainees lead their practicum's practice sessions here, from the course's script; the mentor observes and scores them.
    await rooms.create(admin, { name: 'Practice room', topic: 'Practice sessions led by trainees', audienceNote: 'For the course’s practicum', tags: ['practice'] });
    const mentor = (await users.actingAs('mentor'))!;
    const grants = app.get(GrantsService);
    await grants.grantByHand(admin, mentor.id, 'moderator', 'Demo: an experienced moderator');
    await grants.grantByHand(admin, mentor.id, 'session_leader', 'Demo: leads the support circle');

    // This week's rota (UTC): the mentor on duty in the lounge on weekday evenings and in the
    // circle on Saturday morning; the rest, and the moderators' room, shows as uncovered.
    const monday = weekStart(isoWeekOf(new Date()))!.getTime();
    const at = (day: number, hour: number) => new Date(monday + (day * 24 + hour) * 3_600_000).toISOString();
    const coverage = app.get(CoverageService);
    for (let day = 0; day < 5; day++) await coverage.createShift(admin, lounge.id, { userId: mentor.id, startsAt: at(day, 18), endsAt: at(day, 22) });
    await coverage.createShift(admin, circle.id, { userId: mentor.id, startsAt: at(5, 9), endsAt: at(5, 13) });
  });
  return true;
}
