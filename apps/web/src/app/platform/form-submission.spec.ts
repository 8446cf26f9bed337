import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { FormSubmission, serverError } from './form-submission';

const problem = (status: number, body: object) => new HttpErrorResponse({ status, error: { title: 'x', status, ...body } });

describe('FormSubmission', () => {
  const makeForm = () =>
    new FormGroup({ email: new FormControl('a@example.org', Validators.required), username: new FormControl('ada', Validators.required) });

  it('does not send an invalid form, and shows its errors', async () => {
    const form = makeForm();
    form.controls.email.setValue('');
    const send = vi.fn();
    await new FormSubmission(form).submit(send);
    expect(send).not.toHaveBeenCalled();
    expect(form.controls.email.touched).toBe(true);
  });

  it('sends once while busy', async () => {
    const submission = new FormSubmission(makeForm());
    let release!: () => void;
    const send = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const first = submission.submit(send);
    await submission.submit(send);
    expect(submission.busy()).toBe(true);
    release();
    await first;
    expect(send).toHaveBeenCalledTimes(1);
    expect(submission.busy()).toBe(false);
  });

  it('puts the server’s field messages under their fields and keeps the values', async () => {
    const form = makeForm();
    const submission = new FormSubmission(form);
    await submission.submit(() =>
      Promise.reject(problem(409, { type: '/problems/username-taken', detail: 'Taken.', errors: [{ field: 'username', message: 'This username is taken.' }] })),
    );
    expect(serverError(form.controls.username)).toBe('This username is taken.');
    expect(serverError(form.controls.email)).toBeNull();
    expect(submission.error()).toBe('Some fields need your attention.');
    expect(form.controls.username.value).toBe('ada');
  });

  it('shows the server’s message when no field is to blame', async () => {
    const submission = new FormSubmission(makeForm());
    await submission.submit(() => Promise.reject(problem(401, { type: '/problems/invalid-credentials', detail: 'The login or password is wrong.' })));
    expect(submission.error()).toBe('The login or password is wrong.');
  });
});
