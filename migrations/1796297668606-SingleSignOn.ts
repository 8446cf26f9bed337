import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SingleSignOn1796297668606 implements MigrationInterface {
  name = 'SingleSignOn1796297668606';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "oidc_identity" ("issuer" text NOT NULL, "subject" text NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "oidc_identity_pkey" PRIMARY KEY ("issuer", "subject"))`);
    await db.query(`CREATE INDEX "oidc_identity_user_id_idx" ON "oidc_identity"  ("user_id") `);
    await db.query(`ALTER TABLE "oidc_identity" ADD CONSTRAINT "oidc_identity_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "oidc_identity" DROP CONSTRAINT "oidc_identity_user_id_fkey"`);
    await db.query(`DROP INDEX "public"."oidc_identity_user_id_idx"`);
    await db.query(`DROP TABLE "oidc_identity"`);
  }
}
