import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isObjectType, isIntrospectionType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { registeredModels } from './platform/db/index.js';
import { fieldPolicy } from './platform/graphql/policy.js';
import { isTenantScoped } from './platform/tenancy/mongoose-plugin.js';
import { buildSchema, printedSchema, typePolicies } from './schema.js';
// Importing the modules registers every model.
import './services.js';

const schema = buildSchema();
const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
  (t): t is GraphQLObjectType => Boolean(t),
);

describe('every GraphQL entry point declares who may call it', () => {
  const rootFields = roots.flatMap((root) =>
    Object.values(root.getFields()).map((f) => ({ root: root.name, field: f })),
  );

  it('the schema has root fields to check', () => {
    expect(rootFields.length).toBeGreaterThan(20);
  });

  it.each(rootFields.map((r) => [`${r.root}.${r.field.name}`, r.field] as const))(
    '%s has a policy',
    (_name, field) => {
      expect(fieldPolicy(field), 'wrap the resolver with resolver(policy, args, handler)').toBeDefined();
    },
  );

  it('every object type is declared in a module type-policy table', () => {
    const rootNames = new Set(roots.map((r) => r.name));
    const objectTypes = Object.values(schema.getTypeMap()).filter(
      (t) => isObjectType(t) && !isIntrospectionType(t) && !rootNames.has(t.name),
    );
    const undeclared = objectTypes.map((t) => t.name).filter((n) => !(n in typePolicies));
    expect(undeclared).toEqual([]);
  });
});

describe('the committed SDL', () => {
  it('packages/core/schema.graphql is what the code serves (npm run schema:print -w @tandem/core)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../schema.graphql', import.meta.url)), 'utf8');
    expect(committed).toBe(printedSchema(schema));
  });
});

describe('data-layer declarations', () => {
  const models = registeredModels();

  it('knows the models', () => {
    expect(models.map((m) => m.name)).toEqual(
      expect.arrayContaining(['Tenant', 'User', 'Membership', 'ApiKey', 'AuditEntry']),
    );
  });

  it.each(models.filter((m) => m.placement !== 'platform').map((m) => [m.name, m] as const))(
    '%s is tenant-scoped and each of its compound indexes starts with tenantId',
    (_n, m) => {
      expect(isTenantScoped(m.schema)).toBe(true);
      for (const [fields] of m.schema.indexes()) {
        const keys = Object.keys(fields);
        if (keys.length > 1) expect(keys[0], `index ${keys.join(',')}`).toBe('tenantId');
      }
    },
  );

  it('tenant-owned schemas have an immutable tenantId', () => {
    for (const m of models.filter((x) => x.placement !== 'platform')) {
      const path = m.schema.path('tenantId') as unknown as { options?: { immutable?: boolean } } | undefined;
      expect(path?.options?.immutable, m.name).toBe(true);
    }
  });
});
