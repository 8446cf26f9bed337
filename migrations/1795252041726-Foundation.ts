import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795252041726 implements MigrationInterface {
  name = 'Foundation1795252041726';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE instance_secret (
        name text NOT NULL,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT instance_secret_pkey PRIMARY KEY (name)
      )`);
    await db.query(`
      CREATE TABLE rate_limit (
        key text NOT NULL,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz,
        CONSTRAINT rate_limit_pkey PRIMARY KEY (key)
      )`);
    await db.query(`
      CREATE TABLE "user" (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        username text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        platform_roles text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_pkey PRIMARY KEY (id),
        CONSTRAINT user_platform_roles_check CHECK (platform_roles <@ ARRAY['admin', 'author']::text[])
      )`);
    await db.query('CREATE UNIQUE INDEX user_email_lower_key ON "user" (lower(email))');
    await db.query('CREATE UNIQUE INDEX user_username_lower_key ON "user" (lower(username))');
    await db.query(`
      CREATE TABLE session (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        CONSTRAINT session_pkey PRIMARY KEY (id),
        CONSTRAINT session_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE
      )`);
    await db.query('CREATE INDEX session_user_id_idx ON session (user_id)');
    await db.query(`
      CREATE TABLE refresh_token (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT refresh_token_pkey PRIMARY KEY (id),
        CONSTRAINT refresh_token_session_id_fkey FOREIGN KEY (session_id) REFERENCES session (id) ON DELETE CASCADE
      )`);
    await db.query('CREATE UNIQUE INDEX refresh_token_token_hash_key ON refresh_token (token_hash)');
    await db.query('CREATE INDEX refresh_token_session_id_idx ON refresh_token (session_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE refresh_token');
    await db.query('DROP TABLE session');
    await db.query('DROP TABLE "user"');
    await db.query('DROP TABLE rate_limit');
    await db.query('DROP TABLE instance_secret');
  }
}
