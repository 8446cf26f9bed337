import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@hearth/contracts';
import { PlatformError, PlatformErrorCode, requestIdOf, toProblem } from '@hearth/platform';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hearth</title></head>
<body><main><h1>Hearth's web app is not built</h1><p>The API is running under <a href="/api/docs">/api/docs</a>.
Run <code>npm run build</code>, then start Hearth again.</p></main></body></html>`;

/**
 * Serves the built Angular app from the API's own port: its files as they are, and
 * index.html for any other page address outside /api so that deep links (`/account`) load
 * the app, which then routes on the client. Unknown /api paths stay problem+json 404s, and
 * a missing file (`/main-OLDHASH.js` after an upgrade) is a 404, not the app's HTML.
 */
export async function serveWebApp(app: NestFastifyApplication, webDir: string): Promise<void> {
  const built = existsSync(join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        // Angular names bundles by content hash, so they never change under one name.
        const hashed = /-[A-Z0-9]{8}\.(js|css)$/.test(path);
        res.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0];
      if (path === '/api' || path.startsWith('/api/')) {
        const { problem } = toProblem(
          new PlatformError(PlatformErrorCode.NotFound, `There is no route GET ${path}.`),
          path,
          requestIdOf(request),
        );
        return reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
      }
      if (/\.[A-Za-z0-9]+$/.test(path)) return reply.status(404).header('content-type', 'text/plain; charset=utf-8').send('Not found');
      if (!built) return reply.status(503).header('content-type', 'text/html; charset=utf-8').send(NOT_BUILT);
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    });
}
