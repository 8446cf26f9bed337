import { Inject } from '@nestjs/common';

export const HEARTH_CONFIG = Symbol('HearthConfig');

/** Injects the validated HearthConfig. */
export const InjectConfig = () => Inject(HEARTH_CONFIG);
