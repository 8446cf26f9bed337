import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Database } from './database';

/**
 * When a context's share of a deletion runs: powers are withdrawn first (their events
 * reach the chat and the bell), then what the person wrote and did is erased, then what
 * they were told, and last the account itself.
 */
export type ErasureStage = 'powers' | 'content' | 'notices' | 'account';
const STAGES: ErasureStage[] = ['powers', 'content', 'notices', 'account'];

/**
 * What a context holds about a person, and how to hand it to them and take it away: one
 * holder per context, beside its tables (`<context>.personal-data.ts`), so a new table
 * with personal data has an obvious place to be exported and erased from. A provider
 * marked `@HoldsPersonalData()` is found by the registry; nothing else needs telling.
 */
export interface PersonalDataHolder {
  /** The archive's section for this context: `discussions`, `chat`… */
  readonly section: string;
  readonly stage: ErasureStage;
  /** Everything the context holds about the person, as plain JSON. */
  export(userId: string): Promise<Record<string, unknown>>;
  /**
   * Erases or pseudonymises it, inside the deletion's transaction. Rows other people's
   * history needs (a thread's structure, a moderation record, append-only history) stay,
   * naming the person by id only: the name lives in one row, the account, and that is
   * pseudonymised last.
   */
  erase(userId: string, actorId: string): Promise<void>;
}

/** Marks a provider as its context's PersonalDataHolder. */
export const HoldsPersonalData = DiscoveryService.createDecorator<void>();

/** The registry of holders: the archive is every section, a deletion every holder in stage order. */
@Injectable()
export class PersonalData {
  private found?: PersonalDataHolder[];

  constructor(
    private readonly db: Database,
    private readonly discovery: DiscoveryService,
  ) {}

  async exportAll(userId: string): Promise<Record<string, Record<string, unknown>>> {
    const archive: Record<string, Record<string, unknown>> = {};
    for (const holder of this.ordered()) archive[holder.section] = await holder.export(userId);
    return archive;
  }

  /** Every holder's erasure, in one transaction: a deletion happens wholly or not at all. */
  eraseAll(userId: string, actorId: string): Promise<void> {
    return this.db.transaction(async () => {
      for (const holder of this.ordered()) await holder.erase(userId, actorId);
    });
  }

  /** Every `@HoldsPersonalData()` provider of the app, powers first and the account last. */
  private ordered(): PersonalDataHolder[] {
    this.found ??= this.discovery
      .getProviders({ metadataKey: HoldsPersonalData.KEY })
      .map((wrapper) => wrapper.instance as PersonalDataHolder)
      .sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
    const sections = this.found.map((holder) => holder.section);
    if (new Set(sections).size !== sections.length) throw new Error(`Two personal-data holders for one section: ${sections.join(', ')}`);
    return this.found;
  }
}

/**
 * A JSON snapshot (evidence frozen when a request was made) with every person-summary of
 * `former.id` in it replaced by `former`: a name copied into a snapshot is pseudonymised
 * with the account it names. Null when the snapshot never named them.
 */
export function withoutNameOf<T>(snapshot: T, former: { id: string; username: string; displayName: string }): T | null {
  let changed = false;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    if (object.id === former.id && 'displayName' in object) {
      changed = true;
      return { ...object, username: former.username, displayName: former.displayName };
    }
    return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, walk(inner)]));
  };
  const result = walk(snapshot) as T;
  return changed ? result : null;
}

/**
 * SQL that blanks, in `table`.`column` (a JSON snapshot with an `answers` array), the
 * comment of every answer's review written by $1, the reviewer's id being at `reviewerPath`
 * inside the review: a mentor's words copied into someone's evidence go with the mentor's
 * account, as the review itself does.
 */
export function reviewCommentsErasedSql(table: string, column: string, reviewerPath: string[]): string {
  const byThem = (answer: string) => `${answer} #>> '{review,${reviewerPath.join(',')}}' = $1`;
  return `UPDATE ${table} SET ${column} = jsonb_set(${column}, '{answers}',
            (SELECT jsonb_agg(CASE WHEN ${byThem('a')} THEN jsonb_set(a, '{review,comment}', 'null'::jsonb) ELSE a END ORDER BY o)
               FROM jsonb_array_elements(${column}->'answers') WITH ORDINALITY AS x(a, o)))
           WHERE jsonb_typeof(${column}->'answers') = 'array'
             AND EXISTS (SELECT 1 FROM jsonb_array_elements(${column}->'answers') AS y(a) WHERE ${byThem('a')})`;
}
