import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shadowing: a role's rule may ask for live sessions co-hosted with a holder of the role,
 * each confirmed by its leader. Credentials keeps each confirmation with the roles its
 * leader held then. Confirmations made before were toward probations only (no rule asked
 * for shadowing yet), and which roles their leaders held then is not known: none is copied.
 */
export class Shadowing1796319603993 implements MigrationInterface {
  name = 'Shadowing1796319603993';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "shadowed_session" ("user_id" uuid NOT NULL, "session_id" uuid NOT NULL, "room_name" text NOT NULL, "topic" text NOT NULL, "leader_id" uuid, "leader_role_keys" text array NOT NULL, "confirmed_by" uuid, "minutes" integer NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "shadowed_session_pkey" PRIMARY KEY ("user_id", "session_id"))`);
    await db.query(`ALTER TABLE "shadowed_session" ADD CONSTRAINT "shadowed_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "shadowed_session" ADD CONSTRAINT "shadowed_session_leader_id_fkey" FOREIGN KEY ("leader_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "shadowed_session" ADD CONSTRAINT "shadowed_session_confirmed_by_fkey" FOREIGN KEY ("confirmed_by") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "shadowed_session"`);
  }
}
