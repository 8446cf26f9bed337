import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, DomainError } from '@hearth/platform';
import { adminCreate } from './admin-create';
import { courseImport } from './course-import';
import { withDatabase } from './context';
import { migrationGenerate, migrationRevert, migrationRun, UsageError } from './migration-commands';

const USAGE = `Hearth's command line (on the embedded database under ./data unless DATABASE_URL is set):

  npm run migration:run                          apply pending migrations
  npm run migration:revert                       revert the most recent migration
  npm run migration:generate -- <PascalName>     write a migration from the entity changes
  npm run admin:create -- --email <e-mail> --username <name> [--display-name <name>]
                                                 create an admin; the password is read from
                                                 standard input, or generated and printed once
  npm run course:import -- <folder> [--as <username>] [--publish] [--note <text>]
                                                 import a course folder (as the oldest admin
                                                 unless --as names someone); nothing is
                                                 written if any file has a problem`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      as: { type: 'string' },
      publish: { type: 'boolean' },
      note: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'migration:run':
      return withDatabase(migrationRun);
    case 'migration:revert':
      return withDatabase(migrationRevert);
    case 'migration:generate':
      return withDatabase((db) => migrationGenerate(db, rest[0]));
    case 'admin:create':
      return withDatabase((db) =>
        adminCreate(db, { email: values.email, username: values.username, displayName: values['display-name'] }),
      );
    case 'course:import':
      return withDatabase((db) => courseImport(db, { folder: rest[0], as: values.as, publish: values.publish, note: values.note }));
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) console.error(error.message);
    else if (error instanceof DomainError) {
      console.error([error.message, ...error.fieldErrors.map((e) => `  ${e.field}: ${e.message}`)].join('\n'));
    } else console.error(error);
    process.exit(1);
  },
);
