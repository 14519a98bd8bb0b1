import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.js';

const base = {
  MONGODB_URI: 'mongodb://127.0.0.1:1/',
  REDIS_URL: 'redis://127.0.0.1:1',
  TANDEM_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
};

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['off', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.7 ,fd00::/8', ['10.0.0.0/8', '192.168.1.7', 'fd00::/8']],
  ])('%s → %j', (raw, expected) => {
    expect(loadConfig({ ...base, ...(raw === undefined ? {} : { TRUST_PROXY: raw }) }).TRUST_PROXY).toEqual(
      expected,
    );
  });

  it.each(['true', '*', 'yes', '17', '10.0.0.0/33', '300.1.1.1', 'proxy.internal', '10.0.0.1/8/2', ','])(
    'refuses %s at boot, naming the variable',
    (raw) => {
      let err: unknown;
      try {
        loadConfig({ ...base, TRUST_PROXY: raw });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(/TRUST_PROXY/);
    },
  );
});
