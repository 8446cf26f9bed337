import { HttpErrorResponse } from '@angular/common/http';
import type { FieldError, Problem } from '@hearth/contracts';

/**
 * Every failed API call surfaces as an ApiError: the server's problem+json made readable
 * (its detail, its per-field messages), or a plain sentence when the server could not be
 * reached or answered something else.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem code: the last segment of its `type` (`invalid-credentials`). */
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    if (error instanceof HttpErrorResponse) return fromHttp(error);
    return new ApiError(0, 'client', 'Something went wrong in the page. Reload it and try again.');
  }

  /** The server's messages for one field, joined. */
  messageFor(field: string): string | undefined {
    const messages = this.fieldErrors.filter((e) => e.field === field).map((e) => e.message);
    return messages.length > 0 ? messages.join('; ') : undefined;
  }
}

function fromHttp(response: HttpErrorResponse): ApiError {
  if (response.status === 0) {
    return new ApiError(0, 'network', 'Hearth cannot be reached. Check your connection and try again.');
  }
  const problem = asProblem(response.error);
  if (problem) {
    const code = problem.type.split('/').pop() ?? 'error';
    return new ApiError(problem.status, code, problem.detail, problem.errors ?? [], problem.requestId);
  }
  if (response.status >= 500) {
    return new ApiError(response.status, 'server', 'Hearth ran into a problem on its side. Try again in a moment.');
  }
  return new ApiError(response.status, 'http', `The request failed (${response.status} ${response.statusText}).`);
}

function asProblem(body: unknown): Problem | null {
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return null;
    }
  }
  const candidate = body as Partial<Problem> | null;
  return candidate && typeof candidate.type === 'string' && typeof candidate.detail === 'string' && typeof candidate.status === 'number'
    ? (candidate as Problem)
    : null;
}
