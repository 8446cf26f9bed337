import { zipSync } from 'fflate';
import { ValidationFailedError } from './errors';
import { archiveFormat, readArchive, writeArchive } from './archive';

describe('archives', () => {
  const files = new Map([
    ['course.yaml', Buffer.from('slug: x\n')],
    ['01-a/01-b.md', Buffer.from('---\ntype: lesson\n---\n')],
  ]);

  it.each(['tar.gz', 'zip'] as const)('writes and reads back a %s, taking off the top folder', async (format) => {
    const archive = await writeArchive(format, 'my-course', files);
    expect(archiveFormat(undefined, archive)).toBe(format);
    const read = await readArchive(format, archive);
    expect(new Map([...read].map(([path, data]) => [path, data.toString()]))).toEqual(new Map([...files].map(([path, data]) => [path, data.toString()])));
  });

  const refusal = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error) => (error instanceof ValidationFailedError ? error.message : String(error)));

  it('stops a zip that unpacks to more than it may, counting the bytes it really produces', async () => {
    const bomb = Buffer.from(zipSync({ 'zeros.md': new Uint8Array(30 * 1024 * 1024) }, { level: 9 }));
    expect(bomb.length).toBeLessThan(200_000);
    expect(await refusal(readArchive('zip', bomb))).toBe('The archive unpacks to more than 20 MB.');
  });

  it('refuses a zip with too many files', async () => {
    const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}.md`, new Uint8Array([65])]));
    expect(await refusal(readArchive('zip', Buffer.from(zipSync(many))))).toBe('The archive holds too many files.');
  });

  it('refuses paths that leave the folder, and bodies that are no archive', async () => {
    expect(await refusal(readArchive('zip', Buffer.from(zipSync({ '../evil.md': new Uint8Array([1]) }))))).toMatch(/leaves its folder/);
    expect(await refusal(readArchive('zip', Buffer.from('PK not really')))).toMatch(/zip archive/);
    expect(await refusal(readArchive('tar.gz', Buffer.from('nope')))).toMatch(/could not be read/);
  });
});
