// Outbound calls (webhooks now, plugin egress later) never reach what is behind the server:
// loopback, link-local metadata (169.254.169.254), private and reserved ranges in any notation,
// non-http(s) schemes, redirects into any of those, and DNS rebinding (a name that answers a safe
// address to the check and an internal one to the connect). Real sockets on loopback: an
// "internal service" on 127.0.0.2 must never see a request; a receiver on 127.0.0.1 is reachable
// only where a test opens 127.0.0.1/32 the way OUTBOUND_ALLOW_PRIVATE_CIDRS does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../packages/core/src/platform/config/index.js';
import {
  OutboundError,
  OutboundHttpClient,
  type OutboundClientOptions,
  type ResolvedAddress,
} from '../../packages/core/src/platform/net/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Listening {
  server: Server;
  port: number;
  hits: { method: string; url: string; cookie: string | undefined; body: string }[];
}

async function listen(host: string, handler: Handler): Promise<Listening> {
  const hits: Listening['hits'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({
        method: req.method ?? '',
        url: req.url ?? '',
        cookie: req.headers.cookie,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      handler(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

let internal: Listening; // 127.0.0.2: stands for an internal service / metadata endpoint
let receiver: Listening; // 127.0.0.1: an allowed receiver (in the tests that allow it)

beforeAll(async () => {
  internal = await listen('127.0.0.2', (_req, res) => res.end('internal secrets'));
  receiver = await listen('127.0.0.1', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const to = url.searchParams.get('to');
    if (url.pathname === '/redirect' && to) {
      res.writeHead(Number(url.searchParams.get('code') ?? 302), { location: to, 'set-cookie': 'sid=abc' });
      res.end();
    } else if (url.pathname === '/loop') {
      res.writeHead(302, { location: '/loop' }).end();
    } else if (url.pathname === '/big') {
      res.writeHead(200);
      res.end('y'.repeat(1_000_000));
    } else if (url.pathname === '/hang') {
      // Accepts and never answers.
    } else {
      res.end('received');
    }
  });
});
afterAll(async () => {
  for (const l of [internal, receiver]) {
    l.server.closeAllConnections();
    await new Promise((r) => l.server.close(r));
  }
});

/** A resolver the test controls; counts its calls. */
function resolver(answers: (call: number) => string[]): {
  resolve: (host: string) => Promise<ResolvedAddress[]>;
  calls: () => number;
} {
  let n = 0;
  return {
    resolve: (_host) => {
      n += 1;
      return Promise.resolve(
        answers(n).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    },
    calls: () => n,
  };
}

const noDns = () => {
  throw new Error('no DNS lookup expected');
};

async function outcome(client: OutboundHttpClient, url: string, method: 'GET' | 'POST' = 'POST') {
  try {
    const r = await client.request({ method, url, body: method === 'POST' ? '{"a":1}' : undefined });
    return { ok: true as const, status: r.status, excerpt: r.excerpt, redirects: r.redirects };
  } catch (e) {
    if (!(e instanceof OutboundError)) throw e;
    return { ok: false as const, code: e.code, message: e.message };
  }
}

const client = (opts: OutboundClientOptions = {}) => new OutboundHttpClient({ resolver: noDns, ...opts });

describe('SSRF: direct targets are refused before any connection', () => {
  const targets = (): string[] => [
    `http://127.0.0.1:${receiver.port}/`,
    `http://127.0.0.2:${internal.port}/`,
    `http://2130706433:${receiver.port}/`,
    `http://0x7f.1:${receiver.port}/`,
    `http://0x7f000001:${receiver.port}/`,
    `http://017700000001:${receiver.port}/`,
    `http://0177.0.0.1:${receiver.port}/`,
    `http://127.1:${receiver.port}/`,
    `http://[::1]:${receiver.port}/`,
    `http://[::ffff:127.0.0.1]:${receiver.port}/`,
    `http://[::ffff:7f00:1]:${receiver.port}/`,
    `http://[::7f00:1]:${receiver.port}/`,
    `http://[::127.0.0.1]:${receiver.port}/`,
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'http://2852039166/latest/meta-data/',
    'http://0xa9fea9fe/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[fe80::1]/',
    'http://[fd00:ec2::254]/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.0.1/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://0/',
    'http://[::]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://198.18.0.1/',
    'http://192.0.2.1/',
    'http://[2001:db8::1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[2002:a9fe:a9fe::1]/',
    `http://localhost:${receiver.port}/`,
    'http://metadata.google.internal/computeMetadata/v1/',
  ];

  it('refuses every loopback, link-local, private, reserved and mapped target (ADDRESS_REFUSED)', async () => {
    const c = client();
    for (const url of targets()) {
      const r = await outcome(c, url);
      expect(r, url).toMatchObject({ ok: false, code: 'ADDRESS_REFUSED' });
    }
    expect(receiver.hits).toEqual([]);
    expect(internal.hits).toEqual([]);
  });

  it('refuses non-http(s) schemes', async () => {
    const c = client();
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.com/x',
      'gopher://127.0.0.1:25/',
      'data:,x',
      'ws://example.com/',
    ]) {
      expect(await outcome(c, url), url).toMatchObject({ ok: false, code: 'SCHEME_NOT_ALLOWED' });
    }
  });

  it('refuses a name that resolves to an internal address, or to several addresses one of which is', async () => {
    for (const answers of [
      ['127.0.0.1'],
      ['169.254.169.254'],
      ['10.1.2.3'],
      ['::1'],
      ['::ffff:10.0.0.1'],
      ['93.184.216.34', '127.0.0.2'],
    ]) {
      const r = resolver(() => answers);
      const res = await outcome(
        client({ resolver: r.resolve }),
        `http://hooks.attacker.example.com:${internal.port}/`,
      );
      expect(res, answers.join()).toMatchObject({ ok: false, code: 'ADDRESS_REFUSED' });
      expect(r.calls()).toBe(1);
    }
    expect(internal.hits).toEqual([]);
  });

  it('opens exactly the configured CIDR: 127.0.0.1/32 reaches the receiver, 127.0.0.2 stays closed', async () => {
    const config = loadConfig({
      MONGODB_URI: 'mongodb://unused',
      REDIS_URL: 'redis://unused',
      TANDEM_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
      OUTBOUND_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32',
    });
    const c = client({ allowPrivate: config.OUTBOUND_ALLOW_PRIVATE_CIDRS });
    expect(await outcome(c, `http://127.0.0.1:${receiver.port}/hook`)).toMatchObject({
      ok: true,
      status: 200,
    });
    expect(await outcome(c, `http://127.0.0.2:${internal.port}/`)).toMatchObject({
      ok: false,
      code: 'ADDRESS_REFUSED',
    });
    expect(internal.hits).toEqual([]);
    receiver.hits.length = 0;
  });
});

describe('SSRF: redirects are checked at every hop', () => {
  const allowed = () => client({ allowPrivate: ['127.0.0.1/32'] });
  const via = (to: string, code = 302) =>
    `http://127.0.0.1:${receiver.port}/redirect?code=${code}&to=${encodeURIComponent(to)}`;

  it('a redirect from an allowed receiver into a refused address is refused, and nothing reaches it', async () => {
    for (const to of [
      `http://127.0.0.2:${internal.port}/`,
      'http://169.254.169.254/latest/meta-data/',
      `http://[::ffff:127.0.0.2]:${internal.port}/`,
      `http://2130706434:${internal.port}/`,
      'http://10.0.0.1/',
    ]) {
      for (const code of [301, 302, 303, 307, 308]) {
        expect(await outcome(allowed(), via(to, code)), `${code} → ${to}`).toMatchObject({
          ok: false,
          code: 'ADDRESS_REFUSED',
        });
      }
    }
    expect(await outcome(allowed(), via('file:///etc/passwd'))).toMatchObject({
      ok: false,
      code: 'SCHEME_NOT_ALLOWED',
    });
    expect(internal.hits).toEqual([]);
  });

  it('a redirect to a name is resolved and checked too (rebinding through a redirect)', async () => {
    const r = resolver(() => ['127.0.0.2']);
    const c = client({ allowPrivate: ['127.0.0.1/32'], resolver: r.resolve });
    expect(await outcome(c, via(`http://internal.attacker.example.com:${internal.port}/`))).toMatchObject({
      ok: false,
      code: 'ADDRESS_REFUSED',
    });
    expect(r.calls()).toBe(1);
    expect(internal.hits).toEqual([]);
  });

  it('allowed redirects are followed (at most 3), without cookies; 303 turns a POST into a GET', async () => {
    receiver.hits.length = 0;
    const ok = await outcome(allowed(), via(`http://127.0.0.1:${receiver.port}/final`, 303));
    expect(ok).toMatchObject({ ok: true, status: 200, redirects: 1, excerpt: 'received' });
    expect(receiver.hits.map((h) => [h.method, h.url.split('?')[0], h.cookie])).toEqual([
      ['POST', '/redirect', undefined],
      ['GET', '/final', undefined],
    ]);
    receiver.hits.length = 0;
    await outcome(allowed(), via(`http://127.0.0.1:${receiver.port}/final`, 307));
    expect(receiver.hits.map((h) => [h.method, h.body])).toEqual([
      ['POST', '{"a":1}'],
      ['POST', '{"a":1}'],
    ]);
    expect(await outcome(allowed(), `http://127.0.0.1:${receiver.port}/loop`)).toMatchObject({
      ok: false,
      code: 'TOO_MANY_REDIRECTS',
    });
  });
});

describe('SSRF: DNS rebinding', () => {
  it('resolves once and connects to the checked address, whatever a second answer would say', async () => {
    // First answer: the allowed receiver; any later answer: the internal service.
    const r = resolver((n) => (n === 1 ? ['127.0.0.1'] : ['127.0.0.2']));
    const c = client({ allowPrivate: ['127.0.0.1/32'], resolver: r.resolve });
    receiver.hits.length = 0;
    // The internal twin listens on the receiver's port of 127.0.0.2: a client that resolved again
    // at connect time would land there.
    const twin = await new Promise<Server>((res, rej) => {
      const s = createServer((_q, a) => a.end('internal secrets'));
      s.once('error', rej);
      s.listen(receiver.port, '127.0.0.2', () => res(s));
    });
    let twinHits = 0;
    twin.on('request', () => (twinHits += 1));
    try {
      const res = await outcome(c, `http://rebind.attacker.example.com:${receiver.port}/rebound`);
      expect(res).toMatchObject({ ok: true, status: 200, excerpt: 'received' });
      expect(r.calls()).toBe(1);
      expect(receiver.hits.map((h) => h.url)).toEqual(['/rebound']);
      expect(twinHits).toBe(0);
    } finally {
      await new Promise((done) => twin.close(done));
    }
    expect(internal.hits).toEqual([]);
  });

  it('an internal first answer is refused before connecting', async () => {
    const r = resolver((n) => (n === 1 ? ['127.0.0.2'] : ['127.0.0.1']));
    const c = client({ allowPrivate: ['127.0.0.1/32'], resolver: r.resolve });
    expect(await outcome(c, `http://rebind.attacker.example.com:${internal.port}/`)).toMatchObject({
      ok: false,
      code: 'ADDRESS_REFUSED',
    });
    expect(r.calls()).toBe(1);
    expect(internal.hits).toEqual([]);
  });
});

describe('outbound limits', () => {
  it('reads at most maxResponseBytes of an answer', async () => {
    const c = client({ allowPrivate: ['127.0.0.1/32'], maxResponseBytes: 2048 });
    const r = await outcome(c, `http://127.0.0.1:${receiver.port}/big`, 'GET');
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(r.ok && r.excerpt.length).toBe(2048);
  });

  it('gives up on a receiver that never answers (total timeout)', async () => {
    const c = client({ allowPrivate: ['127.0.0.1/32'], totalTimeoutMs: 500 });
    const started = Date.now();
    expect(await outcome(c, `http://127.0.0.1:${receiver.port}/hang`)).toMatchObject({
      ok: false,
      code: 'TIMEOUT',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
