import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { forbidden, unauthenticated } from '../errors.js';
import { allows, type Policy } from '../graphql/policy.js';
import { requireContext } from '../tenancy/context.js';

export const ROUTE_POLICY = Symbol.for('tandem.route-policy');

export type PolicedHandler = RequestHandler & { [ROUTE_POLICY]: Policy | 'graphql-fields' };

/**
 * Every REST route is declared through here with its policy. A test walks the app's router and
 * fails on any route whose handler does not carry one.
 */
export function route(
  router: Router,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  policy: Policy,
  handler: (req: Request, res: Response) => Promise<void> | void,
): void {
  const guarded = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const { principal } = requireContext();
      if (!allows(policy, principal)) {
        throw principal.kind === 'anonymous' ? unauthenticated('Sign in to do this') : forbidden();
      }
      await handler(req, res);
    } catch (err) {
      next(err);
    }
  };
  router[method](path, Object.assign(guarded, { [ROUTE_POLICY]: policy }));
}

/** Marks the GraphQL endpoint: its policies are declared per field and checked by the schema walk. */
export function graphqlEndpoint(handler: RequestHandler): PolicedHandler {
  return Object.assign(((req, res, next) => handler(req, res, next)) as RequestHandler, {
    [ROUTE_POLICY]: 'graphql-fields' as const,
  });
}
