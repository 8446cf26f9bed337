/** A response as the tests look at it: status, headers and the parsed body. */
export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  /** The `Set-Cookie` values, whole. */
  cookies: string[];
}

export interface RequestOptions {
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
  /** Sent exactly as given (malformed JSON, archives); otherwise `body` is JSON-encoded. */
  rawBody?: string | Buffer;
}

/** A thin HTTP client over fetch, for black-box tests of the running app. */
export class Http {
  constructor(readonly baseUrl: string) {}

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, undefined, options);
  }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, body, options);
  }
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, body, options);
  }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, body, options);
  }
  /** A DELETE, with a JSON `body` when the route asks for one (a password, a reason). */
  delete<T = any>(path: string, options?: RequestOptions & { body?: unknown }) {
    return this.request<T>('DELETE', path, options?.body, options);
  }

  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    let payload: string | Buffer | undefined = options.rawBody;
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload === undefined ? undefined : typeof payload === "string" ? payload : new Uint8Array(payload) });
    const type = response.headers.get('content-type') ?? '';
    const binary = /gzip|zip|octet-stream/.test(type);
    const raw = Buffer.from(await response.arrayBuffer());
    const text = binary ? '' : raw.toString('utf8');
    return {
      status: response.status,
      headers: response.headers,
      body: (binary ? raw : type.includes('json') && text ? JSON.parse(text) : text) as T,
      cookies: response.headers.getSetCookie(),
    };
  }
}

/** The `name=value` pair of a cookie from Set-Cookie headers, ready for a Cookie header. */
export function cookiePair(cookies: string[], name: string): string | undefined {
  return cookies.map((c) => c.split(';')[0]).find((pair) => pair.startsWith(`${name}=`));
}

/**
 * Asks again until `read` gives what `ready` accepts, for what happens after a commit
 * (the outbox's work: notifications, e-mails); fails naming `what` after `timeoutMs`.
 */
export async function eventually<T>(what: string, read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what} after ${timeoutMs} ms; last seen: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A problem+json answer of this status and type, with words for a person (`detail`). */
export function expectProblem(response: Pick<HttpResult, 'status' | 'headers' | 'body'>, status: number, type: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status, type: `/problems/${type}` });
  expect(typeof response.body.detail).toBe('string');
}
