import type { Aggregate, Query, Schema } from 'mongoose';
import { PlatformError } from '../errors.js';
import { currentContext } from './context.js';

/**
 * The global Mongoose plugin that scopes every operation on a tenant-owned model to the tenant
 * in the AsyncLocalStorage context. Repositories never write `tenantId` into a filter; the
 * plugin adds it, refuses a different one, and throws when there is no tenant at all (a missing
 * context must never mean "all tenants").
 */
const tenantScoped = new WeakSet<Schema>();

/** Declares a schema tenant-owned: it gets an immutable, required tenantId and the scoping hooks. */
export function markTenantScoped(schema: Schema): void {
  tenantScoped.add(schema);
  if (!schema.path('tenantId')) {
    schema.add({ tenantId: { type: String, required: true, immutable: true } });
  }
}

export function isTenantScoped(schema: Schema): boolean {
  return tenantScoped.has(schema);
}

const QUERY_OPS = [
  'countDocuments',
  'distinct',
  'find',
  'findOne',
  'findOneAndReplace',
  'findOneAndUpdate',
  'findOneAndDelete',
  'replaceOne',
  'updateMany',
  'updateOne',
  'deleteMany',
  'deleteOne',
] as const;

/** The tenant to scope to, or null inside an explicit all-tenants system scope. */
function scopeTenantId(op: string): string | null {
  const ctx = currentContext();
  if (ctx?.tenant) return ctx.tenant.id;
  if (ctx?.system?.allTenants) return null;
  throw new PlatformError(
    'TENANT_CONTEXT_MISSING',
    `Refusing ${op} on tenant-owned data without a tenant context`,
  );
}

function assertSameTenant(value: unknown, tenantId: string, op: string): void {
  if (value === undefined) return;
  const v =
    value !== null && typeof value === 'object' && '$eq' in value ? (value as { $eq: unknown }).$eq : value;
  if (v !== tenantId) {
    throw new PlatformError('TENANCY_VIOLATION', `${op} names another tenant`);
  }
}

const UPDATE_OPERATORS_TOUCHING_FIELDS = [
  '$set',
  '$setOnInsert',
  '$unset',
  '$rename',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$pull',
  '$addToSet',
  '$pop',
  '$currentDate',
];

function assertUpdateLeavesTenant(update: unknown, op: string): void {
  // An aggregation-pipeline update can compute any field, tenantId included: not allowed here.
  if (Array.isArray(update))
    throw new PlatformError('TENANCY_VIOLATION', `${op} with an update pipeline is not allowed`);
  if (!update || typeof update !== 'object') return;
  const u = update as Record<string, unknown>;
  if ('tenantId' in u) throw new PlatformError('TENANCY_VIOLATION', `${op} may not change tenantId`);
  for (const operator of UPDATE_OPERATORS_TOUCHING_FIELDS) {
    const fields = u[operator];
    if (fields && typeof fields === 'object') {
      const f = fields as Record<string, unknown>;
      if ('tenantId' in f) throw new PlatformError('TENANCY_VIOLATION', `${op} may not change tenantId`);
      if (operator === '$rename' && Object.values(f).includes('tenantId')) {
        throw new PlatformError('TENANCY_VIOLATION', `${op} may not change tenantId`);
      }
    }
  }
}

function stampDoc(doc: unknown, tenantId: string, op: string): void {
  if (!doc || typeof doc !== 'object') return;
  const d = doc as { tenantId?: unknown; set?: (k: string, v: string) => void };
  if (d.tenantId === undefined || d.tenantId === null) {
    if (typeof d.set === 'function') d.set('tenantId', tenantId);
    else d.tenantId = tenantId;
  } else if (d.tenantId !== tenantId) {
    throw new PlatformError('TENANCY_VIOLATION', `${op} writes a document of another tenant`);
  }
}

function requireWriteTenant(op: string): string {
  const id = scopeTenantId(op);
  if (id === null)
    throw new PlatformError('TENANT_CONTEXT_MISSING', `${op} needs one tenant, not all tenants`);
  return id;
}

export function tenancyPlugin(schema: Schema): void {
  if (!tenantScoped.has(schema)) return;

  for (const op of QUERY_OPS) {
    schema.pre(op, function (this: Query<unknown, unknown>) {
      const tenantId = scopeTenantId(op);
      const isWrite = !['countDocuments', 'distinct', 'find', 'findOne'].includes(op);
      if (tenantId === null) {
        if (isWrite) requireWriteTenant(op);
        return;
      }
      assertSameTenant(this.getFilter().tenantId, tenantId, op);
      this.where({ tenantId });
      if (isWrite) {
        assertUpdateLeavesTenant(this.getUpdate(), op);
        if (op === 'replaceOne' || op === 'findOneAndReplace') {
          const replacement = this.getUpdate() as Record<string, unknown> | null;
          if (replacement) replacement.tenantId = tenantId;
        }
      }
    });
  }

  schema.pre('estimatedDocumentCount', function () {
    throw new PlatformError('TENANCY_VIOLATION', 'estimatedDocumentCount cannot be scoped to a tenant');
  });

  schema.pre('aggregate', function (this: Aggregate<unknown>) {
    const tenantId = scopeTenantId('aggregate');
    if (tenantId !== null) this.pipeline().unshift({ $match: { tenantId } });
  });

  schema.pre('validate', function () {
    // Document middleware: new documents take the context's tenant; existing ones must match it.
    const op = this.isNew ? 'insert' : 'save';
    stampDoc(this, requireWriteTenant(op), op);
  });

  schema.pre('insertMany', function (docs: unknown) {
    const tenantId = requireWriteTenant('insertMany');
    for (const doc of Array.isArray(docs) ? docs : [docs]) stampDoc(doc, tenantId, 'insertMany');
  });

  schema.pre('bulkWrite', function (ops: unknown) {
    const tenantId = requireWriteTenant('bulkWrite');
    if (!Array.isArray(ops)) return;
    for (const raw of ops as Record<string, Record<string, unknown>>[]) {
      for (const [kind, op] of Object.entries(raw)) {
        if (kind === 'insertOne') {
          stampDoc(op.document, tenantId, 'bulkWrite.insertOne');
          continue;
        }
        const filter = (op.filter ?? {}) as Record<string, unknown>;
        assertSameTenant(filter.tenantId, tenantId, `bulkWrite.${kind}`);
        op.filter = { ...filter, tenantId };
        if (op.update) assertUpdateLeavesTenant(op.update, `bulkWrite.${kind}`);
        if (op.replacement && typeof op.replacement === 'object') {
          stampDoc(op.replacement, tenantId, `bulkWrite.${kind}`);
        }
      }
    }
  });
}
