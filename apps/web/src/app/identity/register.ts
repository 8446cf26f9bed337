import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH, type RegisterRequest, USERNAME_PATTERN } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { Session } from './session';

type Field = keyof RegisterRequest;

@Component({
  selector: 'hearth-register',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink],
  templateUrl: './register.html',
})
export class Register {
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    username: ['', [Validators.required, Validators.pattern(USERNAME_PATTERN)]],
    displayName: ['', [Validators.required, Validators.maxLength(80)]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);

  /** The server's message for a field, shown under it until the field is edited. */
  protected serverError(control: AbstractControl): string | null {
    return (control.errors?.['server'] as string | undefined) ?? null;
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.session.register(this.form.getRawValue());
      await this.router.navigateByUrl('/account');
    } catch (caught) {
      const error = ApiError.from(caught);
      let placed = false;
      for (const field of Object.keys(this.form.controls) as Field[]) {
        const message = error.messageFor(field);
        if (message) {
          this.form.controls[field].setErrors({ server: message });
          this.form.controls[field].markAsTouched();
          placed = true;
        }
      }
      this.error.set(placed ? 'Some fields need your attention.' : error.message);
    } finally {
      this.busy.set(false);
    }
  }
}
