import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ApiError } from './api-error';

const problemResponse = (status: number, body: unknown) =>
  new HttpErrorResponse({ status, error: body, headers: new HttpHeaders({ 'content-type': 'application/problem+json' }) });

describe('ApiError.from', () => {
  it('reads a problem+json body: code, detail and field messages', () => {
    const error = ApiError.from(
      problemResponse(409, {
        type: '/problems/username-taken',
        title: 'Conflict',
        status: 409,
        detail: 'This username is taken.',
        requestId: 'abc',
        errors: [{ field: 'username', message: 'This username is taken (usernames ignore case).' }],
      }),
    );
    expect(error.status).toBe(409);
    expect(error.code).toBe('username-taken');
    expect(error.message).toBe('This username is taken.');
    expect(error.requestId).toBe('abc');
    expect(error.messageFor('username')).toContain('taken');
    expect(error.messageFor('email')).toBeUndefined();
  });

  it('reads a problem body that arrived as text', () => {
    const body = JSON.stringify({ type: '/problems/rate-limited', title: 'Too Many Requests', status: 429, detail: 'Try again in 30 seconds.' });
    expect(ApiError.from(problemResponse(429, body)).message).toBe('Try again in 30 seconds.');
  });

  it('explains an unreachable server', () => {
    expect(ApiError.from(new HttpErrorResponse({ status: 0 })).code).toBe('network');
  });

  it('never shows a raw server error page', () => {
    const error = ApiError.from(new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' }));
    expect(error.message).not.toContain('<html>');
    expect(error.code).toBe('server');
  });

  it('wraps anything else in a readable sentence', () => {
    expect(ApiError.from(new TypeError('x is undefined')).message).toMatch(/Reload/);
  });
});
