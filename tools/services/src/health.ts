import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { errorMessage } from './errors.js';

export type Health = { ok: true } | { ok: false; reason: string };

/** A real `ping` through the MongoDB wire protocol. */
export async function pingMongo(uri: string, timeoutMs = 2000): Promise<Health> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs * 2,
    maxPoolSize: 1,
    appName: 'tandem-services-health',
  });
  try {
    await client.connect();
    const reply = await client.db('admin').command({ ping: 1 });
    return reply.ok === 1 ? { ok: true } : { ok: false, reason: `ping answered ${JSON.stringify(reply)}` };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  } finally {
    await client.close(true).catch(() => undefined);
  }
}

/** Redis PING through ioredis, without retries or an offline queue. */
export async function pingRedis(url: string, timeoutMs = 2000): Promise<Health> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectionName: 'tandem-services-health',
  });
  let socketError: string | undefined;
  client.on('error', (error: unknown) => {
    socketError ??= errorMessage(error); // e.g. connect ECONNREFUSED, clearer than "Connection is closed."
  });
  try {
    await client.connect();
    const answer = await client.ping();
    return answer === 'PONG' ? { ok: true } : { ok: false, reason: `PING answered ${answer}` };
  } catch (error) {
    return { ok: false, reason: socketError ?? errorMessage(error) };
  } finally {
    client.disconnect();
  }
}
