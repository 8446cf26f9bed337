import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../platform/api-error';
import { authInterceptor } from './auth.interceptor';
import { Session } from './session';

const expiredProblem = { type: '/problems/token-expired', title: 'Unauthorized', status: 401, detail: 'The access token has expired; refresh it.' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: Session;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(Session);
  });
  afterEach(() => backend.verify());

  it('sends the access token to the API only', () => {
    session.accessToken.set('token-1');
    http.get('/api/v1/me').subscribe();
    http.get('/assets/logo.svg').subscribe();
    expect(backend.expectOne('/api/v1/me').request.headers.get('Authorization')).toBe('Bearer token-1');
    expect(backend.expectOne('/assets/logo.svg').request.headers.has('Authorization')).toBe(false);
  });

  it('refreshes an expired token once and repeats the call', async () => {
    session.accessToken.set('old');
    const result = firstValueFrom(http.get<{ ok: boolean }>('/api/v1/me'));
    backend.expectOne('/api/v1/me').flush(expiredProblem, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/auth/refresh').flush({ accessToken: 'new', expiresIn: 900 });
    const retry = backend.expectOne('/api/v1/me');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush({ ok: true });
    expect(await result).toEqual({ ok: true });
    expect(session.accessToken()).toBe('new');
  });

  it('shares one refresh between calls that fail together', async () => {
    session.accessToken.set('old');
    const first = firstValueFrom(http.get('/api/v1/a'));
    const second = firstValueFrom(http.get('/api/v1/b'));
    backend.expectOne('/api/v1/a').flush(expiredProblem, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/b').flush(expiredProblem, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/auth/refresh').flush({ accessToken: 'new', expiresIn: 900 });
    backend.expectOne('/api/v1/a').flush({});
    backend.expectOne('/api/v1/b').flush({});
    await Promise.all([first, second]);
  });

  it('ends the session and goes to sign-in when the refresh is refused', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    session.accessToken.set('old');
    const result = firstValueFrom(http.get('/api/v1/me')).catch((error: unknown) => error);
    backend.expectOne('/api/v1/me').flush(expiredProblem, { status: 401, statusText: 'Unauthorized' });
    backend
      .expectOne('/api/v1/auth/refresh')
      .flush({ type: '/problems/refresh-reused', title: 'Unauthorized', status: 401, detail: 'Sign in again.' }, { status: 401, statusText: 'Unauthorized' });
    const error = await result;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('refresh-reused');
    expect(session.accessToken()).toBeNull();
    expect(session.notice()).toMatch(/session has ended/);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], expect.anything());
  });

  it('keeps the session when the refresh fails for want of a connection', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    session.accessToken.set('old');
    const result = firstValueFrom(http.get('/api/v1/me')).catch((error: unknown) => error);
    backend.expectOne('/api/v1/me').flush(expiredProblem, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/auth/refresh').error(new ProgressEvent('error'), { status: 0 });
    expect(((await result) as ApiError).code).toBe('network');
    expect(session.accessToken()).toBe('old');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('does not try to refresh a failed sign-in', async () => {
    session.accessToken.set('old');
    const result = firstValueFrom(http.post('/api/v1/auth/login', {})).catch((error: unknown) => error);
    backend
      .expectOne('/api/v1/auth/login')
      .flush({ type: '/problems/invalid-credentials', title: 'Unauthorized', status: 401, detail: 'The login or password is wrong.' }, { status: 401, statusText: 'Unauthorized' });
    expect(((await result) as ApiError).message).toBe('The login or password is wrong.');
    backend.expectNone('/api/v1/auth/refresh');
  });
});
