import type { Routes } from '@angular/router';
import { Home } from './home/home';
import { signedInGuard, signedOutGuard } from './identity/guards';

export const routes: Routes = [
  { path: '', component: Home, title: 'Hearth' },
  { path: 'sign-in', canActivate: [signedOutGuard], loadComponent: () => import('./identity/sign-in').then((m) => m.SignIn), title: 'Sign in · Hearth' },
  { path: 'register', canActivate: [signedOutGuard], loadComponent: () => import('./identity/register').then((m) => m.Register), title: 'Create your account · Hearth' },
  { path: 'account', canActivate: [signedInGuard], loadComponent: () => import('./identity/account').then((m) => m.Account), title: 'My account · Hearth' },
  { path: '**', loadComponent: () => import('./platform/not-found').then((m) => m.NotFound), title: 'Page not found · Hearth' },
];
