import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import type { ApiScope, Principal, ProviderRole, TenantRole } from '../auth/principal.js';
import { assertNoControlChars } from '../control-chars.js';
import { PlatformError, forbidden, unauthenticated } from '../errors.js';
import type { GraphQLContext } from './context.js';

/**
 * Every root field of the schema declares who may call it. A field is allowed when ANY clause
 * matches. A root field without a policy fails the policy test (tests walk the built schema).
 */
export interface Policy {
  /** Anyone, signed in or not (login, accept invitation). */
  public?: true;
  /** Any signed-in person, whatever the tenant. */
  signedIn?: true;
  /** Provider users acting at provider level (no tenant in the token). */
  provider?: readonly ProviderRole[];
  /** Users acting for a tenant with one of these roles. */
  tenant?: readonly TenantRole[];
  /** API keys of a tenant holding all of these scopes. */
  apiKey?: readonly ApiScope[];
  /** End customers with a session of their tenant's widget or app. */
  customer?: true;
}

export function allows(policy: Policy, p: Principal): boolean {
  if (policy.public) return true;
  if (p.kind === 'user') {
    if (policy.signedIn) return true;
    if (policy.provider && p.tenantId === null && p.providerRole && policy.provider.includes(p.providerRole))
      return true;
    if (policy.tenant && p.tenantId !== null && p.tenantRole && policy.tenant.includes(p.tenantRole))
      return true;
  }
  if (p.kind === 'customer' && policy.customer) return true;
  if (p.kind === 'apiKey' && policy.apiKey) {
    return policy.apiKey.every((s) => p.scopes.includes(s));
  }
  return false;
}

export const POLICY = Symbol.for('tandem.policy');

export type PolicyResolver = ((parent: unknown, args: unknown, ctx: GraphQLContext) => Promise<unknown>) & {
  [POLICY]: Policy;
};

/**
 * A root resolver: checks the policy, refuses control characters in any string argument (400
 * BAD_USER_INPUT; `multiline()` fields may hold tab and line breaks), validates the arguments with
 * zod (VALIDATION_FAILED with issues on bad input, before anything is written), then runs the
 * handler.
 */
export function resolver<S extends z.ZodType, R>(
  policy: Policy,
  args: S,
  handler: (args: z.infer<S>, ctx: GraphQLContext) => Promise<R>,
): PolicyResolver {
  const fn = async (_parent: unknown, rawArgs: unknown, ctx: GraphQLContext): Promise<R> => {
    if (!allows(policy, ctx.principal)) {
      throw ctx.principal.kind === 'anonymous' ? unauthenticated('Sign in to do this') : forbidden();
    }
    assertNoControlChars(rawArgs, args, 'arguments');
    const parsed = args.safeParse(rawArgs);
    if (!parsed.success) {
      throw new PlatformError('VALIDATION_FAILED', 'Some fields are not valid', {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    return handler(parsed.data, ctx);
  };
  return Object.assign(fn, { [POLICY]: policy });
}

/** Non-root object types: declared once per type, so a new type cannot slip in unreviewed. */
export type TypePolicy = 'inherit-from-parent';

export const noArgs = z.object({}).strict();

export const pageArgs = {
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
};

const fieldPolicies = new WeakMap<object, Policy>();

type ResolverMap = Record<string, Record<string, unknown> | unknown>;

/**
 * graphql-tools binds resolvers when it builds the schema (dropping their properties), so the
 * policies declared by resolver() are attached to the built schema's fields here.
 */
export function attachPolicies(schema: GraphQLSchema, maps: ResolverMap[]): void {
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type) || !fields || typeof fields !== 'object') continue;
      for (const [fieldName, fn] of Object.entries(fields)) {
        // A subscription field is `{ subscribe, resolve }`: its policy is on `subscribe`.
        const guarded =
          fn && typeof fn === 'object' && 'subscribe' in fn ? (fn as { subscribe: unknown }).subscribe : fn;
        const policy =
          typeof guarded === 'function' ? (guarded as Partial<PolicyResolver>)[POLICY] : undefined;
        const field = type.getFields()[fieldName];
        if (policy && field) fieldPolicies.set(field, policy);
      }
    }
  }
}

export function fieldPolicy(field: GraphQLField<unknown, unknown>): Policy | undefined {
  return fieldPolicies.get(field);
}

/**
 * Arguments of fields below the root (e.g. a paged list inside an object) do not pass through
 * `resolver()`: this wraps their resolvers so that their strings are refused control characters
 * too (single-line only — a multi-line input belongs in a root field with `multiline()`).
 */
export function guardNestedArguments(schema: GraphQLSchema): void {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean),
  );
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || roots.has(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const inner = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx, info) => {
        assertNoControlChars(args, undefined, 'arguments');
        return inner(source, args, ctx, info);
      };
    }
  }
}
