import { type ArgumentMetadata, Injectable, Param, type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@hearth/contracts';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationFailedError } from './errors';

/**
 * The one validation pipe: strips nothing silently (an unknown field is an error, so a
 * misspelt field never looks accepted), converts query strings to the declared types and
 * reports every failing field at once.
 */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}

const HTTP_INPUT = new Set<unknown>(['body', 'query', 'param']);

/**
 * A JSON body must be an object (no body at all counts as an empty one, so each required
 * field is named); an array or a bare value is refused as a whole. No text anywhere may
 * hold a NUL character, which PostgreSQL cannot store.
 */
class BodyValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what an HTTP client sent (a custom parameter, such as a socket's connection, is
    // not input; socket payloads are validated by their handlers with validateInput).
    const nul = HTTP_INPUT.has(metadata.type) ? findNul(value, metadata.data ?? metadata.type, new Set()) : null;
    if (nul) throw new ValidationFailedError([{ field: nul, message: 'Text cannot contain NUL characters.' }]);
    if (metadata.type === 'body' && this.toValidate(metadata)) {
      if (value === undefined) value = {};
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ValidationFailedError([{ field: 'body', message: 'the request body must be a JSON object' }]);
      }
    }
    return super.transform(value, metadata);
  }
}

/** The path of the first string holding a NUL character, if any. */
function findNul(value: unknown, path: string, seen: Set<object>): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null;
  if (Buffer.isBuffer(value) || value === null || typeof value !== 'object' || seen.has(value)) return null;
  seen.add(value);
  for (const [key, child] of Object.entries(value)) {
    const found = findNul(child, path === 'body' || path === 'query' ? key : `${path}.${key}`, seen);
    if (found) return found;
  }
  return null;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      result.push({ field: field || 'body', message: humanise(constraint, message, error.property) });
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, field));
  }
  return result;
}

function humanise(constraint: string, message: string, property: string): string {
  if (constraint === 'whitelistValidation') return `${property} is not a field of this request`;
  return message;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
class UuidPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new ValidationFailedError([{ field: this.name, message: `${this.name} must be a UUID` }]);
    }
    return value.toLowerCase();
  }
}

/** A route parameter that must be a UUID (a 400 naming the parameter otherwise). */
export const UuidParam = (name: string) => Param(name, new UuidPipe(name));

/** Validates input that did not come through HTTP (command line, imports, sockets) exactly as the pipe would. */
export async function validateInput<T extends object>(type: ClassConstructor<T>, plain: unknown): Promise<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new ValidationFailedError([{ field: 'body', message: 'Send an object of fields.' }]);
  }
  const nul = findNul(plain, 'body', new Set());
  if (nul) throw new ValidationFailedError([{ field: nul, message: 'Text cannot contain NUL characters.' }]);
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ValidationFailedError(flattenValidationErrors(errors));
  return instance;
}
