import autocannon from 'autocannon';
import jwt from 'jsonwebtoken';
import type { Person } from './seed';

/** One load run, sent by the orchestrator (run.ts) to this separate process. */
export interface LoadJob {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** One bearer token per connection, in turn, so requests come from many people. */
  tokens: string[];
  /**
   * Instead: a new person for every request, signed here (posting an answer, which each
   * person does once per discussion). Must hold more people than the run sends requests.
   */
  eachRequestAs?: { secret: string; people: Person[] };
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * The load generator, in a process of its own so that it does not share an event loop with
 * what it measures: the orchestrator forks it and sends jobs; each job is an autocannon run
 * against 127.0.0.1, answered with its figures.
 */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: `${job.url}${job.path}`,
    method: job.method,
    connections: job.connections,
    duration: job.seconds,
    body: job.body,
    headers: job.body ? { 'content-type': 'application/json' } : {},
    setupClient: (client) => {
      const token = job.tokens[next++ % job.tokens.length];
      client.setHeaders({ authorization: `Bearer ${token}`, ...(job.body ? { 'content-type': 'application/json' } : {}) });
    },
    ...(job.eachRequestAs ? { requests: [{ setupRequest: freshPerson(job.eachRequestAs) as autocannon.Request['setupRequest'] }] } : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Each request from the next person in the list, with a token as Hearth would issue it. */
function freshPerson({ secret, people }: { secret: string; people: Person[] }) {
  return (request: { headers?: Record<string, string> }) => {
    const person = people[used++];
    if (!person) throw new Error('The run sent more requests than there are people to send them.');
    // The sign-in the seed gave each person carries their id (bench/seed.ts).
    const token = jwt.sign({ sub: person.id, username: person.username, roles: [], sid: person.id }, secret, { algorithm: 'HS256', expiresIn: '1h', issuer: 'hearth', audience: 'hearth-api' });
    return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
  };
}

/** People used so far in this process: a person posts once, whichever server they post to. */
let used = 0;

if (require.main === module) {
  process.on('message', (message: { id: number; job: LoadJob }) => {
    runLoad(message.job).then(
      (result) => process.send!({ id: message.id, result }),
      (error: unknown) => process.send!({ id: message.id, error: String(error) }),
    );
  });
}
