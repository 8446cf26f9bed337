import { HttpErrorResponse, type HttpHandlerFn, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { ApiError } from '../platform/api-error';
import { Session } from './session';

const isApi = (request: HttpRequest<unknown>) => request.url.startsWith('/api/');
const isAuthRoute = (request: HttpRequest<unknown>) => request.url.startsWith('/api/v1/auth/');

/**
 * The one interceptor: adds the bearer token to API calls; on a 401 from a call that
 * carried one, refreshes the token once and repeats the call; turns every failure into
 * an ApiError with a message a person can read.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApi(request)) return next(request);
  const session = inject(Session);
  const token = session.accessToken();

  return send(request, next, token).pipe(
    catchError((error: unknown) => {
      const canRefresh = error instanceof HttpErrorResponse && error.status === 401 && token !== null && !isAuthRoute(request);
      if (!canRefresh) return throwError(() => ApiError.from(error));
      return session.refreshOnce().pipe(
        catchError((refreshError: unknown) => {
          // Only the server saying "no" ends the session; a dropped connection or a
          // server fault leaves the user signed in to try again.
          const failure = ApiError.from(refreshError);
          if (failure.status === 401) session.expired();
          return throwError(() => failure);
        }),
        switchMap((fresh) => send(request, next, fresh).pipe(catchError((retryError: unknown) => throwError(() => ApiError.from(retryError))))),
      );
    }),
  );
};

function send(request: HttpRequest<unknown>, next: HttpHandlerFn, token: string | null) {
  return next(token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request);
}
