import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/**
 * A GraphQL document as generated from `graphql(…)` calls (see codegen.config.ts): the text sent
 * on the wire, with its result and variable types attached. Documents live in the feature (or
 * shared module) that uses them; generation checks each against packages/core/schema.graphql.
 */
export type Operation<TData, TVars> = DocumentTypeDecoration<TData, TVars> & { toString(): string };

export type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';

const OPERATION = /^\s*(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/** The operation's name, sent as `operationName` (each document holds one named operation). */
export function operationName(op: { toString(): string }): string {
  const match = OPERATION.exec(op.toString());
  if (!match?.[2]) throw new Error('A GraphQL document must start with one named operation');
  return match[2];
}
