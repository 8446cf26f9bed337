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
  constructor(private readonly db: Database) {}

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
