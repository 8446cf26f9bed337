import fastifyCookie from '@fastify/cookie';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { migrations } from '@hearth/migrations';
import { ANY_PROBLEM, type Clock, createValidationPipe, type HearthConfig, ProblemDto, requestIdFor } from '@hearth/platform';
import { AppModule } from './app.module';
import { secure } from './security';
import { PostgresIoAdapter } from './socket-adapter';
import { serveWebApp } from './web-app';

const BODY_LIMIT_BYTES = 1024 * 1024;
/** Course folders arrive as archives in the request body. */
const ARCHIVE_TYPES = ['application/gzip', 'application/x-gzip', 'application/zip', 'application/x-zip-compressed'];
const ARCHIVE_LIMIT_BYTES = 10 * 1024 * 1024;

/** A hop count means: trust that many proxies nearest to us, and no further. */
function trustProxy({ trustProxy: trust }: HearthConfig) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/**
 * Builds the whole HTTP application (used by main.ts and by the end-to-end tests, so the
 * tests run exactly what users run): REST under /api/v1, health under /api, the OpenAPI
 * document at /api/docs, and the web app at /. A test may bring its own clock.
 */
export async function createApp(config: HearthConfig, databaseUrl: string, options: { clock?: Clock } = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, databaseUrl, migrations, clock: options.clock }),
    new FastifyAdapter({ trustProxy: trustProxy(config), bodyLimit: BODY_LIMIT_BYTES, genReqId: requestIdFor }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header('X-Request-Id', request.id);
      done();
    });
  await secure(app, config);
  await app.register(fastifyCookie);
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(ARCHIVE_TYPES, { parseAs: 'buffer', bodyLimit: ARCHIVE_LIMIT_BYTES }, (_request, body, done) => done(null, body));
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useWebSocketAdapter(new PostgresIoAdapter(app, databaseUrl));

  const openApi = new DocumentBuilder()
    .setTitle('Hearth API')
    .setDescription('Courses, discussions, credentials and chat for training group facilitators. Errors are application/problem+json.')
    .setVersion('1')
    .addBearerAuth()
    .addGlobalResponse(ANY_PROBLEM)
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi, { extraModels: [ProblemDto] }));

  await serveWebApp(app, config.webDir);
  return app;
}
