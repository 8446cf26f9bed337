import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import type { HearthConfig } from './config';
import { loggingParams, redactUrl, requestIdFor } from './logging';

/** Serves through pino-http as Hearth configures it, collecting the log lines. */
async function loggedServer(status: number): Promise<{ url: string; lines: Array<Record<string, unknown>>; server: Server; finished: () => Promise<void> }> {
  const lines: Array<Record<string, unknown>> = [];
  let served = 0;
  const waiting: Array<() => void> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const options = loggingParams({ logLevel: 'info' } as HearthConfig).pinoHttp as Parameters<typeof pinoHttp>[0];
  const middleware = pinoHttp({ ...(options as object), genReqId: (req) => requestIdFor(req) }, destination);
  const server = createServer((req, res) => {
    middleware(req, res);
    res.statusCode = status;
    res.setHeader('set-cookie', 'hearth_refresh=secret-refresh-value; HttpOnly');
    res.on('finish', () => {
      served += 1;
      for (const wake of waiting.splice(0)) wake();
    });
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // pino-http writes its line on 'finish', before ours: once a response has finished, its line (if any) is in.
  const finished = () => (served > 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines, server, finished };
}

describe('request logging', () => {
  it('logs one line per request with its id, method, URL, status and user agent, and never its credentials', async () => {
    const { url, lines, server, finished } = await loggedServer(200);
    try {
      await fetch(`${url}/api/v1/me?x=1`, {
        headers: { authorization: 'Bearer secret-access-token', cookie: 'hearth_refresh=secret-cookie', 'x-request-id': 'req-12345678', 'user-agent': 'spec-agent' },
      });
      await finished();
      expect(lines).toHaveLength(1);
      const [line] = lines;
      expect(line).toMatchObject({ level: 30, req: { id: 'req-12345678', method: 'GET', url: '/api/v1/me?x=1', userAgent: 'spec-agent' }, res: { statusCode: 200 } });
      expect(JSON.stringify(line)).not.toMatch(/secret/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('logs client errors at warn and server errors at error', async () => {
    for (const [status, level] of [
      [404, 40],
      [503, 50],
    ]) {
      const { url, lines, server, finished } = await loggedServer(status);
      try {
        await fetch(`${url}/api/v1/nowhere`);
        await finished();
        expect(lines.map((line) => line.level)).toEqual([level]);
        expect(lines[0]).toMatchObject({ res: { statusCode: status } });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });

  it('redacts tokens in a URL\'s query', async () => {
    const { url, lines, server, finished } = await loggedServer(200);
    try {
      await fetch(`${url}/verify-email?token=secret-verify-token&next=%2Fcourses`);
      await finished();
      expect(lines[0]).toMatchObject({ req: { url: '/verify-email?token=[redacted]&next=%2Fcourses' } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(redactUrl('/a?code=abc&state=def#x')).toBe('/a?code=[redacted]&state=[redacted]#x');
    expect(redactUrl('/api/v1/courses?mine=true')).toBe('/api/v1/courses?mine=true');
  });

  it('censors passwords and tokens wherever they appear in a line', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const options = loggingParams({ logLevel: 'info' } as HearthConfig).pinoHttp as { redact: { paths: string[]; censor: string } };
    const { pino } = await import('pino');
    pino({ redact: options.redact }, destination).error({ body: { login: 'ada', password: 'secret-password' }, session: { token: 'secret-token' } }, 'failed');
    expect(lines.join('')).not.toMatch(/secret/);
    expect(lines.join('')).toContain('"login":"ada"');
  });

  it('does not log health checks', async () => {
    const { url, lines, server, finished } = await loggedServer(200);
    try {
      await fetch(`${url}/api/health`);
      await finished();
      expect(lines).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
