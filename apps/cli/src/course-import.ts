import { resolve } from 'node:path';
import { FoldersService } from '@hearth/courses';
import { UsersService } from '@hearth/identity';
import { readFolder } from '@hearth/platform';
import { type CliDatabase, withApplication } from './context';
import { UsageError } from './migration-commands';

export interface CourseImportOptions {
  folder?: string;
  as?: string;
  publish?: boolean;
  note?: string;
}

/** `npm run course:import -- <folder>`: a course folder into the database, checked first. */
export async function courseImport(db: CliDatabase, options: CourseImportOptions): Promise<void> {
  if (!options.folder) throw new UsageError('course:import needs a folder: npm run course:import -- ./my-course [--as <username>] [--publish]');
  const files = await readFolder(resolve(options.folder));
  await withApplication(db, async (app) => {
    const caller = await app.get(UsersService).actingAs(options.as);
    if (!caller) {
      throw new UsageError(options.as ? `There is no user ${options.as}.` : 'There is no admin yet: create one with npm run admin:create, or pass --as <username>.');
    }
    const result = await app.get(FoldersService).importFiles(caller, files, { publish: options.publish, note: options.note });
    const verb = result.created ? 'Created' : 'Updated';
    console.log(`${verb} “${result.course.title}” (${result.course.slug}): ${result.modules} modules, ${result.items} items, as @${caller.username}.`);
    if (options.publish) console.log(`Published as version ${result.course.version}.`);
  });
}
