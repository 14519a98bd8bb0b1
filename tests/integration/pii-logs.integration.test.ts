// Personal data never reaches the API's log output, even where no field name says it is personal:
// an intake whose message, customer identities, query string and headers (Idempotency-Key,
// X-Request-Id) carry a mobile number, resident ID, bank card and email leaves log lines in which
// none of them appears, in any spelling, and nothing looks like unmasked PII (the logger masks
// every string of a line: platform/logger.ts on top of platform/pii).
import { describe, expect, it } from 'vitest';
import { findPii } from '../../packages/core/src/platform/pii/index.js';
import { useModuleTest } from '../support/module.js';

const ctx = useModuleTest('pii_logs');

const MOBILE = '13712345678';
const RESIDENT_ID = '11010519491231002X';
const CARD = '6222021234567890128';
const EMAIL = 'wang.fang.pii@example.com';
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

const NEEDLES = [
  MOBILE,
  `${MOBILE.slice(0, 3)}-${MOBILE.slice(3, 7)}-${MOBILE.slice(7)}`,
  fullWidth(MOBILE),
  RESIDENT_ID,
  RESIDENT_ID.toLowerCase(),
  CARD,
  EMAIL,
  'wang.fang.pii',
];

describe('the API log of an intake with PII', () => {
  it('holds none of it, and the request was logged', async () => {
    const { server, pooled } = ctx();
    const from = server.logLines.length;
    const post = (query: string, headers: Record<string, string>, body: unknown) =>
      fetch(`${pooled.baseUrl}/v1/messages${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${pooled.apiKey}`, ...headers },
        body: JSON.stringify(body),
      });
    const ok = await post(
      `?ref=${MOBILE}&contact=${encodeURIComponent(EMAIL)}`,
      { 'idempotency-key': EMAIL, 'x-request-id': MOBILE, 'x-customer-note': `card ${CARD}` },
      {
        messageId: `pii-${RESIDENT_ID}`,
        customer: {
          mobile: `+86 ${MOBILE.slice(0, 3)}-${MOBILE.slice(3, 7)}-${MOBILE.slice(7)}`,
          email: EMAIL,
        },
        text: `我的卡号 ${CARD}，身份证 ${RESIDENT_ID.toLowerCase()}，手机 ${fullWidth(MOBILE)}`,
      },
    );
    expect(ok.status).toBe(201);
    // A refused one: the error path logs too.
    const refused = await post(
      `?phone=${MOBILE}`,
      { 'idempotency-key': `k-${MOBILE}` },
      {
        messageId: 'pii-refused',
        customer: { mobile: '1371234567' },
        text: `call ${MOBILE}`,
      },
    );
    expect(refused.status).toBe(400);

    await new Promise((r) => setTimeout(r, 200));
    const lines = server.logLines.slice(from);
    // The requests are in the log (the check below is not vacuous) ...
    expect(lines.filter((l) => l.includes('/v1/messages')).length).toBeGreaterThanOrEqual(2);
    const text = lines.join('\n');
    // ... with the masked shape where PII was.
    expect(text).toContain('ref=');
    for (const n of NEEDLES) {
      const hit = lines.find((l) => l.includes(n));
      expect(hit, `log holds ${n}`).toBeUndefined();
    }
    for (const line of lines) expect(findPii(line), line).toEqual([]);
  });
});
