import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@hearth/contracts';
import { IdentityError, IdentityErrorCode } from './identity.errors';

/** Algorithm.Argon2id, a const enum that isolated modules cannot read from the package. */
const ARGON2ID = 2;

/** argon2id with the OWASP-recommended cost (19 MiB, 2 passes). */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody has, verified when a login names no account, so that the
 * answer takes as long as for a wrong password and does not reveal which accounts exist.
 */
let decoyHash: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  await verifyPassword(await decoyHash, password);
  return false;
}

/** The password rule, the same for registration and for accounts made on the command line. */
export function assertPasswordPolicy(password: string, identity: { username: string; email: string }): void {
  const problems: string[] = [];
  // Spaces at either end do not count: ten spaces are not a password.
  if (password.trim().length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const lowered = password.trim().toLowerCase();
  if (lowered === identity.username.toLowerCase()) problems.push('must not be your username');
  if (lowered === identity.email.toLowerCase()) problems.push('must not be your e-mail address');
  if (problems.length > 0) {
    throw new IdentityError(IdentityErrorCode.WeakPassword, `The password ${problems.join(' and ')}.`, {
      fieldErrors: problems.map((message) => ({ field: 'password', message: `The password ${message}.` })),
    });
  }
}
