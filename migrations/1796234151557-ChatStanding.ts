import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended'`;
const CHAT_KINDS = `'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided'`;

/**
 * The chat's own read model of people (chat_member, chat_member_role, chat_member_badge,
 * chat_role), filled from identity's and credentials' tables once here and kept by the
 * chat from their events afterwards; sanctions with reasons (warnings, removed messages,
 * mutes, removals, role suspensions) replacing chat_mute and chat_ban; appeals; reports
 * of messages; confirmed co-hosted sessions (probation); the senders' rate-limit rows.
 */
export class ChatStanding1796234151557 implements MigrationInterface {
  name = 'ChatStanding1796234151557';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "chat_sanction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "room_id" uuid NOT NULL, "user_id" uuid NOT NULL, "actor_id" uuid, "reason_code" text NOT NULL, "reason_note" text NOT NULL DEFAULT '', "minutes" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ends_at" TIMESTAMP WITH TIME ZONE, "message_id" uuid, "grant_id" uuid, "role_key" text, "lifted_at" TIMESTAMP WITH TIME ZONE, "lifted_by" uuid, CONSTRAINT "chat_sanction_kind_check" CHECK (kind IN ('warning', 'message_removed', 'mute', 'ban', 'role_suspended')), CONSTRAINT "chat_sanction_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "chat_sanction_room_id_user_id_in_force_idx" ON "chat_sanction"  ("room_id", "user_id") WHERE kind IN ('mute', 'ban') AND lifted_at IS NULL`);
    await db.query(`CREATE INDEX "chat_sanction_user_id_created_at_idx" ON "chat_sanction"  ("user_id", "created_at") `);
    await db.query(`CREATE TABLE "chat_appeal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sanction_id" uuid NOT NULL, "user_id" uuid NOT NULL, "body" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, CONSTRAINT "chat_appeal_status_check" CHECK (status IN ('pending', 'confirmed', 'overturned')), CONSTRAINT "chat_appeal_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "chat_appeal_status_created_at_idx" ON "chat_appeal"  ("status", "created_at") `);
    await db.query(`CREATE UNIQUE INDEX "chat_appeal_sanction_id_key" ON "chat_appeal"  ("sanction_id") `);
    await db.query(`CREATE TABLE "chat_report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" uuid NOT NULL, "room_id" uuid NOT NULL, "reporter_id" uuid NOT NULL, "reason_code" text NOT NULL, "note" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "escalated_at" TIMESTAMP WITH TIME ZONE, "resolved_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "outcome_note" text, "sanction_id" uuid, CONSTRAINT "chat_report_status_check" CHECK (status IN ('open', 'actioned', 'dismissed')), CONSTRAINT "chat_report_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "chat_report_room_id_status_created_at_idx" ON "chat_report"  ("room_id", "status", "created_at") `);
    await db.query(`CREATE UNIQUE INDEX "chat_report_message_id_reporter_id_key" ON "chat_report"  ("message_id", "reporter_id") `);
    await db.query(`CREATE TABLE "chat_co_host_confirmation" ("session_id" uuid NOT NULL, "user_id" uuid NOT NULL, "confirmed_by" uuid, "confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chat_co_host_confirmation_pkey" PRIMARY KEY ("session_id", "user_id"))`);
    await db.query(`CREATE TABLE "chat_role" ("key" text NOT NULL, "name" text NOT NULL, "bundle" text NOT NULL, "room_ids" uuid array NOT NULL DEFAULT '{}', "room_tags" text array NOT NULL DEFAULT '{}', "probation" jsonb, CONSTRAINT "chat_role_pkey" PRIMARY KEY ("key"))`);
    await db.query(`CREATE TABLE "chat_member" ("user_id" uuid NOT NULL, "username" text NOT NULL, "display_name" text NOT NULL, "admin" boolean NOT NULL DEFAULT false, CONSTRAINT "chat_member_pkey" PRIMARY KEY ("user_id"))`);
    await db.query(`CREATE TABLE "chat_member_role" ("user_id" uuid NOT NULL, "role_key" text NOT NULL, "grant_id" uuid NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chat_member_role_pkey" PRIMARY KEY ("user_id", "role_key"))`);
    await db.query(`CREATE UNIQUE INDEX "chat_member_role_grant_id_key" ON "chat_member_role"  ("grant_id") `);
    await db.query(`CREATE TABLE "chat_member_badge" ("user_id" uuid NOT NULL, "course_id" uuid NOT NULL, CONSTRAINT "chat_member_badge_pkey" PRIMARY KEY ("user_id", "course_id"))`);
    await db.query(`CREATE TABLE "chat_sender" ("user_id" uuid NOT NULL, "sent" TIMESTAMP WITH TIME ZONE array NOT NULL DEFAULT '{}', CONSTRAINT "chat_sender_pkey" PRIMARY KEY ("user_id"))`);
    await db.query(`ALTER TABLE "chat_sanction" ADD CONSTRAINT "chat_sanction_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "chat_room"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_sanction" ADD CONSTRAINT "chat_sanction_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_sanction" ADD CONSTRAINT "chat_sanction_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_sanction" ADD CONSTRAINT "chat_sanction_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "chat_message"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_sanction" ADD CONSTRAINT "chat_sanction_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "role_grant"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_sanction" ADD CONSTRAINT "chat_sanction_lifted_by_fkey" FOREIGN KEY ("lifted_by") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_appeal" ADD CONSTRAINT "chat_appeal_sanction_id_fkey" FOREIGN KEY ("sanction_id") REFERENCES "chat_sanction"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_appeal" ADD CONSTRAINT "chat_appeal_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_appeal" ADD CONSTRAINT "chat_appeal_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_report" ADD CONSTRAINT "chat_report_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "chat_message"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_report" ADD CONSTRAINT "chat_report_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "chat_room"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_report" ADD CONSTRAINT "chat_report_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_report" ADD CONSTRAINT "chat_report_resolved_by_fkey" FOREIGN KEY ("resolved_by") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_report" ADD CONSTRAINT "chat_report_sanction_id_fkey" FOREIGN KEY ("sanction_id") REFERENCES "chat_sanction"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_co_host_confirmation" ADD CONSTRAINT "chat_co_host_confirmation_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "chat_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_co_host_confirmation" ADD CONSTRAINT "chat_co_host_confirmation_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_co_host_confirmation" ADD CONSTRAINT "chat_co_host_confirmation_confirmed_by_fkey" FOREIGN KEY ("confirmed_by") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_role" ADD CONSTRAINT "chat_role_key_fkey" FOREIGN KEY ("key") REFERENCES "facilitator_role"("key") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_member" ADD CONSTRAINT "chat_member_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_member_role" ADD CONSTRAINT "chat_member_role_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_member_role" ADD CONSTRAINT "chat_member_role_role_key_fkey" FOREIGN KEY ("role_key") REFERENCES "chat_role"("key") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_member_badge" ADD CONSTRAINT "chat_member_badge_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Mentions look people up by name in any case, on every message that names someone.
    await db.query(`CREATE INDEX "chat_member_lower_username_idx" ON "chat_member" (lower(username))`);
    await db.query(`CREATE INDEX "chat_co_host_confirmation_user_id_confirmed_at_idx" ON "chat_co_host_confirmation" ("user_id", "confirmed_at")`);
    await db.query(`ALTER TABLE "chat_sender" ADD CONSTRAINT "chat_sender_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // What the read model starts from: everyone, every role's current effects, every grant in force, every badge held.
    await db.query(`INSERT INTO "chat_member" (user_id, username, display_name, admin) SELECT id, username, display_name, 'admin' = ANY(platform_roles) FROM "user"`);
    await db.query(
      `INSERT INTO "chat_role" (key, name, bundle, room_ids, room_tags, probation)
       SELECT r.key, v.name, v.effects->>'bundle',
              ARRAY(SELECT jsonb_array_elements_text(v.effects->'roomIds'))::uuid[], ARRAY(SELECT jsonb_array_elements_text(v.effects->'roomTags')),
              nullif(v.effects->'probation', 'null'::jsonb)
         FROM facilitator_role r JOIN facilitator_role_version v ON v.role_key = r.key AND v.version = r.current_version`,
    );
    await db.query(`INSERT INTO "chat_member_role" (user_id, role_key, grant_id, granted_at, expires_at) SELECT user_id, role_key, id, granted_at, expires_at FROM role_grant WHERE status = 'active'`);
    await db.query(`INSERT INTO "chat_member_badge" (user_id, course_id) SELECT DISTINCT user_id, course_id FROM badge_assertion WHERE revoked_at IS NULL`);
    // Mutes and removals become sanctions (their reasons were free text, when given).
    await db.query(
      `INSERT INTO "chat_sanction" (kind, room_id, user_id, actor_id, reason_code, reason_note, ends_at, created_at)
       SELECT 'mute', room_id, user_id, muted_by, 'other', coalesce(nullif(reason, ''), $1), until, least(until, now()) FROM chat_mute
       UNION ALL SELECT 'ban', room_id, user_id, banned_by, 'other', coalesce(nullif(reason, ''), $1), until, least(until, now()) FROM chat_ban`,
      ['Given before Hearth asked moderators for reasons.'],
    );
    await db.query(`DROP TABLE "chat_mute"`);
    await db.query(`DROP TABLE "chat_ban"`);
    await db.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_check"`);
    await db.query(`ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check" CHECK (kind IN (${KINDS}, ${CHAT_KINDS}))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM "notification" WHERE kind IN (${CHAT_KINDS})`);
    await db.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_check"`);
    await db.query(`ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check" CHECK (kind IN (${KINDS}))`);
    await db.query(`CREATE TABLE "chat_mute" ("room_id" uuid NOT NULL, "user_id" uuid NOT NULL, "until" TIMESTAMP WITH TIME ZONE NOT NULL, "muted_by" uuid, "reason" text, CONSTRAINT "chat_mute_pkey" PRIMARY KEY ("room_id", "user_id"))`);
    await db.query(`CREATE TABLE "chat_ban" ("room_id" uuid NOT NULL, "user_id" uuid NOT NULL, "until" TIMESTAMP WITH TIME ZONE NOT NULL, "banned_by" uuid, "reason" text, CONSTRAINT "chat_ban_pkey" PRIMARY KEY ("room_id", "user_id"))`);
    for (const [table, kind, by] of [['chat_mute', 'mute', 'muted_by'], ['chat_ban', 'ban', 'banned_by']]) {
      await db.query(
        `INSERT INTO "${table}" (room_id, user_id, until, ${by}, reason)
         SELECT DISTINCT ON (room_id, user_id) room_id, user_id, ends_at, actor_id, nullif(reason_note, '') FROM chat_sanction
          WHERE kind = '${kind}' AND lifted_at IS NULL AND ends_at > now() ORDER BY room_id, user_id, ends_at DESC`,
      );
    }
    await db.query(`ALTER TABLE "chat_mute" ADD CONSTRAINT "chat_mute_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "chat_room"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_mute" ADD CONSTRAINT "chat_mute_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_mute" ADD CONSTRAINT "chat_mute_muted_by_fkey" FOREIGN KEY ("muted_by") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_ban" ADD CONSTRAINT "chat_ban_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "chat_room"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_ban" ADD CONSTRAINT "chat_ban_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_ban" ADD CONSTRAINT "chat_ban_banned_by_fkey" FOREIGN KEY ("banned_by") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_sender" DROP CONSTRAINT "chat_sender_user_id_fkey"`);
    await db.query(`ALTER TABLE "chat_member_badge" DROP CONSTRAINT "chat_member_badge_user_id_fkey"`);
    await db.query(`ALTER TABLE "chat_member_role" DROP CONSTRAINT "chat_member_role_role_key_fkey"`);
    await db.query(`ALTER TABLE "chat_member_role" DROP CONSTRAINT "chat_member_role_user_id_fkey"`);
    await db.query(`ALTER TABLE "chat_member" DROP CONSTRAINT "chat_member_user_id_fkey"`);
    await db.query(`ALTER TABLE "chat_role" DROP CONSTRAINT "chat_role_key_fkey"`);
    await db.query(`ALTER TABLE "chat_co_host_confirmation" DROP CONSTRAINT "chat_co_host_confirmation_confirmed_by_fkey"`);
    await db.query(`ALTER TABLE "chat_co_host_confirmation" DROP CONSTRAINT "chat_co_host_confirmation_user_id_fkey"`);
    await db.query(`ALTER TABLE "chat_co_host_confirmation" DROP CONSTRAINT "chat_co_host_confirmation_session_id_fkey"`);
    await db.query(`ALTER TABLE "chat_report" DROP CONSTRAINT "chat_report_sanction_id_fkey"`);
    await db.query(`ALTER TABLE "chat_report" DROP CONSTRAINT "chat_report_resolved_by_fkey"`);
    await db.query(`ALTER TABLE "chat_report" DROP CONSTRAINT "chat_report_reporter_id_fkey"`);
    await db.query(`ALTER TABLE "chat_report" DROP CONSTRAINT "chat_report_room_id_fkey"`);
    await db.query(`ALTER TABLE "chat_report" DROP CONSTRAINT "chat_report_message_id_fkey"`);
    await db.query(`ALTER TABLE "chat_appeal" DROP CONSTRAINT "chat_appeal_decided_by_fkey"`);
    await db.query(`ALTER TABLE "chat_appeal" DROP CONSTRAINT "chat_appeal_user_id_fkey"`);
    await db.query(`ALTER TABLE "chat_appeal" DROP CONSTRAINT "chat_appeal_sanction_id_fkey"`);
    await db.query(`ALTER TABLE "chat_sanction" DROP CONSTRAINT "chat_sanction_lifted_by_fkey"`);
    await db.query(`ALTER TABLE "chat_sanction" DROP CONSTRAINT "chat_sanction_grant_id_fkey"`);
    await db.query(`ALTER TABLE "chat_sanction" DROP CONSTRAINT "chat_sanction_message_id_fkey"`);
    await db.query(`ALTER TABLE "chat_sanction" DROP CONSTRAINT "chat_sanction_actor_id_fkey"`);
    await db.query(`ALTER TABLE "chat_sanction" DROP CONSTRAINT "chat_sanction_user_id_fkey"`);
    await db.query(`ALTER TABLE "chat_sanction" DROP CONSTRAINT "chat_sanction_room_id_fkey"`);
    await db.query(`DROP TABLE "chat_sender"`);
    await db.query(`DROP TABLE "chat_member_badge"`);
    await db.query(`DROP INDEX "public"."chat_member_role_grant_id_key"`);
    await db.query(`DROP TABLE "chat_member_role"`);
    await db.query(`DROP INDEX "public"."chat_co_host_confirmation_user_id_confirmed_at_idx"`);
    await db.query(`DROP TABLE "chat_member"`);
    await db.query(`DROP TABLE "chat_role"`);
    await db.query(`DROP TABLE "chat_co_host_confirmation"`);
    await db.query(`DROP INDEX "public"."chat_report_message_id_reporter_id_key"`);
    await db.query(`DROP INDEX "public"."chat_report_room_id_status_created_at_idx"`);
    await db.query(`DROP TABLE "chat_report"`);
    await db.query(`DROP INDEX "public"."chat_appeal_sanction_id_key"`);
    await db.query(`DROP INDEX "public"."chat_appeal_status_created_at_idx"`);
    await db.query(`DROP TABLE "chat_appeal"`);
    await db.query(`DROP INDEX "public"."chat_sanction_user_id_created_at_idx"`);
    await db.query(`DROP INDEX "public"."chat_sanction_room_id_user_id_in_force_idx"`);
    await db.query(`DROP TABLE "chat_sanction"`);
  }
}
