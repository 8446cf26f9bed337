import { ApiProperty, ApiPropertyOptional, ApiResponse, type ApiResponseOptions, getSchemaPath } from '@nestjs/swagger';
import { type FieldError, PROBLEM_CONTENT_TYPE, type Problem } from '@hearth/contracts';

/*
 * How the OpenAPI document says what each route answers, so that a client can be generated
 * from it (e2e/api/openapi-client.e2e-spec.ts generates one and checks the web app against it):
 *
 * - every route declares its success with `@Api<Status>Response`: a JSON body as `type:` a
 *   response class beside the request DTOs (`<Contract>Dto implements <Contract>`, so tsc keeps
 *   it in step with @hearth/contracts; a page as `PageDto(ItemDto)`), a body that is no JSON
 *   object of ours (an archive, an image, a signed badge) as `schema:`, and a 204 with its words;
 * - every error is application/problem+json: once for the whole document (ANY_PROBLEM, in
 *   apps/api), and with `@ApiProblem(status, why)` where a route has one worth naming.
 */

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty() message!: string;
}

export class ProblemDto implements Problem {
  @ApiProperty({ example: '/problems/not-found', description: 'Its last path segment is the machine-readable code' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ description: 'The id the server logged the request under' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'The fields that failed validation' }) errors?: FieldError[];
}

/** What each error status means across the API (DESIGN.md, "API conventions"). */
const PROBLEM_MEANINGS = {
  400: 'The request is malformed or fails validation (`errors` names each field).',
  401: 'Not signed in, or the access token has expired.',
  403: 'Signed in, but not allowed to do this.',
  404: 'No such thing, or not one the caller may see.',
  409: 'It conflicts with what is there already.',
  422: 'A valid request that breaks a rule.',
  429: 'Too many requests: wait as long as `Retry-After` says.',
  503: 'Not ready: the database is unreachable or not fully migrated.',
} as const;
export type ProblemStatus = keyof typeof PROBLEM_MEANINGS;

function problemResponse(status: ProblemStatus | 'default', description: string): ApiResponseOptions {
  return { status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } };
}

/** Every route's errors, declared once for the whole document. Register ProblemDto as an extra model beside it. */
export const ANY_PROBLEM: ApiResponseOptions = problemResponse(
  'default',
  `An error, as ${PROBLEM_CONTENT_TYPE} (RFC 9457): ${Object.entries(PROBLEM_MEANINGS)
    .map(([status, meaning]) => `${status} ${meaning}`)
    .join(' ')}`,
);

/** An error a route answers with, in its own words (the status's general meaning when none are given). */
export function ApiProblem(status: ProblemStatus, why: string = PROBLEM_MEANINGS[status]): MethodDecorator & ClassDecorator {
  return ApiResponse(problemResponse(status, why));
}
