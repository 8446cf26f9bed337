import { signal } from '@angular/core';
import type { AbstractControl, FormGroup } from '@angular/forms';
import { ApiError } from './api-error';

/**
 * A form's submit, the same everywhere: while the form is invalid, show every field's
 * message instead of sending; while sending, stay busy so a double click sends once; on
 * failure, put the server's per-field messages under their fields (as a `server` error)
 * and its message above the form. Nothing the person typed is cleared.
 */
export class FormSubmission {
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  /** `invalidMessage` is shown above the form when it is sent invalid (for fields that show no error of their own). */
  constructor(
    private readonly form: FormGroup,
    private readonly invalidMessage: string | null = null,
  ) {}

  async submit(send: () => Promise<void>): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set(this.invalidMessage);
      return;
    }
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await send();
    } catch (caught) {
      const error = ApiError.from(caught);
      this.error.set(this.placeFieldErrors(error) ? 'Some fields need your attention.' : error.message);
    } finally {
      this.busy.set(false);
    }
  }

  private placeFieldErrors(error: ApiError): boolean {
    let placed = false;
    for (const [field, control] of Object.entries(this.form.controls)) {
      const message = error.messageFor(field);
      if (message) {
        control.setErrors({ server: message });
        control.markAsTouched();
        placed = true;
      }
    }
    return placed;
  }
}

/** The server's message for a field, shown under it until the field is edited. */
export function serverError(control: AbstractControl): string | null {
  return (control.errors?.['server'] as string | undefined) ?? null;
}
