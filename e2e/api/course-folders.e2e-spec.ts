import { join } from 'node:path';
import { readArchive, readFolder, writeArchive } from '@hearth/platform';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { expectStatus } from '../support/courses';

const DEMO = join(__dirname, '../../demo/group-support-foundations');

describe('course folders over HTTP', () => {
  let hearth: TestApp;
  let author: Registered;

  beforeAll(async () => {
    hearth = await startTestApp();
    author = await hearth.author();
  });
  afterAll(() => hearth.close());

  const upload = (body: Buffer, type: string, person: Registered, query = '') =>
    hearth.http.post(`/api/v1/courses/import${query}`, undefined, { token: person.accessToken, rawBody: body, headers: { 'content-type': type } });

  it('imports a .tar.gz, publishes it, and exports the same folder as .zip and .tar.gz', async () => {
    const demo = await readFolder(DEMO);
    const imported = await expectStatus(upload(await writeArchive('tar.gz', 'group-support-foundations', demo), 'application/gzip', author, '?publish=true&note=Imported'), 201);
    expect(imported).toMatchObject({ created: true, modules: 4, items: 11, course: { status: 'published', version: 1 } });

    for (const format of ['zip', 'tar.gz'] as const) {
      const response = await hearth.http.get(`/api/v1/courses/group-support-foundations/export?format=${format}`, { token: author.accessToken });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="group-support-foundations.${format}"`);
      const files = await readArchive(format, response.body);
      expect(new Map([...files].map(([path, data]) => [path, data.toString()]))).toEqual(new Map([...demo].map(([path, data]) => [path, data.toString()])));
    }
  });

  it('imports a .zip made by hand, with its folder at the top', async () => {
    const demo = await readFolder(DEMO);
    demo.set('course.yaml', Buffer.from(demo.get('course.yaml')!.toString().replace('slug: group-support-foundations', 'slug: zipped-course')));
    const imported = await expectStatus(upload(await writeArchive('zip', 'my-folder', demo), 'application/zip', author), 201);
    expect(imported.course).toMatchObject({ slug: 'zipped-course', status: 'draft' });
  });

  it('answers a broken folder with 422 listing each problem as file:line, and imports nothing', async () => {
    const demo = await readFolder(DEMO);
    demo.set('course.yaml', Buffer.from(demo.get('course.yaml')!.toString().replace('slug: group-support-foundations', 'slug: never-imported')));
    demo.set('01-what-a-group-room-is/03-a-room-you-like.md', Buffer.from('---\ntype: discussion\ntitle: No question\n---\nBody'));
    demo.set('stray.txt', Buffer.from('?'));
    const response = await upload(await writeArchive('tar.gz', 'x', demo), 'application/gzip', author, '?publish=true');
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/problems/invalid-course-folder');
    expect(response.body.errors).toEqual([
      { field: '01-what-a-group-room-is/03-a-room-you-like.md:2', message: 'A discussion needs a reflectionQuestion before it is published.' },
      { field: 'stray.txt', message: expect.stringContaining('Not part of a course folder') },
    ]);
    expect((await hearth.http.get('/api/v1/courses/never-imported', { token: author.accessToken })).status).toBe(404);
  });

  it('refuses what is not an archive, and archives that escape their folder', async () => {
    const notArchive = await upload(Buffer.from('hello'), 'application/zip', author);
    expect(notArchive.status).toBe(400);
    expect(notArchive.headers.get('content-type')).toContain('application/problem+json');
    const escaping = await writeArchive('tar.gz', '..', new Map([['evil.md', Buffer.from('x')]]));
    expect((await upload(escaping, 'application/gzip', author)).status).toBe(400);
    const empty = await hearth.http.post('/api/v1/courses/import', undefined, { token: author.accessToken, rawBody: Buffer.alloc(0), headers: { 'content-type': 'application/gzip' } });
    expect(empty.status).toBe(400);
  });

  it('lets only authors import, and only staff export', async () => {
    const trainee = await hearth.register();
    const demo = await readFolder(DEMO);
    demo.set('course.yaml', Buffer.from(demo.get('course.yaml')!.toString().replace('slug: group-support-foundations', 'slug: trainee-attempt')));
    const refused = await upload(await writeArchive('tar.gz', 'x', demo), 'application/gzip', trainee);
    expect(refused.status).toBe(403);
    expect((await hearth.http.get('/api/v1/courses/group-support-foundations/export', { token: trainee.accessToken })).status).toBe(403);
  });
});
