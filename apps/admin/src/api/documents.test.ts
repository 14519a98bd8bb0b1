import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type OperationDefinitionNode, buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as documents from './documents';
import type { Operation } from './operation';

const schemaPath = fileURLToPath(new URL('../../../../packages/core/schema.graphql', import.meta.url));
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

function isOperation(value: unknown): value is Operation<unknown, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'source' in value &&
    'name' in value &&
    'kind' in value &&
    typeof (value as { source: unknown }).source === 'string'
  );
}

const operations: [string, Operation<unknown, unknown>][] = [];
for (const [name, value] of Object.entries(documents as Record<string, unknown>)) {
  if (isOperation(value)) operations.push([name, value]);
}

describe('GraphQL documents', () => {
  it('finds the console’s operations', () => {
    expect(operations.length).toBeGreaterThanOrEqual(25);
  });

  it.each(operations)('%s validates against packages/core/schema.graphql', (_export, op) => {
    const ast = parse(op.source);
    const errors = validate(schema, ast);
    expect(errors.map((e) => e.message)).toEqual([]);
    const defs = ast.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    );
    expect(defs).toHaveLength(1);
    // The name sent as operationName must match the document, and the kind must match the helper used.
    expect(defs[0]?.name?.value).toBe(op.name);
    expect(defs[0]?.operation).toBe(op.kind);
  });

  it('uses each operation name once', () => {
    const names = operations.map(([, op]) => op.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
