import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
import { PlatformError } from '../errors.js';
import { currentContext } from '../tenancy/context.js';
import { isTenantScoped, markTenantScoped, tenancyPlugin } from '../tenancy/mongoose-plugin.js';

mongoose.set('strictQuery', 'throw');
mongoose.set('sanitizeFilter', true);
mongoose.set('autoIndex', false);
mongoose.plugin(tenancyPlugin);

/**
 * Where a model's documents live:
 * - `tenant`: tenant-owned and follows the tenant's tier — the shared database for pooled
 *   tenants, the tenant's own database for siloed tenants (same code path either way).
 * - `tenant-platform`: tenant-owned but kept in the platform database for every tier, because
 *   the platform must reach it before it knows a tenant (memberships at login, the audit trail
 *   the provider keeps). Still scoped by tenant by the same plugin.
 * - `platform`: provider-level data (tenants, users, sessions, signing keys), no tenantId.
 */
export type Placement = 'tenant' | 'tenant-platform' | 'platform';

export interface ModelDef<T> {
  readonly name: string;
  readonly schema: Schema<T>;
  readonly placement: Placement;
}

const registry: ModelDef<unknown>[] = [];

export function defineModel<T>(name: string, schema: Schema<T>, placement: Placement): ModelDef<T> {
  if (placement !== 'platform') markTenantScoped(schema);
  const def: ModelDef<T> = { name, schema, placement };
  registry.push(def as unknown as ModelDef<unknown>);
  return def;
}

/** Every model the code defines, for guards (tenancy declared, indexes lead with tenantId). */
export function registeredModels(): readonly ModelDef<unknown>[] {
  return registry;
}

export { isTenantScoped };

function tenantModelNamed(name: string): ModelDef<unknown> {
  const def = registry.find((d) => d.name === name);
  if (!def || def.placement === 'platform') throw new Error(`no tenant model named ${name}`);
  return def;
}

export class Database {
  private constructor(
    readonly connection: Connection,
    readonly dbName: string,
  ) {}

  static async connect(uri: string, dbName: string): Promise<Database> {
    const connection = mongoose.createConnection(uri, {
      dbName,
      serverSelectionTimeoutMS: 5_000,
      maxPoolSize: 50,
    });
    await connection.asPromise();
    return new Database(connection, dbName);
  }

  /** The dedicated database of a siloed tenant. */
  siloDbName(tenantId: string): string {
    return `${this.dbName}_${tenantId}`.slice(0, 63);
  }

  private on<T>(conn: Connection, def: ModelDef<T>): Model<T> {
    const existing = conn.models[def.name];
    return (existing ?? conn.model(def.name, def.schema)) as unknown as Model<T>;
  }

  /** The model for the current context: a siloed tenant's `tenant` models live in its database. */
  model<T>(def: ModelDef<T>): Model<T> {
    if (def.placement === 'tenant') {
      const tenant = currentContext()?.tenant;
      if (tenant?.tier === 'SILOED') {
        const silo = this.connection.useDb(this.siloDbName(tenant.id), { useCache: true });
        return this.on(silo, def);
      }
    }
    return this.on(this.connection, def);
  }

  /** Creates indexes of every model in the platform database or one silo. */
  async syncIndexes(target: { siloOf?: string } = {}): Promise<void> {
    const conn = target.siloOf
      ? this.connection.useDb(this.siloDbName(target.siloOf), { useCache: true })
      : this.connection;
    for (const def of registry) {
      if (target.siloOf && def.placement !== 'tenant') continue;
      await this.on(conn, def).createIndexes();
    }
  }

  /**
   * Every document of one tenant model for the tenant in context (offboarding export of modules
   * that declare `tenantData: { kind: 'models' }`); the tenancy plugin scopes the read.
   */
  async tenantDocuments(modelName: string): Promise<unknown[]> {
    const def = tenantModelNamed(modelName);
    return this.model(def).find({}).sort({ _id: 1 }).lean<unknown[]>();
  }

  /** Deletes every document of one tenant model for the tenant in context. */
  async eraseTenantDocuments(modelName: string): Promise<number> {
    const def = tenantModelNamed(modelName);
    return (await this.model(def).deleteMany({})).deletedCount;
  }

  async dropSilo(tenantId: string): Promise<void> {
    await this.connection.useDb(this.siloDbName(tenantId), { useCache: false }).dropDatabase();
  }

  async listDatabaseNames(): Promise<string[]> {
    const admin = this.connection.db?.admin();
    if (!admin) throw new PlatformError('SERVICE_UNAVAILABLE', 'Database not connected');
    const res = await admin.listDatabases();
    return res.databases.map((d) => d.name);
  }

  async ping(): Promise<void> {
    const db = this.connection.db;
    if (!db) throw new PlatformError('SERVICE_UNAVAILABLE', 'Database not connected');
    await db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

/** A unique index refused a write (E11000): the one portable signal, on MongoDB and FerretDB alike. */
export function isDuplicateKeyError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 11000;
}
