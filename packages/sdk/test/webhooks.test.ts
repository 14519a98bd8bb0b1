import { describe, expect, it } from 'vitest';
import {
  signWebhook,
  verifyWebhook,
  WebhookVerificationError,
  type VerifyWebhookOptions,
} from '../src/webhooks/index.js';

const SECRET = 'whsec_0123456789abcdefghijABCDEFGHIJ0123456789';
const OLD_SECRET = 'whsec_oldoldoldoldoldoldoldoldoldoldoldoldold';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const T = NOW / 1000;

const event = {
  id: 'evt_AAAAAAAAAAAAAAAAAAAA',
  type: 'customer.created',
  tenantId: 'tn_BBBBBBBBBBBBBBBBBBBB',
  occurredAt: '2026-01-15T12:00:00.000Z',
  schemaVersion: 1,
  causationDepth: 0,
  data: { customerId: 'cus_CCCCCCCCCCCCCCCCCCCC', externalId: '客户-42' },
};
const body = JSON.stringify(event);

const codeOf = (opts: VerifyWebhookOptions): string => {
  try {
    verifyWebhook(opts);
    return 'OK';
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookVerificationError);
    return (e as WebhookVerificationError).code;
  }
};

describe('verifyWebhook', () => {
  it('returns the parsed event for a body signed with the secret (string or Buffer body)', () => {
    const header = signWebhook({ body, secrets: [SECRET], timestamp: T });
    expect(verifyWebhook({ body, signatureHeader: header, secret: SECRET, now: NOW })).toEqual(event);
    expect(
      verifyWebhook({
        body: Buffer.from(body, 'utf8'),
        signatureHeader: header,
        secret: SECRET,
        now: new Date(NOW),
      }),
    ).toEqual(event);
  });

  it('accepts either signature during a rotation, and either secret on the receiver side', () => {
    const header = signWebhook({ body, secrets: [SECRET, OLD_SECRET], timestamp: T });
    expect(header.split(',')).toHaveLength(3);
    expect(codeOf({ body, signatureHeader: header, secret: OLD_SECRET, now: NOW })).toBe('OK');
    expect(codeOf({ body, signatureHeader: header, secret: SECRET, now: NOW })).toBe('OK');
    const onlyNew = signWebhook({ body, secrets: [SECRET], timestamp: T });
    expect(codeOf({ body, signatureHeader: onlyNew, secrets: [OLD_SECRET, SECRET], now: NOW })).toBe('OK');
  });

  it('refuses a wrong secret, a changed body, and a changed timestamp', () => {
    const header = signWebhook({ body, secrets: [SECRET], timestamp: T });
    expect(codeOf({ body, signatureHeader: header, secret: OLD_SECRET, now: NOW })).toBe(
      'SIGNATURE_MISMATCH',
    );
    expect(
      codeOf({ body: body.replace('客户-42', '客户-43'), signatureHeader: header, secret: SECRET, now: NOW }),
    ).toBe('SIGNATURE_MISMATCH');
    expect(codeOf({ body: `${body} `, signatureHeader: header, secret: SECRET, now: NOW })).toBe(
      'SIGNATURE_MISMATCH',
    );
    expect(
      codeOf({ body, signatureHeader: header.replace(`t=${T}`, `t=${T + 1}`), secret: SECRET, now: NOW }),
    ).toBe('SIGNATURE_MISMATCH');
  });

  it('refuses a signature older or further ahead than the tolerance (default 300 s)', () => {
    const at = (t: number) => signWebhook({ body, secrets: [SECRET], timestamp: t });
    expect(codeOf({ body, signatureHeader: at(T - 300), secret: SECRET, now: NOW })).toBe('OK');
    expect(codeOf({ body, signatureHeader: at(T - 301), secret: SECRET, now: NOW })).toBe(
      'TIMESTAMP_OUT_OF_TOLERANCE',
    );
    expect(codeOf({ body, signatureHeader: at(T + 301), secret: SECRET, now: NOW })).toBe(
      'TIMESTAMP_OUT_OF_TOLERANCE',
    );
    expect(
      codeOf({ body, signatureHeader: at(T - 3000), secret: SECRET, now: NOW, toleranceSeconds: 3600 }),
    ).toBe('OK');
  });

  it('refuses missing and malformed headers, and no secret', () => {
    const good = signWebhook({ body, secrets: [SECRET], timestamp: T });
    expect(codeOf({ body, signatureHeader: undefined, secret: SECRET, now: NOW })).toBe(
      'SIGNATURE_HEADER_MISSING',
    );
    expect(codeOf({ body, signatureHeader: '', secret: SECRET, now: NOW })).toBe('SIGNATURE_HEADER_MISSING');
    for (const bad of ['garbage', `t=${T}`, 'v1=abc', `t=${T},v1=XYZ`, `t=soon,${good.split(',')[1]}`]) {
      expect(codeOf({ body, signatureHeader: bad, secret: SECRET, now: NOW }), bad).toBe(
        'SIGNATURE_HEADER_INVALID',
      );
    }
    expect(codeOf({ body, signatureHeader: good, now: NOW })).toBe('NO_SECRET');
    expect(codeOf({ body, signatureHeader: good, secret: '', now: NOW })).toBe('NO_SECRET');
  });

  it('refuses a signed body that is not a catalogue event', () => {
    for (const b of [
      'not json',
      JSON.stringify({ ...event, type: 'ticket.exploded' }),
      JSON.stringify({ ...event, data: {} }),
    ]) {
      const header = signWebhook({ body: b, secrets: [SECRET], timestamp: T });
      expect(codeOf({ body: b, signatureHeader: header, secret: SECRET, now: NOW })).toBe('BODY_INVALID');
    }
  });
});
