import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'hearth:public-route';

/** Marks a route that answers without signing in. Every other route requires a signed-in user. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
