import { describe, expect, it } from 'vitest';
import { PlatformError } from '../errors.js';
import { TenantConcurrency } from './rate-limit.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('TenantConcurrency (a tenant’s share of one process)', () => {
  it('lets `limit` in, queues the next ones in order, and refuses past the queue with 429', async () => {
    const c = new TenantConcurrency(2, 2);
    const order: string[] = [];
    const a1 = await c.enter('A');
    const a2 = await c.enter('A');
    const a3 = c.enter('A').then((leave) => (order.push('a3'), leave));
    const a4 = c.enter('A').then((leave) => (order.push('a4'), leave));
    await tick();
    expect(order).toEqual([]);
    expect(c.load('A')).toEqual({ running: 2, waiting: 2 });

    const refused = await c.enter('A').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlatformError);
    expect((refused as PlatformError).code).toBe('RATE_LIMITED');
    expect((refused as PlatformError).status).toBe(429);
    expect((refused as PlatformError).retryAfterSeconds).toBe(1);

    // Another tenant is not held up by A at all.
    const b = await c.enter('B');
    expect(c.load('B')).toEqual({ running: 1, waiting: 0 });

    a1();
    a1(); // leaving twice frees one slot only
    await tick();
    expect(order).toEqual(['a3']);
    a2();
    await tick();
    expect(order).toEqual(['a3', 'a4']);
    (await a3)();
    (await a4)();
    b();
    expect(c.load('A')).toEqual({ running: 0, waiting: 0 });
    expect(c.load('B')).toEqual({ running: 0, waiting: 0 });
  });
});
