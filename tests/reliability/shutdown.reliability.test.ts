// SIGTERM to the real API process (packages/core/src/entrypoints/api.ts, started with tsx on the
// run's FerretDB and Redis): readiness goes away at once, a request already in flight finishes,
// and the process exits 0 within SHUTDOWN_GRACE_MS.
import { randomBytes } from 'node:crypto';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { useFreshDatabase } from '../support/database.js';
import { freePort, spawnEntrypoint, type Spawned } from '../support/process.js';

const fresh = useFreshDatabase('rel_shutdown');
/** One master key for the suite: the database keeps the signing key sealed with it. */
const masterKey = randomBytes(32).toString('base64');

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request; `agent` decides whether it may reuse an open keep-alive connection. */
function httpGet(port: number, path: string, agent: Agent | false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** An outcome that is either a reply or the connection error (refused, reset, hung up). */
async function attempt(p: Promise<Reply>): Promise<{ status: number } | { error: string }> {
  try {
    return { status: (await p).status };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}

/**
 * A POST whose body the client sends slowly: the first half now, the rest when `finish()` is
 * called. The server has the request in flight from the moment the headers arrive.
 */
function slowPost(port: number, body: string): { finish(): void; reply: Promise<Reply> } {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  let finish = (): void => undefined;
  const reply = new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.flushHeaders();
    req.write(bytes.subarray(0, half));
    finish = () => req.end(bytes.subarray(half));
  });
  return { finish: () => finish(), reply };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(port: number, api: Spawned, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const r = await attempt(httpGet(port, '/readyz', false));
    if ('status' in r && r.status === 200) return;
    if (api.child.exitCode !== null) throw new Error(`api exited early:\n${api.output().slice(-3000)}`);
    await sleep(150);
  }
  throw new Error(`api not ready after ${timeoutMs} ms:\n${api.output().slice(-3000)}`);
}

function apiEnv(port: number, graceMs: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    MONGODB_URI: inject('mongoUri'),
    REDIS_URL: inject('redisUrl'),
    MONGODB_DB: fresh.name,
    REDIS_PREFIX: fresh.name
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '')
      .slice(0, 20),
    TANDEM_MASTER_KEY: masterKey,
    HOST: '127.0.0.1',
    PORT: String(port),
    SHUTDOWN_GRACE_MS: String(graceMs),
    SHUTDOWN_READINESS_DELAY_MS: '1500',
    LOG_LEVEL: 'info',
  };
}

const LOGIN_BODY = JSON.stringify({
  query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
  variables: { e: 'nobody@shutdown.test', p: 'Some-password-123' },
});

describe('SIGTERM on the API process', () => {
  let api: Spawned | undefined;

  afterEach(() => {
    // Only the process this suite started, by its own pid.
    api?.kill();
    api = undefined;
  });

  it('readiness goes 503 / refused, the in-flight request finishes with 200, exit 0 within the grace period', async () => {
    const grace = 8_000;
    const port = await freePort();
    api = spawnEntrypoint('packages/core/src/entrypoints/api.ts', apiEnv(port, grace));
    await waitReady(port, api, 45_000);

    // A keep-alive connection that is open (and idle) when the signal arrives.
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    const before = await httpGet(port, '/readyz', keepAlive);
    expect(before.status).toBe(200);

    // A request in flight: headers and half the body sent.
    const inFlight = slowPost(port, LOGIN_BODY);
    await sleep(300);

    const signalledAt = Date.now();
    process.kill(api.pid, 'SIGTERM');
    await api.waitForOutput(/"msg":"draining"/, 5_000);
    await sleep(100);

    // Readiness: during SHUTDOWN_READINESS_DELAY_MS the server still answers, with 503, on the
    // open keep-alive connection and on a new one — and tells clients to close the connection.
    const onOpen = await attempt(httpGet(port, '/readyz', keepAlive));
    const onNew = await attempt(httpGet(port, '/readyz', false));
    for (const r of [onOpen, onNew]) {
      expect('status' in r ? r.status : r.error).toBe(503);
    }
    keepAlive.destroy();
    // After the delay the listener is closed: new connections are refused.
    await sleep(1_600);
    const late = await attempt(httpGet(port, '/readyz', false));
    expect('status' in late ? late.status : late.error).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/);

    // The slow client finishes its body well after the signal: still served, normally.
    await sleep(500);
    expect(api.child.exitCode).toBeNull();
    inFlight.finish();
    const reply = await inFlight.reply;
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body) as { data: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');

    const exit = await api.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(grace);
    expect(api.output()).toMatch(/"msg":"stopped"/);
  }, 90_000);

  it('a client that never finishes is cut at SHUTDOWN_GRACE_MS and the process still exits 0', async () => {
    const grace = 2_000;
    const port = await freePort();
    api = spawnEntrypoint('packages/core/src/entrypoints/api.ts', apiEnv(port, grace));
    await waitReady(port, api, 45_000);
    const stuck = slowPost(port, LOGIN_BODY);
    const stuckOutcome = attempt(stuck.reply);
    await sleep(300);
    const signalledAt = Date.now();
    process.kill(api.pid, 'SIGTERM');
    const exit = await api.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(grace - 250);
    expect(exit.at - signalledAt).toBeLessThan(grace + 3_000);
    expect(await stuckOutcome).toHaveProperty('error');
  }, 90_000);

  it('the grace period is SHUTDOWN_GRACE_MS even when it is longer than 10 s', async () => {
    // A request that needs 11 s after the signal, with a 20 s grace period: it must be served.
    const grace = 20_000;
    const port = await freePort();
    api = spawnEntrypoint('packages/core/src/entrypoints/api.ts', apiEnv(port, grace));
    await waitReady(port, api, 45_000);
    const inFlight = slowPost(port, LOGIN_BODY);
    const outcome = attempt(inFlight.reply);
    await sleep(300);
    const signalledAt = Date.now();
    process.kill(api.pid, 'SIGTERM');
    await sleep(11_000);
    inFlight.finish();
    expect(await outcome).toEqual({ status: 200 });
    const exit = await api.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(grace);
  }, 90_000);
});
