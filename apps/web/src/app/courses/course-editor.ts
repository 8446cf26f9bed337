import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { type CompletionRequirement, type CourseDraft, type CourseRole, type CourseVersionSummary, type DraftItem, type DraftModule, type ItemType, SLUG_PATTERN } from '@hearth/contracts';
import { Confirm } from '../platform/confirm-dialog';
import { saveBlob } from '../platform/download';
import { ApiError } from '../platform/api-error';
import { FormSubmission, serverError } from '../platform/form-submission';
import { CoursesApi, ITEM_TYPE_NAMES } from './courses-api';
import { effectOnChange } from '../platform/effects';
import { focusWhenShown } from '../platform/focus';
import { Icon } from '../platform/icon';
import { ItemEditor } from './item-editor';
import { RequirementsEditor } from './requirements-editor';

/** The author's view of one course: its details, its modules and items, publishing, people. */
@Component({
  selector: 'hearth-course-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, ReactiveFormsModule, MatButtonModule, MatMenuModule, MatFormFieldModule, MatInputModule, MatSelectModule, RouterLink, ItemEditor, RequirementsEditor],
  templateUrl: './course-editor.html',
  styleUrl: './course-editor.scss',
})
export class CourseEditor {
  private readonly api = inject(CoursesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly router = inject(Router);
  private readonly confirm = inject(Confirm);

  readonly course = input.required<string>();

  protected readonly draft = signal<CourseDraft | null>(null);
  protected readonly versions = signal<CourseVersionSummary[]>([]);
  protected readonly editing = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly publishOpen = signal(false);
  protected readonly typeName = ITEM_TYPE_NAMES;
  protected readonly itemTypes: ItemType[] = ['lesson', 'discussion', 'quiz', 'script'];
  protected readonly serverError = serverError;
  /** Owners and authors edit; a mentor sees the draft; an admin (no role) may edit anything. */
  protected readonly canEdit = computed(() => this.draft()?.myRole !== 'mentor');
  protected readonly isOwner = computed(() => this.draft()?.myRole === 'owner');
  protected readonly problemCount = computed(() => this.draft()?.modules.flatMap((m) => m.items).reduce((n, item) => n + item.problems.length, 0) ?? 0);

  protected readonly details = this.fb.group({
    title: ['', [Validators.required, Validators.maxLength(120)]],
    slug: ['', [Validators.required, Validators.pattern(SLUG_PATTERN)]],
    summary: ['', Validators.maxLength(1000)],
    coverImageUrl: [''],
  });
  protected readonly detailsSubmission = new FormSubmission(this.details);
  protected readonly newModule = this.fb.group({ title: ['', Validators.required] });
  protected readonly publishForm = this.fb.group({ note: ['', Validators.maxLength(500)], recertify: [false], days: [30, [Validators.required, Validators.min(1), Validators.max(365)]] });
  protected readonly publishSubmission = new FormSubmission(this.publishForm);
  protected readonly staffForm = this.fb.group({ username: ['', Validators.required], role: ['author' as CourseRole] });
  protected readonly staffSubmission = new FormSubmission(this.staffForm);
  /** The title typed for a new item, per module. */
  protected readonly newItemTitles = signal<Partial<Record<string, string>>>({});
  protected readonly newItemTypes = signal<Partial<Record<string, ItemType>>>({});

  constructor() {
    effectOnChange(this.course, (course) => this.load(course));
  }

  private async load(course: string): Promise<void> {
    try {
      const draft = await this.api.draft(course);
      this.draft.set(draft);
      this.details.reset({ title: draft.title, slug: draft.slug, summary: draft.summary, coverImageUrl: draft.coverImageUrl ?? '' });
      this.versions.set(await this.api.versions(course));
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  private reload(): Promise<void> {
    return this.load(this.draft()?.id ?? this.course());
  }

  /** Runs a change, reports what went wrong, and shows the fresh draft. */
  private async act(work: () => Promise<unknown>, done?: string): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    this.status.set(null);
    try {
      await work();
      await this.reload();
      if (done) this.status.set(done);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }

  protected saveDetails(): Promise<void> {
    return this.detailsSubmission.submit(async () => {
      const value = this.details.getRawValue();
      const updated = await this.api.update(this.draft()!.id, { ...value, coverImageUrl: value.coverImageUrl || null });
      if (updated.slug !== this.course()) await this.router.navigate(['/author/courses', updated.slug], { replaceUrl: true });
      await this.reload();
      this.status.set('Course details saved.');
    });
  }

  protected addModule(): Promise<void> {
    const title = this.newModule.getRawValue().title.trim();
    if (!title) return Promise.resolve();
    return this.act(async () => {
      await this.api.addModule(this.draft()!.id, { title });
      this.newModule.reset();
    }, `Module “${title}” added.`);
  }

  protected renameModule(module: DraftModule, title: string): Promise<void> {
    if (!title.trim() || title === module.title) return Promise.resolve();
    return this.act(() => this.api.updateModule(module.id, { title: title.trim() }), 'Module renamed.');
  }

  protected moveModule(module: DraftModule, by: -1 | 1): Promise<void> {
    return this.act(() => this.api.updateModule(module.id, { position: module.position + by }));
  }

  protected removeModule(module: DraftModule): Promise<void> {
    return this.act(() => this.api.removeModule(module.id), `Module “${module.title}” removed.`);
  }

  protected setNewItemTitle(moduleId: string, title: string): void {
    this.newItemTitles.update((titles) => ({ ...titles, [moduleId]: title }));
  }

  protected setNewItemType(moduleId: string, type: ItemType): void {
    this.newItemTypes.update((types) => ({ ...types, [moduleId]: type }));
  }

  protected addItem(module: DraftModule): Promise<void> {
    const title = (this.newItemTitles()[module.id] ?? '').trim();
    const type = this.newItemTypes()[module.id] ?? 'lesson';
    if (!title) {
      this.error.set('Give the new item a title first.');
      return Promise.resolve();
    }
    return this.act(async () => {
      const item = await this.api.addItem(module.id, { type, title, body: '' });
      this.setNewItemTitle(module.id, '');
      this.editing.set(item.id);
    }, `${ITEM_TYPE_NAMES[type]} “${title}” added.`);
  }

  protected async moveItem(item: DraftItem, by: -1 | 1): Promise<void> {
    const from = this.itemMenu(item);
    const place = item.position + by;
    await this.act(() => this.api.updateItem(item.id, { position: place }), `“${item.title}” moved ${by < 0 ? 'up' : 'down'}, to place ${place}.`);
    focusWhenShown(`[data-item-menu="${item.id}"]`, { from });
  }

  protected async moveItemTo(item: DraftItem, moduleId: string): Promise<void> {
    const from = this.itemMenu(item);
    await this.act(() => this.api.updateItem(item.id, { moduleId }), `“${item.title}” moved.`);
    // Back on its menu button, wherever the item went (the move re-draws the list).
    focusWhenShown(`[data-item-menu="${item.id}"]`, { from });
  }

  /** The item's menu button, where focus returns when its menu closes. */
  private itemMenu(item: DraftItem): Element | null {
    return document.querySelector(`[data-item-menu="${item.id}"]`);
  }

  protected async removeItem(item: DraftItem): Promise<void> {
    const sure = await this.confirm.ask({
      title: `Remove “${item.title}”?`,
      message: 'It leaves the draft at once; trainees keep it until you publish. Its text is not kept anywhere else.',
      confirm: 'Remove the item',
    });
    if (!sure) return;
    if (this.editing() === item.id) this.editing.set(null);
    const from = this.itemMenu(item);
    await this.act(() => this.api.removeItem(item.id), `“${item.title}” removed.`);
    focusWhenShown(`#new-type-${item.moduleId}`, { from });
  }

  protected requirementsSaved(requirements: CompletionRequirement[]): void {
    this.draft.update((draft) => (draft ? { ...draft, requirements, unpublishedChanges: true } : draft));
  }

  protected async itemSaved(): Promise<void> {
    await this.reload();
    this.status.set('Item saved.');
  }

  protected publish(): Promise<void> {
    return this.publishSubmission.submit(async () => {
      const { note, recertify, days } = this.publishForm.getRawValue();
      const { version } = await this.api.publish(this.draft()!.id, note, recertify ? { days } : undefined);
      this.publishOpen.set(false);
      this.publishForm.reset();
      await this.reload();
      this.status.set(`Published version ${version}. Trainees see it now.${recertify ? ` Holders of the roles built on it are asked to redo what changed within ${days} days.` : ''}`);
    });
  }

  protected async archive(archived: boolean): Promise<void> {
    if (archived && !(await this.confirm.ask({ title: `Archive “${this.draft()!.title}”?`, message: 'It leaves the catalog and takes no new trainees. Those enrolled keep their progress, and you can bring it back at any time.', confirm: 'Archive the course' }))) return;
    // The button gives way to its opposite: focus goes there.
    const from = document.activeElement;
    await this.act(() => this.api.archive(this.draft()!.id, archived), archived ? 'Course archived.' : 'Course back in the catalog.');
    focusWhenShown(archived ? '[data-testid=unarchive]' : '[data-testid=archive]', { from });
  }

  protected addStaff(): Promise<void> {
    return this.staffSubmission.submit(async () => {
      const { username, role } = this.staffForm.getRawValue();
      await this.api.addStaff(this.draft()!.id, username.trim(), role);
      this.staffForm.reset({ username: '', role: 'author' });
      await this.reload();
      this.status.set(`@${username} added.`);
    });
  }

  protected async removeStaff(userId: string): Promise<void> {
    const member = this.draft()?.staff.find((person) => person.id === userId);
    if (!(await this.confirm.ask({ title: `Remove ${member?.displayName ?? 'this person'} from the staff?`, message: 'They lose their part in running this course.', confirm: 'Remove from the staff' }))) return;
    return this.act(() => this.api.removeStaff(this.draft()!.id, userId), 'Removed from the course staff.');
  }

  protected async download(format: 'tar.gz' | 'zip'): Promise<void> {
    try {
      saveBlob(await this.api.exportArchive(this.draft()!.id, format), `${this.draft()!.slug}.${format}`);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
