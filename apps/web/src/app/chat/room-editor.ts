import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { type ChatRoom, type CourseSummary, type CreateRoomRequest, type FacilitatorRole, ROOM_TAG_PATTERN } from '@hearth/contracts';
import { CoursesApi } from '../courses/courses-api';
import { CredentialsApi } from '../credentials/credentials-api';
import { ApiError } from '../platform/api-error';
import { Confirm } from '../platform/confirm-dialog';
import { FormSubmission, serverError } from '../platform/form-submission';
import { ChatApi } from './chat-api';

/** An admin creates a room or changes one: its words, tags, lock (roles, course badges), read-only, archive. */
@Component({
  selector: 'hearth-room-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, RouterLink],
  templateUrl: './room-editor.html',
  styleUrl: './chat.scss',
})
export class RoomEditor implements OnInit {
  private readonly api = inject(ChatApi);
  private readonly credentials = inject(CredentialsApi);
  private readonly coursesApi = inject(CoursesApi);
  private readonly router = inject(Router);
  private readonly confirm = inject(Confirm);
  protected readonly roomId = inject(ActivatedRoute).snapshot.paramMap.get('room');

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(80), Validators.pattern(/\S/)]],
    topic: ['', Validators.maxLength(500)],
    audienceNote: ['', Validators.maxLength(500)],
    tags: [''],
    readOnly: [false],
  });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly serverError = serverError;
  protected readonly roles = signal<FacilitatorRole[]>([]);
  protected readonly courses = signal<CourseSummary[]>([]);
  protected readonly lockRoles = signal<Set<string>>(new Set());
  protected readonly lockBadges = signal<Set<string>>(new Set());
  protected readonly room = signal<ChatRoom | null>(null);
  protected readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      const [roles, courses, room] = await Promise.all([this.credentials.roles(), this.allCourses(), this.roomId ? this.api.room(this.roomId) : Promise.resolve(null)]);
      this.roles.set(roles);
      this.courses.set(courses.filter((course) => course.version !== null));
      if (room) {
        this.room.set(room);
        this.form.setValue({ name: room.name, topic: room.topic, audienceNote: room.audienceNote, tags: room.tags.join(', '), readOnly: room.readOnly });
        this.lockRoles.set(new Set(room.lock?.roles ?? []));
        this.lockBadges.set(new Set(room.lock?.badges ?? []));
      }
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  protected toggle(set: 'roles' | 'badges', value: string, on: boolean): void {
    const target = set === 'roles' ? this.lockRoles : this.lockBadges;
    target.update((current) => {
      const next = new Set(current);
      if (on) next.add(value);
      else next.delete(value);
      return next;
    });
  }

  protected save(): Promise<void> {
    return this.submission.submit(async () => {
      const value = this.form.getRawValue();
      const tags = value.tags.split(/[\s,]+/).map((tag) => tag.trim().replace(/^#/, '').toLowerCase()).filter(Boolean);
      const bad = tags.find((tag) => !ROOM_TAG_PATTERN.test(tag));
      if (bad) throw new ApiError(400, 'validation', 'Some fields need your attention.', [{ field: 'tags', message: `“${bad}” is not a tag: use lower-case words joined by hyphens.` }]);
      const request: CreateRoomRequest = {
        name: value.name,
        topic: value.topic,
        audienceNote: value.audienceNote,
        tags,
        readOnly: value.readOnly,
        lock: this.lockRoles().size + this.lockBadges().size > 0 ? { roles: [...this.lockRoles()], badges: [...this.lockBadges()] } : null,
      };
      const saved = this.roomId ? await this.api.updateRoom(this.roomId, request) : await this.api.createRoom(request);
      await this.router.navigate(['/chat', saved.id]);
    });
  }

  protected async archive(archived: boolean): Promise<void> {
    if (!this.roomId) return;
    if (archived && !(await this.confirm.ask({ title: `Archive “${this.room()?.name ?? 'the room'}”?`, message: 'Everyone in it is shown out at once, and only admins see it until it is brought back. Its messages are kept.', confirm: 'Archive the room' }))) return;
    try {
      this.room.set(await this.api.archive(this.roomId, archived));
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  private async allCourses(): Promise<CourseSummary[]> {
    const courses: CourseSummary[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.coursesApi.catalog(cursor);
      courses.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return courses;
  }
}
