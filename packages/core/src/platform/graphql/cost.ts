import type { ApolloServerPlugin } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  validate,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
} from 'graphql';

/** The arguments the cost rule multiplies a list field by. */
const SIZE_ARGS = new Set(['first', 'last']);

/**
 * The document as the cost rule should see it: every `first` / `last` argument as the literal
 * number it will be — from a variable, or the field's default when left out. For pricing only.
 */
export function withExplicitListSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  const intArg = (value: number): ArgumentNode => ({
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: 'first' },
    value: { kind: Kind.INT, value: String(Math.max(1, Math.trunc(value))) },
  });
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node: FieldNode): FieldNode | undefined {
          const def = typeInfo.getFieldDef();
          if (!def) return undefined;
          let size: number | null = null;
          for (const argDef of def.args) {
            if (!SIZE_ARGS.has(argDef.name)) continue;
            const given = node.arguments?.find((a) => a.name.value === argDef.name);
            const value = given ? valueFromAST(given.value, argDef.type, variables) : argDef.defaultValue;
            if (typeof value === 'number' && Number.isFinite(value)) size = Math.max(size ?? 0, value);
          }
          const others = (node.arguments ?? []).filter((a) => !SIZE_ARGS.has(a.name.value));
          return { ...node, arguments: size === null ? others : [...others, intArg(size)] };
        },
      },
    }),
  );
}

/**
 * The cost limit with the list sizes the request really asks for. The validation rule alone sees
 * only literals: `first: 100` was priced by 100, `first: $n` and a left-out default by 1. This
 * prices the operation again once its variables are known, with the same rule.
 */
export function costWithVariablesPlugin<C extends object>(
  schema: GraphQLSchema,
  maxCost: number,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const priced = withExplicitListSizes(schema, document, request.variables ?? {});
          const refused: GraphQLError[] = [];
          validate(
            schema,
            priced,
            [
              costLimitRule({
                maxCost,
                exposeLimits: true,
                propagateOnRejection: false,
                onReject: [(_ctx, err) => refused.push(err)],
              }),
            ],
            { maxErrors: 1 },
          );
          const first = refused[0];
          if (first) {
            throw new GraphQLError(first.message, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
