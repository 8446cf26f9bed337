import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { type CompletionRequirement, describeRequirement, REQUIREMENT_KINDS, type RequirementKind } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { effectOnChange } from '../platform/effects';
import { CoursesApi } from './courses-api';

/** A requirement as edited: every setting present, numbers as typed. */
interface Row {
  kind: RequirementKind;
  atLeast: number | null;
  sessionKind: string;
  minutes: number | null;
  /** Practicum: the rubric's criteria and pass score. */
  criteria: Array<{ key: string; label: string; description: string; maxScore: number | null }>;
  passScore: number | null;
}

const KIND_NAMES: Record<RequirementKind, string> = {
  lessons_viewed: 'Every lesson opened',
  discussions_answered: 'Discussions answered',
  answers_accepted: 'Answers accepted by a mentor',
  quizzes_passed: 'Every quiz passed',
  sessions_attended: 'Live sessions attended in the chat',
  mentor_signoff: 'Signed off by a mentor',
  practicum: 'Practicum (practice sessions)',
};

/**
 * The course's completion requirements, as its authors set them. They are checked by the
 * server on save and come into force with the next published version.
 */
@Component({
  selector: 'hearth-requirements-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule],
  templateUrl: './requirements-editor.html',
  styleUrl: './requirements-editor.scss',
})
export class RequirementsEditor {
  private readonly api = inject(CoursesApi);

  readonly course = input.required<string>();
  readonly requirements = input.required<CompletionRequirement[]>();
  readonly editable = input(true);
  readonly saved = output<CompletionRequirement[]>();

  protected readonly rows = signal<Row[]>([]);
  protected readonly adding = signal<RequirementKind>('lessons_viewed');
  protected readonly problem = signal<ApiError | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal(false);
  protected readonly kinds = REQUIREMENT_KINDS;
  protected readonly kindName = KIND_NAMES;
  protected readonly describe = describeRequirement;

  constructor() {
    effectOnChange(this.requirements, (requirements) => this.rows.set(requirements.map(toRow)));
  }

  protected add(): void {
    const kind = this.adding();
    this.rows.update((rows) => [
      ...rows,
      {
        kind,
        atLeast: kind === 'sessions_attended' || kind === 'practicum' ? 1 : null,
        sessionKind: 'support-session',
        minutes: kind === 'sessions_attended' ? 30 : null,
        criteria: kind === 'practicum' ? [{ key: 'opening', label: 'Opening the session', description: '', maxScore: 4 }] : [],
        passScore: kind === 'practicum' ? 3 : null,
      },
    ]);
    this.status.set('');
  }

  protected addCriterion(row: Row): void {
    row.criteria = [...row.criteria, { key: '', label: '', description: '', maxScore: 4 }];
    this.changed();
  }

  protected removeCriterion(row: Row, index: number): void {
    row.criteria = row.criteria.filter((_, i) => i !== index);
    this.changed();
  }

  /** The server's words on a practicum's rubric, each with where it is. */
  protected rubricErrors(index: number): string[] {
    const prefix = `requirements.${index}.rubric`;
    return (this.problem()?.fieldErrors ?? []).filter((error) => error.field.startsWith(prefix)).map((error) => {
      const place = /criteria\.(\d+)/.exec(error.field);
      return place ? `Criterion ${Number(place[1]) + 1}: ${error.message}` : error.message;
    });
  }

  protected remove(index: number): void {
    this.rows.update((rows) => rows.filter((_, i) => i !== index));
    this.status.set('');
  }

  protected changed(): void {
    this.rows.update((rows) => [...rows]);
    this.status.set('');
  }

  protected fieldError(index: number, field: string): string | undefined {
    return this.problem()?.messageFor(`requirements.${index}.${field}`) ?? (field === 'kind' ? this.problem()?.messageFor(`requirements.${index}`) : undefined);
  }

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      const { requirements } = await this.api.setRequirements(this.course(), this.rows().map(toRequirement));
      this.status.set('Requirements saved. They apply from the next version you publish.');
      this.saved.emit(requirements);
    } catch (error) {
      // The rows stay as typed, with the server's word on each field.
      this.problem.set(ApiError.from(error));
    } finally {
      this.busy.set(false);
    }
  }
}

function toRow(requirement: CompletionRequirement): Row {
  return {
    kind: requirement.kind,
    atLeast: 'atLeast' in requirement ? (requirement.atLeast ?? null) : null,
    sessionKind: requirement.kind === 'sessions_attended' ? requirement.sessionKind : 'support-session',
    minutes: requirement.kind === 'sessions_attended' ? requirement.minutes : null,
    criteria:
      requirement.kind === 'practicum'
        ? requirement.rubric.criteria.map((criterion) => ({ key: criterion.key, label: criterion.label, description: criterion.description ?? '', maxScore: criterion.maxScore }))
        : [],
    passScore: requirement.kind === 'practicum' ? requirement.rubric.passScore : null,
  };
}

/** What is sent: a missing "at least" means every one; the server checks the rest. */
function toRequirement(row: Row): CompletionRequirement {
  switch (row.kind) {
    case 'discussions_answered':
    case 'answers_accepted':
      return row.atLeast === null || (row.atLeast as unknown) === '' ? { kind: row.kind } : { kind: row.kind, atLeast: Number(row.atLeast) };
    case 'sessions_attended':
      return { kind: row.kind, sessionKind: row.sessionKind.trim(), atLeast: Number(row.atLeast), minutes: Number(row.minutes) };
    case 'practicum':
      return {
        kind: row.kind,
        atLeast: Number(row.atLeast),
        rubric: {
          criteria: row.criteria.map((c) => ({ key: c.key.trim(), label: c.label.trim(), ...(c.description.trim() ? { description: c.description.trim() } : {}), maxScore: Number(c.maxScore) })),
          passScore: Number(row.passScore),
        },
      };
    default:
      return { kind: row.kind as 'lessons_viewed' | 'quizzes_passed' | 'mentor_signoff' };
  }
}
