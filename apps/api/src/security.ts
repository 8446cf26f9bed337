import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HearthConfig } from '@hearth/platform';

/** Responses smaller than this are sent as they are: compressing them costs more than it saves. */
const COMPRESS_ABOVE_BYTES = 1024;
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The Content-Security-Policy the web app runs under. Scripts only from Hearth's own
 * files (no inline script, no eval: the build inlines nothing, see angular.json's
 * `inlineCritical: false`); styles may be inline, because Angular inserts each component's
 * styles at run time; images from Hearth and the hosts HEARTH_MARKDOWN_IMAGE_HOSTS names;
 * connections (the API, the chat's WebSocket) to Hearth only; no plugins, no framing.
 */
export function contentSecurityPolicy(config: Pick<HearthConfig, 'markdownImageHosts'>): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', ...config.markdownImageHosts.map((host) => `https://${host}`)],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * Security headers on every response (helmet: the CSP above, nosniff, no framing, no
 * referrer, HSTS when the request came over HTTPS) and compressed responses (gzip) for
 * the API and the web app's files. The OpenAPI page (/api/docs) is Swagger UI, which
 * needs inline script: it gets a policy of its own.
 */
export async function secure(app: NestFastifyApplication, config: HearthConfig): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    // Badges and their images are fetched by verifiers and shown on other sites.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // Set below, only over HTTPS: on plain HTTP it would be ignored at best.
    strictTransportSecurity: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.protocol === 'https') void reply.header('Strict-Transport-Security', HSTS);
    if (request.url.startsWith('/api/docs')) {
      void reply.header('Content-Security-Policy', "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    }
    return payload;
  });
  await app.register(fastifyCompress, { global: true, threshold: COMPRESS_ABOVE_BYTES, encodings: ['gzip', 'deflate'] });
}
