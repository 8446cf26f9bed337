import { createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Database } from './database';

/** Secrets an instance generates for itself on first start, shared by every API process. */
@Entity()
export class InstanceSecretEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'instance_secret_pkey' })
  name!: string;

  @Column({ type: 'text' })
  value!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@Injectable()
export class InstanceSecrets {
  private readonly keys = new Map<string, Promise<string>>();

  constructor(private readonly db: Database) {}

  /**
   * A random key of `bytes` bytes kept under `name`: made on first use, read once per
   * process; a read that failed (the database away) is tried again next time.
   */
  key(name: string, bytes = 32): Promise<string> {
    let key = this.keys.get(name);
    if (!key) {
      key = this.getOrCreate(name, () => randomBytes(bytes).toString('base64url')).catch((error: unknown) => {
        this.keys.delete(name);
        throw error;
      });
      this.keys.set(name, key);
    }
    return key;
  }

  /** HMAC-SHA256 of `data` under the instance key `name`, base64url: tokens derived from ids, signed cookies. */
  async hmac(name: string, data: string): Promise<string> {
    return createHmac('sha256', await this.key(name)).update(data).digest('base64url');
  }

  /**
   * The secret stored under `name`, created with `generate()` the first time. Two
   * processes starting together agree on one value: the first insert wins. Written
   * outside the caller's transaction, so a rollback there cannot lose a secret that has
   * already been used.
   */
  getOrCreate(name: string, generate: () => string): Promise<string> {
    return this.db.outsideTransaction(async () => {
      await this.db.execute('INSERT INTO instance_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
        name,
        generate(),
      ]);
      const [row] = await this.db.query<{ value: string }>('SELECT value FROM instance_secret WHERE name = $1', [name]);
      return row.value;
    });
  }
}
