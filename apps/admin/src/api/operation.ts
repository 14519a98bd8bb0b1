/**
 * A GraphQL operation with its result and variable types attached, so callers get typed data
 * without a code generator. Every operation lives in `documents.ts`, and a unit test validates
 * each one against `packages/core/schema.graphql`, so a schema change that breaks the console
 * fails the build instead of a user's screen.
 */
export interface Operation<TData, TVars> {
  readonly kind: 'query' | 'mutation';
  readonly name: string;
  readonly source: string;
  /** Phantom fields: never set at run time, they carry the types. */
  readonly __data?: TData;
  readonly __vars?: TVars;
}

export type NoVariables = Record<string, never>;

export function query<TData, TVars = NoVariables>(name: string, source: string): Operation<TData, TVars> {
  return { kind: 'query', name, source };
}

export function mutation<TData, TVars = NoVariables>(name: string, source: string): Operation<TData, TVars> {
  return { kind: 'mutation', name, source };
}
