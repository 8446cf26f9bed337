import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { SANCTION_REASON_NAMES, SANCTION_REASONS, type SanctionReason } from '@hearth/contracts';

/**
 * A reason from the moderation list, and words of one's own (required with "another
 * reason"): what a moderation step and a report both ask for, with their own labels.
 */
@Component({
  selector: 'hearth-reason-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label [for]="prefix() + '-reason'">{{ codeLabel() }}</label>
    <select [id]="prefix() + '-reason'" required [value]="code()" (change)="code.set($any($event.target).value)">
      <option value="" disabled [selected]="!code()">{{ placeholder() }}</option>
      @for (reason of reasons; track reason) {
        <option [value]="reason" [selected]="reason === code()">{{ names[reason] }}</option>
      }
    </select>
    <label [for]="prefix() + '-note'">{{ noteLabel() }} {{ code() === 'other' ? '(required)' : '(optional)' }}</label>
    <textarea [id]="prefix() + '-note'" rows="3" maxlength="500" [value]="note()" (input)="note.set($any($event.target).value)"></textarea>
  `,
  styles: `
    :host { display: contents; }
  `,
})
export class ReasonFields {
  readonly prefix = input.required<string>();
  readonly codeLabel = input.required<string>();
  readonly noteLabel = input.required<string>();
  readonly placeholder = input('Choose a reason');
  readonly code = model<SanctionReason | ''>('');
  readonly note = model('');

  protected readonly reasons = SANCTION_REASONS;
  protected readonly names = SANCTION_REASON_NAMES;
}

/** Why a reason is not enough yet, if it is not: none chosen, or "another reason" without words. */
export function reasonProblem(code: SanctionReason | '', note: string, messages: { none: string; words: string }): string | null {
  if (!code) return messages.none;
  if (code === 'other' && !note.trim()) return messages.words;
  return null;
}
