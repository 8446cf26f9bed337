import { BadRequestException, NotFoundException } from '@nestjs/common';
import { PlatformError, PlatformErrorCode, ValidationFailedError } from './errors';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('maps a domain error by its kind and keeps its field errors', () => {
    const { problem } = toProblem(new ValidationFailedError([{ field: 'email', message: 'is wrong' }]), '/api/v1/x', 'r1');
    expect(problem).toEqual({
      type: '/problems/validation',
      title: 'Bad Request',
      status: 400,
      detail: 'The request has invalid fields.',
      instance: '/api/v1/x',
      requestId: 'r1',
      errors: [{ field: 'email', message: 'is wrong' }],
    });
  });

  it('maps platform errors', () => {
    expect(toProblem(new PlatformError(PlatformErrorCode.NotReady, 'no'), '/api/ready', undefined).problem.status).toBe(503);
  });

  it('keeps the status of Nest HTTP exceptions', () => {
    const { problem } = toProblem(new NotFoundException('Cannot GET /x'), '/x', undefined);
    expect(problem).toMatchObject({ status: 404, type: '/problems/not-found', detail: 'Cannot GET /x' });
    expect(toProblem(new BadRequestException(['a', 'b']), '/x', undefined).problem.detail).toBe('a; b');
  });

  it('keeps the 4xx status of framework errors such as a malformed body', () => {
    const error = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 });
    expect(toProblem(error, '/x', undefined).problem).toMatchObject({ status: 400, detail: 'The request body is not valid JSON.' });
    const tooLarge = Object.assign(new Error('big'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toProblem(tooLarge, '/x', undefined).problem).toMatchObject({ status: 413, type: '/problems/payload-too-large' });
  });

  it('answers anything unexpected with a 500 that reveals nothing', () => {
    const { problem } = toProblem(new Error('password=hunter2 at db.ts:12'), '/x', 'r2');
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('hunter2');
    expect(problem.detail).toContain('quote the request id');
  });

  it('answers values PostgreSQL refuses with a 400, a unique key lost to a race with a 409, and a deadlock with a 503 to try again', () => {
    const fromDatabase = (code: string) => Object.assign(new Error('query failed'), { driverError: { code } });
    for (const code of ['22P02', '22021', '22007', '22008', '22003']) expect(toProblem(fromDatabase(code), '/x', undefined).problem.status).toBe(400);
    const deadlock = toProblem(fromDatabase('40P01'), '/x', undefined);
    expect(deadlock.problem).toMatchObject({ status: 503, type: '/problems/busy' });
    expect(deadlock.headers).toEqual({ 'Retry-After': '1' });
    expect(toProblem(fromDatabase('23505'), '/x', undefined).problem).toMatchObject({ status: 409, type: '/problems/conflict' });
    expect(toProblem(fromDatabase('23503'), '/x', undefined).problem.status).toBe(500);
  });

  it('answers a database that is away (restarting, shut down, unreachable) with a 503 to try again, and nothing else', () => {
    const away = [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { driverError: { code: '57P03' } }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('query failed'), { driverError: { code: '08006' } }),
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })]),
    ];
    for (const error of away) {
      const { problem, headers } = toProblem(error, '/x', undefined);
      expect(problem).toMatchObject({ status: 503, type: '/problems/database-unavailable' });
      expect(Number(headers['Retry-After'])).toBeGreaterThan(0);
    }
    expect(toProblem(new Error('something else'), '/x', undefined).problem.status).toBe(500);
    expect(toProblem(Object.assign(new Error('x'), { driverError: { code: '42P01' } }), '/x', undefined).problem.status).toBe(500);
  });

  it('asks for a bearer token on a 401', () => {
    const error = Object.assign(new Error('no'), { statusCode: 401 });
    expect(toProblem(error, '/x', undefined).headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  });
});
