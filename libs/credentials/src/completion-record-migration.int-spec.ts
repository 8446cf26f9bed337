import { AuditModule } from '@hearth/audit';
import { DiscussionsModule } from '@hearth/discussions';
import { migrations } from '@hearth/migrations';
import { NotificationsModule } from '@hearth/notifications';
import { revertLastMigration, runMigrations } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { CredentialsModule } from './credentials.module';
import { CredentialsWorld } from './testing';

/**
 * The migration that gave credentials its own record of completions, run again over data:
 * in a file (and a database) of its own, since it takes down and rebuilds every migration
 * after it too.
 */
describe('the completion record migration (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let world: CredentialsWorld;

  beforeAll(async () => {
    ctx = await createIntegrationContext([CredentialsModule, DiscussionsModule, AuditModule, NotificationsModule]);
    world = new CredentialsWorld(ctx);
  });
  afterAll(() => ctx.close());

  it('fills its record of completions from progress when the migration that brought it runs on existing data', async () => {
    const d = await world.newDiscussion();
    const trainee = await world.trainee(d);
    const answer = await world.threads.post(trainee, d.itemId, { body: 'Before   the record:\n\nI listen first, and I keep the room slow for everyone.' });
    await world.moderation.review(d.author, answer.id, { status: 'needs_revision', comment: 'Say more about the pace.' });
    await world.complete(trainee, d, { answered: true });
    const recorded = () => ctx.db.query<{ evidence: { answers?: unknown[] } }>('SELECT evidence FROM completion_record WHERE user_id = $1', [trainee.id]);
    expect((await recorded())[0].evidence.answers).toHaveLength(1);

    // Back to before the migration (and whatever came after it), then forward again, on this data.
    let reverted: string | null;
    do reverted = await revertLastMigration(ctx.database.url, migrations);
    while (reverted && !reverted.startsWith('CompletionEvidenceTravels'));
    expect(reverted).not.toBeNull();
    await runMigrations(ctx.database.url, migrations);

    const [row] = await recorded();
    expect(row.evidence).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ itemId: d.itemId, replyId: answer.id })]) });
    expect(row.evidence.answers).toEqual([
      { itemId: d.itemId, replyId: answer.id, excerpt: 'Before the record: I listen first, and I keep the room slow for everyone.', wordCount: answer.wordCount, review: { status: 'needs_revision', comment: 'Say more about the pace.', mentorId: d.author.id } },
    ]);
    const [progress] = await ctx.db.query<{ answer: unknown; review: unknown }>('SELECT answer, review FROM item_progress WHERE user_id = $1 AND item_id = $2', [trainee.id, d.itemId]);
    expect(progress).toEqual({
      answer: { excerpt: 'Before the record: I listen first, and I keep the room slow for everyone.', wordCount: answer.wordCount },
      review: { replyId: answer.id, status: 'needs_revision', comment: 'Say more about the pace.', mentorId: d.author.id },
    });
  });
});
