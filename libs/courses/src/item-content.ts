import type { ItemType, ScriptContent, ShowAnswers } from '@hearth/contracts';
import { Column } from 'typeorm';

/**
 * What an item says, the same in the draft (`item`) and in each published version
 * (`published_item`); `Q` is its quiz questions and `S` its script as stored there.
 */
export abstract class ItemContent<Q, S extends ScriptContent = ScriptContent> {
  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  type!: ItemType;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  bodyMd!: string;

  @Column({ type: 'text' })
  bodyHtml!: string;

  @Column({ type: 'text', nullable: true })
  reflectionQuestion!: string | null;

  @Column({ type: 'boolean', nullable: true })
  postFirst!: boolean | null;

  @Column({ type: 'integer', nullable: true })
  minWords!: number | null;

  @Column({ type: 'integer', nullable: true })
  passPercent!: number | null;

  /** Quizzes: when the key is shown (`after-pass` or `after-each-attempt`); null otherwise. */
  @Column({ type: 'text', nullable: true })
  showAnswers!: ShowAnswers | null;

  @Column({ type: 'jsonb', nullable: true })
  questions!: Q[] | null;

  /** Scripts: the steps (prompts in Markdown) and reflection questions; null for other items. */
  @Column({ type: 'jsonb', nullable: true })
  script!: S | null;
}
