import { ChangeDetectionStrategy, Component, computed, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { type ChatShift, type CoverageWeek, type DayCoverage, isoWeekOf, SHIFT_MAX_HOURS, weekAfter } from '@hearth/contracts';
import { ChatApi } from '../chat/chat-api';
import { CredentialsApi } from '../credentials/credentials-api';
import { ApiError } from '../platform/api-error';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** A day's uncovered hours as spans, in words: "00:00–18:00, 22:00–24:00". */
function openSpans(day: DayCoverage): string {
  const spans: string[] = [];
  for (let hour = 0; hour < 24; hour++) {
    if (day.covered[hour] || (hour > 0 && !day.covered[hour - 1])) continue;
    let end = hour;
    while (end < 24 && !day.covered[end]) end++;
    spans.push(`${hh(hour)}–${hh(end)}`);
  }
  return spans.join(', ');
}

/**
 * The rota, for admins: a week of rooms by days, each day saying how many of its hours
 * nobody covers (a shift or a session), with the spans for screen readers and a strip of
 * the 24 hours for the eye; the week's shifts, and a form to put someone on it. In UTC, as
 * the server counts hours.
 */
@Component({
  selector: 'hearth-admin-coverage',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, RouterLink],
  template: `
    <section class="page" aria-labelledby="coverage-title">
      <p><a routerLink="/admin">Admin</a></p>
      <h1 id="coverage-title" tabindex="-1">Coverage</h1>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <p class="visually-hidden" role="status">{{ status() }}</p>
      <div class="week-nav" role="group" aria-label="Which week">
        <button mat-stroked-button type="button" (click)="go(-1)">Previous week</button>
        <span class="week">{{ week() }}</span>
        <button mat-stroked-button type="button" (click)="go(1)">Next week</button>
      </div>
      @if (coverage(); as shown) {
        <table class="grid">
          <caption>Hours nobody covers, by room and day (UTC)</caption>
          <thead>
            <tr>
              <th scope="col" class="room">Room</th>
              @for (day of shown.rooms[0]?.days ?? []; track day.date; let i = $index) {
                <th scope="col"><abbr [title]="day.date">{{ dayNames[i] }}</abbr> <span class="date">{{ day.date.slice(8) }}</span></th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of shown.rooms; track row.room.id) {
              <tr>
                <th scope="row" class="room">{{ row.room.name }} <span class="total">{{ row.uncoveredHours }} h open</span></th>
                @for (day of row.days; track day.date) {
                  <td [class.gap]="openHours(day) > 0">
                    <span aria-hidden="true" class="strip">
                      @for (held of day.covered; track $index) {
                        <span [class.held]="held"></span>
                      }
                    </span>
                    <span aria-hidden="true">{{ openHours(day) === 0 ? '✓' : openHours(day) + ' h' }}</span>
                    <span class="visually-hidden">{{ openHours(day) === 0 ? 'covered all day' : openHours(day) + ' hours uncovered: ' + spans(day) }}</span>
                  </td>
                }
              </tr>
            } @empty {
              <tr><td colspan="8">No rooms.</td></tr>
            }
          </tbody>
        </table>
      }

      <h2>Shifts this week</h2>
      <ul class="shifts">
        @for (shift of shifts(); track shift.id) {
          <li>
            <span><strong>{{ shift.room.name }}</strong> · {{ shift.person.displayName }} · {{ span(shift) }}</span>
            <button mat-button type="button" (click)="remove(shift)" [attr.aria-label]="'Remove ' + shift.person.displayName + '’s shift in ' + shift.room.name + ', ' + span(shift)">Remove</button>
          </li>
        } @empty {
          <li class="empty">Nobody is on the rota this week.</li>
        }
      </ul>

      <h2 id="add-shift-title">Add a shift</h2>
      <form class="add-shift" aria-labelledby="add-shift-title" (ngSubmit)="add()">
        <label for="shift-room">Room</label>
        <select id="shift-room" name="room" [(ngModel)]="roomId" required>
          @for (row of coverage()?.rooms ?? []; track row.room.id) {
            <option [value]="row.room.id">{{ row.room.name }}</option>
          }
        </select>
        <label for="shift-person">Person (username)</label>
        <input id="shift-person" name="person" [(ngModel)]="username" required autocomplete="off" />
        <label for="shift-day">Day</label>
        <select id="shift-day" name="day" [(ngModel)]="day">
          @for (date of days(); track date; let i = $index) {
            <option [ngValue]="i">{{ dayNames[i] }} {{ date }}</option>
          }
        </select>
        <div class="times">
          <span>
            <label for="shift-from">From (UTC)</label>
            <input id="shift-from" name="from" type="time" [(ngModel)]="from" required />
          </span>
          <span>
            <label for="shift-until">Until (UTC)</label>
            <input id="shift-until" name="until" type="time" [(ngModel)]="until" required aria-describedby="shift-hint" />
          </span>
        </div>
        <p class="hint" id="shift-hint">At most {{ maxHours }} hours; an end before the start is on the next day.</p>
        @if (formError(); as message) {
          <p class="alert" role="alert">{{ message }}</p>
        }
        <div><button mat-flat-button type="submit" [disabled]="busy()">Add the shift</button></div>
      </form>
    </section>
  `,
  styles: `
    .week-nav { display: flex; align-items: center; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 0.75rem; }
    .week { font-weight: 600; }
    .grid { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 0.85rem; }
    .grid caption { text-align: left; font-weight: 600; margin-bottom: 0.35rem; }
    .grid th, .grid td { border: 1px solid var(--mat-sys-outline-variant); padding: 0.25rem 0.15rem; text-align: center; vertical-align: top; }
    .grid .room { width: 28%; text-align: left; overflow-wrap: anywhere; }
    .grid .date, .grid .total { display: block; font-weight: normal; color: var(--mat-sys-on-surface-variant); }
    .grid abbr { text-decoration: none; }
    .grid td.gap { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .strip { display: flex; height: 6px; margin-bottom: 0.2rem; }
    .strip > span { flex: 1; background: var(--mat-sys-error); }
    .strip > span.held { background: var(--mat-sys-primary); }
    .shifts { list-style: none; padding: 0; }
    .shifts li { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.25rem; padding: 0.35rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); overflow-wrap: anywhere; }
    .empty, .hint { color: var(--mat-sys-on-surface-variant); }
    .add-shift { display: flex; flex-direction: column; gap: 0.35rem; max-width: 28rem; }
    .add-shift input, .add-shift select { font: inherit; padding: 0.35rem 0.5rem; border-radius: 6px; border: 1px solid var(--mat-sys-outline); background: var(--mat-sys-surface); color: inherit; max-width: 100%; box-sizing: border-box; }
    .times { display: flex; flex-wrap: wrap; gap: 1rem; }
    .times > span { display: flex; flex-direction: column; gap: 0.35rem; }
    @media (max-width: 480px) { .grid { font-size: 0.75rem; } .grid .room { width: 30%; } }
  `,
})
export class AdminCoverage implements OnInit {
  private readonly api = inject(ChatApi);
  private readonly credentials = inject(CredentialsApi);
  protected readonly dayNames = DAY_NAMES;
  protected readonly maxHours = SHIFT_MAX_HOURS;
  protected readonly spans = openSpans;
  protected readonly week = signal(isoWeekOf(new Date()));
  protected readonly coverage = signal<CoverageWeek | null>(null);
  protected readonly shifts = signal<ChatShift[]>([]);
  protected readonly days = computed(() => (this.coverage()?.rooms[0]?.days ?? []).map((day) => day.date));
  protected readonly error = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal(false);
  protected roomId = '';
  protected username = '';
  protected day = 0;
  protected from = '09:00';
  protected until = '17:00';

  ngOnInit(): Promise<void> {
    return this.load();
  }

  protected openHours(day: DayCoverage): number {
    return day.covered.filter((covered) => !covered).length;
  }

  protected span(shift: ChatShift): string {
    const [starts, ends] = [shift.startsAt, shift.endsAt];
    return `${starts.slice(0, 10)} ${starts.slice(11, 16)}–${ends.slice(0, 10) === starts.slice(0, 10) ? '' : ends.slice(0, 10) + ' '}${ends.slice(11, 16)} UTC`;
  }

  protected async go(weeks: number): Promise<void> {
    this.week.set(weekAfter(this.week(), weeks));
    await this.load();
    this.status.set(`Week ${this.week()}`);
  }

  protected async add(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.formError.set(null);
    try {
      const wanted = this.username.trim().replace(/^@/, '').toLowerCase();
      const person = (await this.credentials.people(wanted, null)).items.find((user) => user.username.toLowerCase() === wanted);
      if (!person) {
        this.formError.set(`There is no member with the username “${wanted}”.`);
        return;
      }
      const date = this.days()[this.day];
      const startsAt = new Date(`${date}T${this.from}:00Z`);
      const endsAt = new Date(`${date}T${this.until}:00Z`);
      if (endsAt <= startsAt) endsAt.setUTCDate(endsAt.getUTCDate() + 1);
      const shift = await this.api.createShift(this.roomId, { userId: person.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
      await this.load();
      this.status.set(`${shift.person.displayName} is on the rota in ${shift.room.name}, ${this.span(shift)}.`);
    } catch (error) {
      this.formError.set(ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(shift: ChatShift): Promise<void> {
    try {
      await this.api.removeShift(shift.id);
      await this.load();
      this.status.set(`${shift.person.displayName}’s shift in ${shift.room.name} is off the rota.`);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  private async load(): Promise<void> {
    this.error.set(null);
    try {
      const [coverage, shifts] = await Promise.all([this.api.coverage(this.week()), this.api.shifts(this.week())]);
      this.coverage.set(coverage);
      this.shifts.set(shifts);
      if (!coverage.rooms.some((row) => row.room.id === this.roomId)) this.roomId = coverage.rooms[0]?.room.id ?? '';
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
