import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { guardNestedArguments } from './policy.js';

// Arguments of fields below the root do not pass through resolver(): the schema-wide guard
// refuses control characters in them too, so a nested paged list added later is covered.
const schema = makeExecutableSchema({
  typeDefs: `
    type Query { shelf: Shelf! }
    type Shelf { books(search: String, tags: [String!]): [String!]! }
  `,
  resolvers: {
    Query: { shelf: () => ({}) },
    Shelf: { books: (_p: unknown, a: { search?: string }) => [`found ${a.search ?? ''}`] },
  },
});
guardNestedArguments(schema);

const run = (search: string, tags: string[] = []) =>
  graphql({
    schema,
    source: 'query($s: String, $t: [String!]) { shelf { books(search: $s, tags: $t) } }',
    variableValues: { s: search, t: tags },
  });

describe('nested field arguments', () => {
  it('are served when clean', async () => {
    const r = await run('tea');
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ shelf: { books: ['found tea'] } });
  });

  it.each([
    ['a NUL', 'te\u0000a', []],
    ['a line break', 'te\na', []],
    ['a control character in a list', 'tea', ['ok', '\u0007']],
  ])('refuse %s with BAD_USER_INPUT', async (_what, search, tags) => {
    const r = await run(search, tags);
    expect(r.errors?.[0]?.originalError).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    expect(r.errors?.[0]?.extensions).toMatchObject({ http: { status: 400 } });
  });
});
