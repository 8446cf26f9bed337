import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from '@hearth/contracts';
import { FormSubmission, serverError } from '../platform/form-submission';
import { Session } from './session';

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
  protected readonly submission = new FormSubmission(this.form);
  protected readonly serverError = serverError;

  protected submit(): Promise<void> {
    return this.submission.submit(async () => {
      await this.session.register(this.form.getRawValue());
      await this.router.navigateByUrl('/account');
    });
  }
}
