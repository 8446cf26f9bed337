import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { Session } from './session';

/** Pages for signed-in people: others go to the sign-in page and come back after. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  return inject(Session).signedIn() || inject(Router).createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** Sign-in and registration make no sense when signed in: go to the account instead. */
export const signedOutGuard: CanActivateFn = () => {
  return !inject(Session).signedIn() || inject(Router).createUrlTree(['/account']);
};

/** Admin pages: anyone else is sent to the start page (the API refuses them anyway). */
export const adminGuard: CanActivateFn = (_route, state) => {
  const session = inject(Session);
  if (!session.signedIn()) return inject(Router).createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
  return session.me()?.platformRoles.includes('admin') || inject(Router).createUrlTree(['/']);
};
