import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function parseIso(value: unknown): Date {
  if (typeof value !== 'string' || !ISO.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('DateTime must be an ISO-8601 UTC timestamp such as 2026-11-24T08:00:00Z', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(value);
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return new Date(value).toISOString();
    throw new GraphQLError('Not a date');
  },
  parseValue: parseIso,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseIso(ast.value);
  },
});

/** Output-only JSON (audit snapshots). Input is refused: every input is typed. */
export const JSONScalar = new GraphQLScalarType<never, unknown>({
  name: 'JSON',
  serialize: (v) => v,
  parseValue() {
    throw new GraphQLError('JSON is output-only', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral() {
    throw new GraphQLError('JSON is output-only', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

export const baseTypeDefs = /* GraphQL */ `
  """
  An ISO-8601 UTC timestamp, e.g. 2026-11-24T08:00:00.000Z
  """
  scalar DateTime

  """
  Arbitrary JSON (audit before/after snapshots). Output only.
  """
  scalar JSON
`;
