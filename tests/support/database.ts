// A fresh database per test suite, on the run's MongoDB wire-protocol server (see
// tests/setup/global-setup.ts), with the Mongoose settings Tandem uses everywhere.
import mongoose, { type Connection, type Mongoose } from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { freshDatabaseName } from '@tandem/services';

export interface FreshDatabase {
  /** the database name (unique to this suite) */
  readonly name: string;
  /** the connection, available inside tests and hooks */
  connection(): Connection;
  /** the Mongoose instance of this suite (strictQuery: 'throw', sanitizeFilter: true) */
  readonly mongoose: Mongoose;
}

/** A separate Mongoose instance configured as in platform/db: no global state shared between suites. */
export function tandemMongoose(): Mongoose {
  const instance = new mongoose.Mongoose();
  instance.set('strictQuery', 'throw');
  instance.set('sanitizeFilter', true);
  instance.set('autoIndex', false); // indexes are created explicitly (createIndexes / syncIndexes)
  return instance;
}

/**
 * Registers beforeAll/afterAll in the calling suite: connect to a database no other suite uses,
 * drop it at the end.
 */
export function useFreshDatabase(prefix: string, options: { maxPoolSize?: number } = {}): FreshDatabase {
  const name = freshDatabaseName(prefix);
  const instance = tandemMongoose();
  let conn: Connection | undefined;

  beforeAll(async () => {
    conn = await instance
      .createConnection(inject('mongoUri'), {
        dbName: name,
        maxPoolSize: options.maxPoolSize ?? 64,
        serverSelectionTimeoutMS: 10_000,
      })
      .asPromise();
  });

  afterAll(async () => {
    if (!conn) return;
    await conn.dropDatabase();
    await conn.close();
  });

  return {
    name,
    mongoose: instance,
    connection() {
      if (!conn) throw new Error('useFreshDatabase: the connection is only available inside tests and hooks');
      return conn;
    },
  };
}
