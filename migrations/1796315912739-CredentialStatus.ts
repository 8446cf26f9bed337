import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Badges carry their status in W3C Bitstring Status Lists (revocation and suspension): every
 * badge has a place in the lists, from one sequence shared by course badges and the new role
 * badges (a grant's signed credential). Course badges issued before keep the place given
 * here, in the order they were issued, though their credentials still name the 1EdTech
 * revocation list they were signed with. Written by hand for the sequence.
 */
export class CredentialStatus1796315912739 implements MigrationInterface {
  name = 'CredentialStatus1796315912739';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE "credential_status_index_seq" AS integer MINVALUE 0 START WITH 0`);
    await db.query(`ALTER TABLE "badge_assertion" ADD "status_index" integer`);
    await db.query(
      `UPDATE "badge_assertion" b SET status_index = numbered.i
       FROM (SELECT id, nextval('credential_status_index_seq') AS i FROM (SELECT id FROM "badge_assertion" ORDER BY issued_at, id) ordered) numbered
       WHERE b.id = numbered.id`,
    );
    await db.query(`ALTER TABLE "badge_assertion" ALTER COLUMN "status_index" SET NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX "badge_assertion_status_index_key" ON "badge_assertion"  ("status_index") `);
    await db.query(
      `CREATE TABLE "role_badge" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status_index" integer NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "credential" jsonb NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" text, CONSTRAINT "role_badge_pkey" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE UNIQUE INDEX "role_badge_grant_id_key" ON "role_badge"  ("grant_id") WHERE ended_at IS NULL`);
    await db.query(`CREATE INDEX "role_badge_user_id_idx" ON "role_badge"  ("user_id") `);
    await db.query(`CREATE UNIQUE INDEX "role_badge_status_index_key" ON "role_badge"  ("status_index") `);
    await db.query(`ALTER TABLE "role_badge" ADD CONSTRAINT "role_badge_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "role_grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "role_badge" ADD CONSTRAINT "role_badge_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "role_badge"`);
    await db.query(`DROP INDEX "public"."badge_assertion_status_index_key"`);
    await db.query(`ALTER TABLE "badge_assertion" DROP COLUMN "status_index"`);
    await db.query(`DROP SEQUENCE "credential_status_index_seq"`);
  }
}
