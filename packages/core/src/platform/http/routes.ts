import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { assertNoControlChars } from '../control-chars.js';
import { PlatformError, forbidden, unauthenticated } from '../errors.js';
import { allows, type Policy } from '../graphql/policy.js';
import { requireContext } from '../tenancy/context.js';

export const ROUTE_POLICY = Symbol.for('tandem.route-policy');

export type PolicedHandler = RequestHandler & { [ROUTE_POLICY]: Policy | 'graphql-fields' };

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** For routes that take no path parameters, no body, or ignore their query string. */
export const noParams = z.object({}).strict();
export const noBody = z.union([z.undefined(), z.object({}).strict()]);
export const anyQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

/**
 * A REST route as a module declares it: method, path, policy and a zod schema for each of params,
 * query and body — a route cannot be declared without all of them. A bad query or body answers
 * VALIDATION_FAILED (control characters in them BAD_USER_INPUT), a malformed path parameter
 * NOT_FOUND, before the handler runs.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  path: string;
  policy: Policy;
  summary: string;
  params: z.ZodType<P>;
  query: z.ZodType<Q>;
  body: z.ZodType<B>;
  handler(input: RouteInput<P, Q, B>): Promise<void> | void;
}

/** Declares a route; the handler's input types come from its schemas. */
export function defineRoute<P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new PlatformError('VALIDATION_FAILED', `The request ${where} is not valid`, {
    issues: r.error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message })),
  });
}

/**
 * Mounts a declared route. A test walks the app's router and fails on any route whose handler does
 * not carry a policy, so a route added with a bare `app.get` fails the build.
 */
export function mountRoute(router: Router, spec: RouteSpec): void {
  const guarded = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const { principal } = requireContext();
      if (!allows(spec.policy, principal)) {
        throw principal.kind === 'anonymous' ? unauthenticated('Sign in to do this') : forbidden();
      }
      // A path that does not name a resource (a malformed id, a control character) is simply
      // not found: the same answer as for an id that does not exist.
      const rawParams = { ...req.params };
      try {
        assertNoControlChars(rawParams, spec.params, 'params');
      } catch {
        throw new PlatformError('NOT_FOUND', 'Not found');
      }
      const params = spec.params.safeParse(rawParams);
      if (!params.success) throw new PlatformError('NOT_FOUND', 'Not found');
      const rawQuery = { ...(req.query as Record<string, unknown>) };
      assertNoControlChars(rawQuery, spec.query, 'query');
      const query = parse(spec.query, rawQuery, 'query');
      assertNoControlChars(req.body, spec.body, 'body');
      const body = parse(spec.body, req.body as unknown, 'body');
      await spec.handler({ params: params.data, query, body, req, res });
    } catch (err) {
      next(err);
    }
  };
  router[spec.method](spec.path, Object.assign(guarded, { [ROUTE_POLICY]: spec.policy }));
}

/** Marks the GraphQL endpoint: its policies are declared per field and checked by the schema walk. */
export function graphqlEndpoint(handler: RequestHandler): PolicedHandler {
  return Object.assign(((req, res, next) => handler(req, res, next)) as RequestHandler, {
    [ROUTE_POLICY]: 'graphql-fields' as const,
  });
}
