import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type OperationDefinitionNode, buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from './generated/graphql';
import { operationName } from './operation';

// The generated documents are what the console sends: each `graphql(…)` call in src/ with the
// fragments it spreads. Generation already refuses a document the schema does not allow; this
// checks them again against the schema as it is now, in case the generated files are older.
const schemaPath = fileURLToPath(new URL('../../../../packages/core/schema.graphql', import.meta.url));
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

const operations: [string, { toString(): string }][] = [];
for (const [name, value] of Object.entries(generated as Record<string, unknown>)) {
  if (value instanceof generated.TypedDocumentString && name.endsWith('Document'))
    operations.push([name, value]);
}

function operationOf(source: string): OperationDefinitionNode[] {
  return parse(source).definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
}

describe('GraphQL documents', () => {
  it('finds the console’s operations', () => {
    expect(operations.length).toBeGreaterThanOrEqual(25);
  });

  // Fragments are checked inside the operations that spread them (alone, they are "never used").
  it.each(operations)('%s validates against packages/core/schema.graphql', (_name, doc) => {
    expect(validate(schema, parse(doc.toString())).map((e) => e.message)).toEqual([]);
  });

  it.each(operations)('%s holds one named operation, sent under that name', (_name, doc) => {
    const defs = operationOf(doc.toString());
    expect(defs).toHaveLength(1);
    expect(defs[0]?.name?.value).toBeTruthy();
    expect(operationName(doc)).toBe(defs[0]?.name?.value);
  });

  it('uses each operation name once', () => {
    const names = operations.map(([, doc]) => operationName(doc));
    expect(new Set(names).size).toBe(names.length);
  });
});
