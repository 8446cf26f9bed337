/** One field that failed validation, as listed in a problem's `errors`. */
export interface FieldError {
  /** Dotted path of the field in the request body (`questions.0.text`), or a header or parameter name. */
  field: string;
  message: string;
}

/** An `application/problem+json` body (RFC 9457), as every error from the API is shaped. */
export interface Problem {
  /** A URI reference naming the kind of problem; its last path segment is the machine-readable code. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path that produced the problem. */
  instance?: string;
  /** The id the server logged the request under, to quote when reporting a fault. */
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
