import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention'`;

/**
 * Grants can be suspended (held, powers held back) as well as revoked: a role that builds
 * on another falls with it, and an admin may suspend one for a time. At most one grant per
 * person and role is held, active or suspended.
 */
export class GrantSuspension1796231811959 implements MigrationInterface {
  name = 'GrantSuspension1796231811959';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "public"."role_grant_active_key"`);
    await db.query(`DROP INDEX "public"."role_grant_expires_at_idx"`);
    await db.query(`ALTER TABLE "role_grant" ADD "suspension_cause" text`);
    await db.query(`ALTER TABLE "role_grant" ADD "suspension_reason" text`);
    await db.query(`ALTER TABLE "role_grant" ADD "suspended_at" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "role_grant" ADD "suspended_until" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "role_grant" DROP CONSTRAINT "role_grant_status_check"`);
    await db.query(`ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_status_check" CHECK (status IN ('active', 'suspended', 'revoked', 'expired'))`);
    await db.query(`ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_suspension_check" CHECK ((status = 'suspended') = (suspension_cause IS NOT NULL))`);
    await db.query(`CREATE UNIQUE INDEX "role_grant_held_key" ON "role_grant"  ("user_id", "role_key") WHERE status IN ('active', 'suspended')`);
    await db.query(`CREATE INDEX "role_grant_expires_at_idx" ON "role_grant"  ("expires_at") WHERE status IN ('active', 'suspended') AND expires_at IS NOT NULL`);
    await db.query(`CREATE INDEX "role_grant_suspended_until_idx" ON "role_grant"  ("suspended_until") WHERE status = 'suspended' AND suspended_until IS NOT NULL`);
    await db.query(`ALTER TABLE "grant_event" DROP CONSTRAINT "grant_event_kind_check"`);
    await db.query(`ALTER TABLE "grant_event" ADD CONSTRAINT "grant_event_kind_check" CHECK (kind IN ('requested', 'granted', 'denied', 'revoked', 'expired', 'suspended', 'reinstated'))`);
    await db.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_check"`);
    await db.query(`ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check" CHECK (kind IN (${KINDS}, 'role_suspended'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM "notification" WHERE kind = 'role_suspended'`);
    await db.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_check"`);
    await db.query(`ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check" CHECK (kind IN (${KINDS}))`);
    // The history is append-only; going back a version is the one time it loses rows (its suspensions).
    await db.query(`ALTER TABLE "grant_event" DISABLE TRIGGER grant_event_append_only`);
    await db.query(`DELETE FROM "grant_event" WHERE kind = 'suspended'`);
    await db.query(`ALTER TABLE "grant_event" ENABLE TRIGGER grant_event_append_only`);
    await db.query(`ALTER TABLE "grant_event" DROP CONSTRAINT "grant_event_kind_check"`);
    await db.query(`ALTER TABLE "grant_event" ADD CONSTRAINT "grant_event_kind_check" CHECK (kind IN ('requested', 'granted', 'denied', 'revoked', 'expired', 'reinstated'))`);
    await db.query(`DROP INDEX "public"."role_grant_suspended_until_idx"`);
    await db.query(`DROP INDEX "public"."role_grant_expires_at_idx"`);
    await db.query(`DROP INDEX "public"."role_grant_held_key"`);
    await db.query(`ALTER TABLE "role_grant" DROP CONSTRAINT "role_grant_suspension_check"`);
    // Without suspensions, a suspended grant is one whose powers are gone: revoked, and the history says so.
    await db.query(
      `INSERT INTO "grant_event" (user_id, kind, role_key, role_version, grant_id, reason)
       SELECT user_id, 'revoked', role_key, role_version, id, 'Suspended when Hearth went back to a version without suspensions' FROM "role_grant" WHERE status = 'suspended'`,
    );
    await db.query(`UPDATE "role_grant" SET status = 'revoked' WHERE status = 'suspended'`);
    await db.query(`ALTER TABLE "role_grant" DROP CONSTRAINT "role_grant_status_check"`);
    await db.query(`ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_status_check" CHECK (status IN ('active', 'revoked', 'expired'))`);
    await db.query(`ALTER TABLE "role_grant" DROP COLUMN "suspended_until"`);
    await db.query(`ALTER TABLE "role_grant" DROP COLUMN "suspended_at"`);
    await db.query(`ALTER TABLE "role_grant" DROP COLUMN "suspension_reason"`);
    await db.query(`ALTER TABLE "role_grant" DROP COLUMN "suspension_cause"`);
    await db.query(`CREATE INDEX "role_grant_expires_at_idx" ON "role_grant"  ("expires_at") WHERE status = 'active' AND expires_at IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX "role_grant_active_key" ON "role_grant"  ("user_id", "role_key") WHERE status = 'active'`);
  }
}
