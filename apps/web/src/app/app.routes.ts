import type { Routes } from '@angular/router';
import { Home } from './home/home';
import { adminGuard, signedInGuard, signedOutGuard } from './identity/guards';

export const routes: Routes = [
  { path: '', component: Home, title: 'Hearth' },
  { path: 'sign-in', canActivate: [signedOutGuard], loadComponent: () => import('./identity/sign-in').then((m) => m.SignIn), title: 'Sign in · Hearth' },
  { path: 'register', canActivate: [signedOutGuard], loadComponent: () => import('./identity/register').then((m) => m.Register), title: 'Create your account · Hearth' },
  { path: 'account', canActivate: [signedInGuard], loadComponent: () => import('./identity/account').then((m) => m.Account), title: 'My account · Hearth' },
  {
    path: 'forgot-password',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./identity/password-pages').then((m) => m.ForgotPassword),
    title: 'Forgot your password · Hearth',
  },
  { path: 'verify-email', loadComponent: () => import('./identity/verify-email-page').then((m) => m.VerifyEmailPage), title: 'Confirm your e-mail address · Hearth' },
  { path: 'reset-password', loadComponent: () => import('./identity/password-pages').then((m) => m.ResetPassword), title: 'Choose a new password · Hearth' },
  {
    path: 'account/password',
    canActivate: [signedInGuard],
    loadComponent: () => import('./identity/password-pages').then((m) => m.ChangePassword),
    title: 'Change your password · Hearth',
  },
  {
    path: 'account/sessions',
    canActivate: [signedInGuard],
    loadComponent: () => import('./identity/sessions-page').then((m) => m.SessionsPage),
    title: 'Where you are signed in · Hearth',
  },
  { path: 'courses', loadComponent: () => import('./courses/catalog').then((m) => m.Catalog), title: 'Courses · Hearth' },
  { path: 'courses/:course', loadComponent: () => import('./courses/course-page').then((m) => m.CoursePage), title: 'Course · Hearth' },
  {
    path: 'courses/:course/items/:item',
    canActivate: [signedInGuard],
    loadComponent: () => import('./courses/item-page').then((m) => m.ItemPage),
    title: 'Course item · Hearth',
  },
  {
    path: 'courses/:course/moderation',
    canActivate: [signedInGuard],
    loadComponent: () => import('./discussions/moderation-queue').then((m) => m.ModerationQueue),
    title: 'Flagged replies · Hearth',
  },
  {
    path: 'courses/:course/trainees',
    canActivate: [signedInGuard],
    loadComponent: () => import('./courses/trainees').then((m) => m.Trainees),
    title: 'Trainees · Hearth',
  },
  { path: 'roles', canActivate: [signedInGuard], loadComponent: () => import('./credentials/roles-page').then((m) => m.RolesPage), title: 'Roles and badges · Hearth' },
  { path: 'badges/:assertion', loadComponent: () => import('./credentials/badge-page').then((m) => m.BadgePage), title: 'Badge · Hearth' },
  // The chat (apps/web/src/app/chat).
  { path: 'chat', canActivate: [signedInGuard], loadComponent: () => import('./chat/rooms-page').then((m) => m.RoomsPage), title: 'Chat · Hearth' },
  { path: 'chat/new', canActivate: [adminGuard], loadComponent: () => import('./chat/room-editor').then((m) => m.RoomEditor), title: 'New room · Hearth' },
  {
    path: 'chat/sanctions',
    canActivate: [signedInGuard],
    loadComponent: () => import('./chat/sanctions-page').then((m) => m.SanctionsPage),
    title: 'My moderation record · Hearth',
  },
  {
    path: 'chat/sanctions/:sanction',
    canActivate: [signedInGuard],
    loadComponent: () => import('./chat/sanction-page').then((m) => m.SanctionPage),
    title: 'A moderation step · Hearth',
  },
  { path: 'chat/:room', canActivate: [signedInGuard], loadComponent: () => import('./chat/room-page').then((m) => m.RoomPage), title: 'Chat room · Hearth' },
  {
    path: 'chat/:room/reports',
    canActivate: [signedInGuard],
    loadComponent: () => import('./chat/reports-page').then((m) => m.ReportsPage),
    title: 'Reports · Hearth',
  },
  {
    path: 'chat/:room/settings',
    canActivate: [adminGuard],
    loadComponent: () => import('./chat/room-editor').then((m) => m.RoomEditor),
    title: 'Room settings · Hearth',
  },
  // Admin pages (apps/web/src/app/admin), behind adminGuard.
  { path: 'admin', canActivate: [adminGuard], loadComponent: () => import('./admin/admin-home').then((m) => m.AdminHome), title: 'Admin · Hearth' },
  {
    path: 'admin/grant-requests',
    canActivate: [adminGuard],
    loadComponent: () => import('./admin/grant-requests').then((m) => m.GrantRequests),
    title: 'Grant requests · Hearth',
  },
  { path: 'admin/appeals', canActivate: [adminGuard], loadComponent: () => import('./admin/appeals').then((m) => m.AdminAppeals), title: 'Chat appeals · Hearth' },
  { path: 'admin/people', canActivate: [adminGuard], loadComponent: () => import('./admin/people').then((m) => m.AdminPeople), title: 'People · Hearth' },
  { path: 'admin/people/:id', canActivate: [adminGuard], loadComponent: () => import('./admin/person').then((m) => m.AdminPerson), title: 'Person · Hearth' },
  { path: 'admin/roles', canActivate: [adminGuard], loadComponent: () => import('./admin/roles-editor').then((m) => m.RolesEditor), title: 'Roles · Hearth' },
  { path: 'admin/audit', canActivate: [adminGuard], loadComponent: () => import('./admin/audit-log').then((m) => m.AuditLog), title: 'Audit log · Hearth' },
  { path: 'notifications', canActivate: [signedInGuard], loadComponent: () => import('./notifications/notifications-page').then((m) => m.NotificationsPage), title: 'Notifications · Hearth' },
  { path: 'people/:username', canActivate: [signedInGuard], loadComponent: () => import('./identity/profile').then((m) => m.ProfilePage), title: 'Member · Hearth' },
  { path: 'author', canActivate: [signedInGuard], loadComponent: () => import('./courses/author-courses').then((m) => m.AuthorCourses), title: 'Your courses · Hearth' },
  {
    path: 'author/courses/:course',
    canActivate: [signedInGuard],
    loadComponent: () => import('./courses/course-editor').then((m) => m.CourseEditor),
    title: 'Edit course · Hearth',
  },
  { path: '**', loadComponent: () => import('./platform/not-found').then((m) => m.NotFound), title: 'Page not found · Hearth' },
];
