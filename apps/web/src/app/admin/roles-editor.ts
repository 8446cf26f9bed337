import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, type OnInit, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { ACTIVITY_LIMITS, type ApprovalMode, type FacilitatorRole, MAX_SHADOW_SESSIONS, PERMISSION_BUNDLES, type PermissionBundle, type RoleChangePreview, type RoleEffects, type UnlockRule, type UserSummary } from '@hearth/contracts';
import { CoursesApi } from '../courses/courses-api';
import { CredentialsApi } from '../credentials/credentials-api';
import { ApiError } from '../platform/api-error';
import { FormSubmission, serverError } from '../platform/form-submission';
import { BUNDLE_NAMES } from './admin-words';

/** A catalog this long is more than an admin picks from; the first pages do. */
const MAX_CATALOG_PAGES = 10;

interface CourseOption {
  id: string;
  title: string;
}

/**
 * Facilitator roles: what each asks for and what it allows, and the form that defines a
 * new one or writes the next version of one (the server keeps every version).
 */
@Component({
  selector: 'hearth-roles-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatRadioModule, RouterLink],
  templateUrl: './roles-editor.html',
  styleUrl: './roles-editor.scss',
})
export class RolesEditor implements OnInit {
  private readonly api = inject(CredentialsApi);
  private readonly courses = inject(CoursesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formTitle = viewChild.required<ElementRef<HTMLElement>>('formTitle');
  private readonly previewTitle = viewChild<ElementRef<HTMLElement>>('previewTitle');

  protected readonly bundles = PERMISSION_BUNDLES;
  protected readonly bundleName = BUNDLE_NAMES;
  protected readonly serverError = serverError;
  protected readonly namesOf = namesOf;
  protected readonly maxShadowSessions = MAX_SHADOW_SESSIONS;
  protected readonly activityLimits = ACTIVITY_LIMITS;

  protected readonly roles = signal<FacilitatorRole[]>([]);
  protected readonly catalog = signal<CourseOption[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal<string | null>(null);
  /** The role being edited; null while defining a new one. */
  protected readonly editing = signal<FacilitatorRole | null>(null);
  /** What saving the edited role as it stands would do: asked for before saving, dropped on any change. */
  protected readonly preview = signal<RoleChangePreview | null>(null);

  /** Published courses, and any course the edited role names that is no longer in the catalog. */
  protected readonly courseOptions = computed<CourseOption[]>(() => {
    const options = [...this.catalog()];
    for (const course of this.editing()?.courses ?? []) if (!options.some((o) => o.id === course.id)) options.push(course);
    return options;
  });
  protected readonly roleOptions = computed(() => this.roles().filter((role) => role.key !== this.editing()?.key));

  protected readonly form = this.fb.group({
    key: ['', Validators.required],
    name: ['', Validators.required],
    description: [''],
    courseIds: [[] as string[]],
    roleKeys: [[] as string[]],
    approval: ['review' as ApprovalMode],
    validityDays: this.fb.control<number | null>(null),
    shadowSessions: this.fb.control<number | null>(null, [Validators.min(1), Validators.max(MAX_SHADOW_SESSIONS)]),
    // Activity: minutes hosted in every so many days (empty: none).
    activityMinutes: this.fb.control<number | null>(null, [Validators.min(ACTIVITY_LIMITS.minutes.min), Validators.max(ACTIVITY_LIMITS.minutes.max)]),
    activityDays: this.fb.control<number | null>(30, [Validators.min(ACTIVITY_LIMITS.days.min), Validators.max(ACTIVITY_LIMITS.days.max)]),
    bundle: ['moderator' as PermissionBundle],
    roomTags: [''],
    // New holders' probation: co-hosted sessions a mentor confirms, and the longest mute meanwhile (empty: none).
    sessions: this.fb.control<number | null>(null),
    maxMinutes: this.fb.control<number | null>(60),
  });
  protected readonly submission = new FormSubmission(this.form);

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.preview.set(null));
  }

  async ngOnInit(): Promise<void> {
    try {
      const [roles] = await Promise.all([this.api.roles(), this.loadCatalog()]);
      this.roles.set(roles);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  private async loadCatalog(): Promise<void> {
    const courses: CourseOption[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_CATALOG_PAGES; page++) {
      const result = await this.courses.catalog(cursor);
      courses.push(...result.items.map(({ id, title }) => ({ id, title })));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    this.catalog.set(courses);
  }

  protected roleName(key: string): string {
    return this.roles().find((role) => role.key === key)?.name ?? key;
  }

  protected courseTitle(role: FacilitatorRole, id: string): string {
    return role.courses.find((course) => course.id === id)?.title ?? 'a course no longer published';
  }

  protected isChosen(control: FormControl<string[]>, value: string): boolean {
    return control.value.includes(value);
  }

  protected choose(control: FormControl<string[]>, value: string, chosen: boolean): void {
    const rest = control.value.filter((v) => v !== value);
    control.setValue(chosen ? [...rest, value] : rest);
    control.markAsDirty();
  }

  protected edit(role: FacilitatorRole): void {
    this.editing.set(role);
    this.preview.set(null);
    this.status.set(null);
    this.form.reset({
      key: role.key,
      name: role.name,
      description: role.description,
      courseIds: [...role.rule.courseIds],
      roleKeys: [...role.rule.roleKeys],
      approval: role.rule.approval,
      validityDays: role.rule.validityDays,
      shadowSessions: role.rule.shadowSessions ?? null,
      activityMinutes: role.rule.activity?.minutes ?? null,
      activityDays: role.rule.activity?.days ?? 30,
      bundle: role.effects.bundle,
      roomTags: role.effects.roomTags.join(', '),
      sessions: role.effects.probation?.sessions ?? null,
      maxMinutes: role.effects.probation?.maxMinutes ?? 60,
    });
    this.form.controls.key.disable();
    this.submission.error.set(null);
    this.focusForm();
  }

  protected startNew(): void {
    this.editing.set(null);
    this.preview.set(null);
    this.form.reset({ maxMinutes: 60 });
    this.form.controls.key.enable();
    this.submission.error.set(null);
    this.focusForm();
  }

  private focusForm(): void {
    setTimeout(() => {
      const title = this.formTitle().nativeElement;
      title.scrollIntoView({ block: 'start' });
      title.focus();
    });
  }

  protected save(): Promise<void> {
    return this.submission.submit(async () => {
      const value = this.form.getRawValue();
      const editing = this.editing();
      const rule: UnlockRule = {
        courseIds: value.courseIds,
        roleKeys: value.roleKeys,
        approval: value.approval,
        validityDays: value.validityDays ?? null,
        shadowSessions: value.shadowSessions || null,
        activity: value.activityMinutes ? { minutes: value.activityMinutes, days: value.activityDays ?? 30 } : null,
      };
      const effects: RoleEffects = {
        bundle: value.bundle,
        roomIds: editing?.effects.roomIds ?? [],
        roomTags: value.roomTags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
        probation: value.sessions ? { sessions: value.sessions, maxMinutes: value.maxMinutes ?? 60 } : null,
      };
      const details = { name: value.name.trim(), description: value.description.trim(), rule, effects };
      // A changed definition is shown first for what it would do to people; the second press saves it.
      if (editing && !this.preview()) {
        const sent = JSON.stringify(this.form.getRawValue());
        const preview = await withFormFields(this.api.previewRole(editing.key, details));
        // Changed while the preview was on its way: it is not what the form says now.
        if (JSON.stringify(this.form.getRawValue()) !== sent) return;
        this.preview.set(preview);
        setTimeout(() => this.previewTitle()?.nativeElement.focus());
        return;
      }
      const saved = await withFormFields(editing ? this.api.updateRole(editing.key, details) : this.api.createRole({ key: value.key.trim(), ...details }));
      this.preview.set(null);
      this.roles.update((roles) => (roles.some((r) => r.key === saved.key) ? roles.map((r) => (r.key === saved.key ? saved : r)) : [...roles, saved]));
      if (editing) {
        this.editing.set(saved);
        this.status.set(`Saved as version ${saved.version} of “${saved.name}”.`);
      } else {
        this.form.reset({ maxMinutes: 60 });
        this.status.set(`Created the role “${saved.name}” (${saved.key}), version ${saved.version}.`);
      }
    });
  }
}

/** The first people named, and how many more there are. */
function namesOf(people: UserSummary[], count: number): string {
  const names = people.map((person) => person.displayName).join(', ');
  return count > people.length ? `${names} and ${count - people.length} more` : names;
}

/**
 * The server names nested fields by their path (`rule.courseIds.0`, `effects.roomTags`);
 * the form's controls are flat, named after the last part.
 */
async function withFormFields<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (caught) {
    const error = ApiError.from(caught);
    const fields = error.fieldErrors.map((e) => ({ ...e, field: e.field.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? e.field }));
    throw new ApiError(error.status, error.code, error.message, fields, error.requestId);
  }
}
