import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { UsersService } from '@hearth/identity';
import { type CliDatabase, withApplication } from './context';
import { UsageError } from './migration-commands';

export interface AdminCreateOptions {
  email?: string;
  username?: string;
  displayName?: string;
}

/**
 * Creates an admin account. The password comes from standard input (piped, or typed at a
 * hidden prompt); when none is given, a strong one is generated and printed once.
 */
export async function adminCreate(db: CliDatabase, options: AdminCreateOptions): Promise<void> {
  if (!options.email || !options.username) {
    throw new UsageError('admin:create needs --email and --username: npm run admin:create -- --email you@example.org --username you');
  }
  let password = await readPassword();
  const generated = password === '';
  if (generated) password = randomBytes(15).toString('base64url');

  const user = await withApplication(db, (app) =>
    app.get(UsersService).createAdmin({
      email: options.email!,
      username: options.username!,
      displayName: options.displayName ?? options.username!,
      password,
    }),
  );
  console.log(`Created admin @${user.username} <${user.email}> (${user.id}).`);
  if (generated) console.log(`Generated password, shown only now: ${password}`);
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  process.stdout.write('Password (at least 10 characters; leave empty to generate one): ');
  const readline = createInterface({ input: process.stdin, terminal: true });
  // Keep the typed password off the screen.
  (readline as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => readline.question('', resolve));
  readline.close();
  process.stdout.write('\n');
  return answer;
}
