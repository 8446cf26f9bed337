import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'hearth:public-route';
export const OPTIONAL_AUTH = 'hearth:optional-auth';

/** Marks a route that answers without signing in. Every other route requires a signed-in user. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Marks a route anyone may call, which says more to a signed-in caller (the catalog shows
 * "enrolled"). A token, when sent, must still be valid.
 */
export const OptionalAuth = () => SetMetadata(OPTIONAL_AUTH, true);
