import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, redactUrl, requestLogSerializer } from './logger.js';

const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJlX3BhcnRfb2ZfdGhlX3Rva2Vu';
const apiKey = `tdk_live_tn_${'A'.repeat(20)}_${'b'.repeat(32)}`;
const refresh = `ses_${'C'.repeat(20)}.${'d'.repeat(43)}`;

describe('redactUrl', () => {
  it.each([
    ['/invite/Abc123_invitation-token-000', `/invite/${REDACTED}`],
    ['/reset-password/short-token', `/reset-password/${REDACTED}`],
    [`/whatever/${'x'.repeat(40)}/more`, `/whatever/${REDACTED}/more`],
    [`/graphql?token=abc`, `/graphql?token=${REDACTED}`],
    [`/cb?code=1234&state=ok`, `/cb?code=${REDACTED}&state=ok`],
    [
      `/x?api_key=1&Signature=2&password=3&clientSecret=4`,
      `/x?api_key=${REDACTED}&Signature=${REDACTED}&password=${REDACTED}&clientSecret=${REDACTED}`,
    ],
    [`/x?q=${jwt}`, `/x?q=${REDACTED}`],
    [`/x?q=${encodeURIComponent(`Bearer ${jwt}`)}`, `/x?q=${REDACTED}`],
    [`/x?k=${apiKey}`, `/x?k=${REDACTED}`],
    [`/x?r=${encodeURIComponent(refresh)}`, `/x?r=${REDACTED}`],
    [`/x?${apiKey}`, `/x?${REDACTED}`],
    [`/v1/${apiKey}`, `/v1/${REDACTED}`],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it.each([
    '/graphql',
    '/healthz',
    '/v1/exports/exp_ABCDEFGHIJKLMNOPQRST',
    '/users?page=2&pageSize=20&search=anna',
    '/assets/index-4f3a2b.js',
  ])('leaves %s alone', (url) => {
    expect(redactUrl(url)).toBe(url);
  });
});

describe('requestLogSerializer', () => {
  it('redacts the URL and the Referer and drops parsed query and params', () => {
    const out = requestLogSerializer({
      id: 'r1',
      method: 'GET',
      url: '/invite/secret-token-value?token=abc',
      headers: { referer: 'https://console.test/invite/secret-token-value', host: 'x' },
      raw: { ip: '203.0.113.9' },
    });
    expect(JSON.stringify(out)).not.toContain('secret-token-value');
    expect(JSON.stringify(out)).not.toContain('abc');
    expect(out).toMatchObject({ url: `/invite/${REDACTED}?token=${REDACTED}`, remoteAddress: '203.0.113.9' });
    expect(out).not.toHaveProperty('query');
    expect(out).not.toHaveProperty('params');
  });
});

describe('PII in log lines', () => {
  const MOBILE = '13712345678';
  const RESIDENT_ID = '11010519491231002X';
  const CARD = '6222021234567890128';
  const EMAIL = 'li.lei.pii@example.com';
  const NEEDLES = [MOBILE, '137-1234-5678', '１３７１２３４５６７８', RESIDENT_ID, CARD, EMAIL, 'li.lei.pii'];

  /** A logger writing into an array (the real pino pipeline, synchronously). */
  function capture() {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    return { logger: createLogger('info', sink), lines };
  }

  it('masks a mobile number, resident ID, bank card and email in the message, fields and errors', () => {
    const { logger, lines } = capture();
    logger.info(`customer called from ${MOBILE} and 137-1234-5678 (１３７１２３４５６７８)`);
    logger.info({ note: `id ${RESIDENT_ID}`, nested: { card: CARD, list: [`mail ${EMAIL}`] } }, 'profile');
    logger.warn({ err: new Error(`lookup failed for ${EMAIL}`) }, 'lookup failed');
    logger.error(new Error(`card ${CARD} refused`));
    logger.info('printf %s', `${MOBILE}`);
    expect(lines).toHaveLength(5);
    const all = lines.join('\n');
    for (const n of NEEDLES) expect(all, n).not.toContain(n);
    // The lines are still useful: the shape of what was masked, and the rest verbatim.
    expect(all).toContain('customer called from');
    expect(all).toContain('lookup failed');
    expect(JSON.parse(lines[2] ?? '{}')).toMatchObject({ err: { type: 'Error' }, msg: 'lookup failed' });
    expect(JSON.parse(lines[3] ?? '{}')).toMatchObject({ err: { type: 'Error' } });
    expect(JSON.parse(lines[3] ?? '{}').msg).toContain('refused');
  });

  it('leaves lines without PII untouched and never mutates what was logged', () => {
    const { logger, lines } = capture();
    const fields = { ticketId: 'tkt_A1b2C3d4E5f6G7h8I9j0', count: 13712345678, text: `call ${MOBILE}` };
    logger.info({ ticketId: fields.ticketId, count: 3 }, 'plain line 42');
    logger.info(fields, 'with pii');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      ticketId: fields.ticketId,
      count: 3,
      msg: 'plain line 42',
    });
    expect(fields.text).toBe(`call ${MOBILE}`);
    expect(lines[1]).not.toContain(`call ${MOBILE}`);
  });

  it('masks PII in the URL of the request log', () => {
    const out = requestLogSerializer({
      method: 'GET',
      url: `/v1/customers/${EMAIL}?search=${MOBILE}&mail=${encodeURIComponent(EMAIL)}&page=2`,
      headers: { 'idempotency-key': EMAIL },
    });
    const text = JSON.stringify(out);
    for (const n of [MOBILE, EMAIL, encodeURIComponent(EMAIL), 'li.lei.pii']) expect(text).not.toContain(n);
    expect(String(out.url)).toMatch(/^\/v1\/customers\/.+\?search=.+&mail=.+&page=2$/);
  });
});
