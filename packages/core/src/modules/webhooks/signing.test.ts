// The server's signature is what the SDK's verifier accepts: the same HMAC, the same header.
import { verifyWebhook } from '@tandem/sdk/webhooks';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './deliveries-service.js';
import { newSecret, sign, signatureHeader } from './signing.js';

const event = {
  id: 'evt_AAAAAAAAAAAAAAAAAAAA',
  type: 'ticket.status_changed',
  tenantId: 'tn_BBBBBBBBBBBBBBBBBBBB',
  occurredAt: '2026-01-15T12:00:00.000Z',
  schemaVersion: 1,
  causationDepth: 1,
  data: { ticketId: 'tkt_CCCCCCCCCCCCCCCCCCCC', number: 7, from: 'OPEN', to: 'SOLVED' },
};

describe('webhook signatures', () => {
  it('secrets are whsec_ and 40 random base62 characters, never twice the same', () => {
    const a = newSecret();
    expect(a).toMatch(/^whsec_[0-9A-Za-z]{40}$/);
    expect(newSecret()).not.toBe(a);
  });

  it('round-trips through the SDK verifier, with one or two secrets', () => {
    const [current, previous] = [newSecret(), newSecret()];
    const body = JSON.stringify(event);
    const t = Math.floor(Date.now() / 1000);
    expect(
      verifyWebhook({ body, signatureHeader: signatureHeader([current], t, body), secret: current }),
    ).toEqual(event);
    const both = signatureHeader([current, previous], t, body);
    expect(both).toBe(`t=${t},v1=${sign(current, t, body)},v1=${sign(previous, t, body)}`);
    expect(verifyWebhook({ body, signatureHeader: both, secret: previous }).id).toBe(event.id);
    expect(() => verifyWebhook({ body, signatureHeader: both, secret: newSecret() })).toThrow(/No signature/);
  });
});

describe('retry delays', () => {
  const policy = { maxAttempts: 8, baseDelayMs: 30_000 };
  it('double each time, with jitter between half and all of the step', () => {
    expect(retryDelayMs(policy, 1, () => 0)).toBe(15_000);
    expect(retryDelayMs(policy, 1, () => 1)).toBe(30_000);
    expect(retryDelayMs(policy, 3, () => 0)).toBe(60_000);
    expect(retryDelayMs(policy, 3, () => 1)).toBe(120_000);
  });
  it('are capped at six hours', () => {
    expect(retryDelayMs(policy, 20, () => 1)).toBe(6 * 3_600_000);
  });
});
