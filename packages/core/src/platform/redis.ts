import { Redis } from 'ioredis';

/** Redis keys always carry the tenant when they hold tenant data: `<prefix>:t:<tenantId>:…`. */
export class RedisKeys {
  constructor(readonly prefix: string) {}
  tenant(tenantId: string, ...parts: string[]): string {
    return [this.prefix, 't', tenantId, ...parts].join(':');
  }
  platform(...parts: string[]): string {
    return [this.prefix, 'p', ...parts].join(':');
  }
}

export function createRedis(url: string, name: string, onError: (err: Error) => void): Redis {
  const redis = new Redis(url, {
    connectionName: `tandem-${name}`,
    maxRetriesPerRequest: 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
  // Connection errors are retried by ioredis; they are logged, not thrown at the process.
  redis.on('error', onError);
  return redis;
}
