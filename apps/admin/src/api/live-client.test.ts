import { describe, expect, it } from 'vitest';
import { backoffMs } from './live-client';

describe('live reconnect backoff', () => {
  it('grows from half a second to a cap of 15 s, with jitter in the upper half', () => {
    expect(backoffMs(0, () => 0)).toBe(250);
    expect(backoffMs(0, () => 1)).toBe(500);
    expect(backoffMs(3, () => 1)).toBe(4000);
    expect(backoffMs(3, () => 0)).toBe(2000);
    expect(backoffMs(20, () => 1)).toBe(15_000);
    expect(backoffMs(20, () => 0)).toBe(7500);
  });
});
