import type { Request, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { isDuplicateKeyError } from '../db/index.js';
import { AppError, PlatformError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * The one place where errors become responses. Domain errors keep their code and message;
 * anything else is logged and answered as INTERNAL_ERROR with no stack, collection or driver text.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (typeof err === 'object' && err !== null) {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large')
      return new PlatformError('PAYLOAD_TOO_LARGE', 'Request body is too large');
    if (e.type === 'entity.parse.failed')
      return new PlatformError('VALIDATION_FAILED', 'Request body is not valid JSON');
    // A unique index caught a race that a service's own check could not (two requests at once).
    if (isDuplicateKeyError(err)) return new PlatformError('CONFLICT', 'This already exists');
    if ((err as { name?: string }).name === 'CastError')
      return new PlatformError('VALIDATION_FAILED', 'A value has the wrong type');
  }
  return new PlatformError('INTERNAL_ERROR', 'Something went wrong on our side');
}

export function errorBody(err: AppError) {
  return {
    code: err.code,
    message: err.message,
    ...(err.issues ? { issues: err.issues } : {}),
    ...(err.details ? { details: err.details } : {}),
    ...(err.retryAfterSeconds !== undefined ? { retryAfterSeconds: Math.max(1, err.retryAfterSeconds) } : {}),
  };
}

/** Server faults (5xx other than 503) leave the process only as a masked INTERNAL_ERROR. */
function maskFault(err: AppError, raw: unknown, logger: Logger): AppError {
  if (err.status < 500 || err.status === 503) return err;
  logger.error({ err: raw }, 'request failed');
  return err.code === 'INTERNAL_ERROR'
    ? err
    : new PlatformError('INTERNAL_ERROR', 'Something went wrong on our side');
}

export function sendError(req: Request, res: Response, raw: unknown, logger: Logger): void {
  const err = maskFault(toAppError(raw), raw, logger);
  if (err.retryAfterSeconds !== undefined)
    res.setHeader('Retry-After', String(Math.max(1, err.retryAfterSeconds)));
  res.status(err.status);
  if (req.path === '/graphql') {
    res.json({ errors: [{ message: err.message, extensions: errorBody(err) }] });
  } else {
    res.json({ error: errorBody(err) });
  }
}

/** GraphQL: stable `extensions.code`, masked internals. */
export function formatGraphQLError(logger: Logger) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    // Duck-typed: graphql may be loaded twice (ESM and CJS builds), so instanceof is unreliable.
    const original =
      raw && typeof raw === 'object' && 'originalError' in raw
        ? (raw as { originalError: unknown }).originalError
        : raw;
    const mapped = original ? toAppError(original) : undefined;
    if (mapped && mapped.code !== 'INTERNAL_ERROR' && (mapped.status < 500 || mapped.status === 503)) {
      return { message: mapped.message, path: formatted.path, extensions: errorBody(mapped) };
    }
    const code = formatted.extensions?.code;
    // Errors raised by GraphQL itself (parse, validation, limits, bad variables) are safe to show.
    if (
      !original ||
      code === 'GRAPHQL_PARSE_FAILED' ||
      code === 'GRAPHQL_VALIDATION_FAILED' ||
      code === 'BAD_USER_INPUT' ||
      code === 'BAD_REQUEST' ||
      code === 'PERSISTED_QUERY_NOT_SUPPORTED' ||
      code === 'OPERATION_RESOLUTION_FAILURE'
    ) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        extensions: { code: code ?? 'GRAPHQL_VALIDATION_FAILED' },
      };
    }
    logger.error({ err: original, path: formatted.path }, 'resolver failed');
    return {
      message: 'Something went wrong on our side',
      path: formatted.path,
      extensions: { code: 'INTERNAL_ERROR' },
    };
  };
}
