import { describe, expect, it } from 'vitest';
import { REDACTED, redactUrl, requestLogSerializer } from './logger.js';

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
