import { Inject } from '@nestjs/common';

export const HEARTH_CONFIG = Symbol('HearthConfig');

/** Injects the validated HearthConfig. */
export const InjectConfig = () => Inject(HEARTH_CONFIG);

/** The connection string of the database in use (DATABASE_URL, or the embedded server's). */
export const DATABASE_URL = Symbol('DatabaseUrl');
