import { Client } from 'pg';
import { DATABASE_URL } from '@hearth/platform';
import { startTestApp, type TestApp } from '../support/app';

describe('while the database drops its connections', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    hearth = await startTestApp();
  });
  // Closing after the kills took over 30 s once, on a loaded machine.
  afterAll(() => hearth.close(), 90_000);

  it('answers 503 problem+json with Retry-After, never a 500, and recovers', async () => {
    const person = await hearth.register();
    const admin = new Client({ connectionString: hearth.nest.get<string>(DATABASE_URL) });
    await admin.connect();
    // As a restart does: every connection of Hearth's is ended, again and again, under load.
    let killing = true;
    const killer = (async () => {
      while (killing) {
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const responses = [];
    for (let round = 0; round < 15; round++) {
      responses.push(...(await Promise.all(Array.from({ length: 20 }, () => hearth.http.get('/api/v1/me', { token: person.accessToken })))));
    }
    killing = false;
    await killer;
    await admin.end();

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    // The connections were ended under the requests often enough for some to notice.
    expect(statuses).toContain(503);
    for (const response of responses.filter((r) => r.status === 503)) {
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(response.body.type).toMatch(/^\/problems\/(database-unavailable|busy)$/);
    }
    // Once it is back, everything works again.
    expect((await hearth.http.get('/api/v1/me', { token: person.accessToken })).status).toBe(200);
    expect((await hearth.http.get('/api/ready')).status).toBe(200);
  });
});
