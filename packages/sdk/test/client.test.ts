import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTandemClient, TandemApiError, type TandemClientOptions } from '../src/client/index.js';

interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: unknown;
}

type Handler = (request: ReceivedRequest, response: ServerResponse) => void;

const servers: Server[] = [];

/** A real HTTP server on loopback; `received` records every request it got. */
async function startServer(handler: Handler): Promise<{ baseUrl: string; received: ReceivedRequest[] }> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      received.push(request);
      handler(request, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, received };
}

function sendJson(res: ServerResponse, status: number, body: unknown, requestId = 'req_test_1'): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId });
  res.end(JSON.stringify(body));
}

async function failureOf(promise: Promise<unknown>): Promise<TandemApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TandemApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

const TICKET_QUERY = 'query Ticket($id: ID!) { ticket(id: $id) { id subject } }';

describe('createTandemClient', () => {
  it('posts the operation with the API key and resolves with data', async () => {
    const { baseUrl, received } = await startServer((_req, res) =>
      sendJson(res, 200, { data: { ticket: { id: 'tkt_1', subject: '无法登录' } } }),
    );
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_test_key' });

    const data = await client.graphql<{ ticket: { id: string; subject: string } }>(
      TICKET_QUERY,
      { id: 'tkt_1' },
      { operationName: 'Ticket' },
    );

    expect(data.ticket).toEqual({ id: 'tkt_1', subject: '无法登录' });
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe('POST');
    expect(received[0]?.url).toBe('/graphql');
    expect(received[0]?.headers.authorization).toBe('Bearer tdk_test_key');
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(received[0]?.body).toEqual({
      query: TICKET_QUERY,
      variables: { id: 'tkt_1' },
      operationName: 'Ticket',
    });
  });

  it('sends an access token that extra headers cannot replace, under a baseUrl path prefix', async () => {
    const { baseUrl, received } = await startServer((_req, res) =>
      sendJson(res, 200, { data: { viewer: null } }),
    );
    const client = createTandemClient({
      baseUrl: `${baseUrl}/api/`,
      accessToken: 'eyJ.access.token',
      headers: { Authorization: 'Basic c3Bvb2Y=', 'X-Client': 'acme-backend' },
    });

    await client.graphql('{ viewer { id } }');

    expect(received[0]?.url).toBe('/api/graphql');
    expect(received[0]?.headers.authorization).toBe('Bearer eyJ.access.token');
    expect(received[0]?.headers['x-client']).toBe('acme-backend');
  });

  it('turns GraphQL errors into a TandemApiError with extensions.code, status and request id', async () => {
    const { baseUrl } = await startServer((_req, res) =>
      sendJson(
        res,
        200,
        {
          data: { ticket: null },
          errors: [
            { message: 'Ticket not found', path: ['ticket'], extensions: { code: 'NOT_FOUND' } },
            { message: 'Second problem', extensions: { code: 'INTERNAL' } },
          ],
        },
        'req_graphql_42',
      ),
    );
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_test_key' });

    const error = await failureOf(client.graphql(TICKET_QUERY, { id: 'tkt_other_tenant' }));

    expect(error.code).toBe('NOT_FOUND');
    expect(error.status).toBe(200);
    expect(error.requestId).toBe('req_graphql_42');
    expect(error.message).toBe('Ticket not found (and 1 more error)');
    expect(error.errors.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'INTERNAL']);
    expect(error.data).toEqual({ ticket: null });
  });

  it('reports HTTP 401 with the server code when the body carries one', async () => {
    const { baseUrl, received } = await startServer((_req, res) =>
      sendJson(
        res,
        401,
        { errors: [{ message: 'Invalid API key', extensions: { code: 'UNAUTHENTICATED' } }] },
        'req_auth_7',
      ),
    );
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_revoked' });

    const error = await failureOf(client.graphql(TICKET_QUERY, { id: 'tkt_1' }));

    expect(error).toBeInstanceOf(TandemApiError);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(401);
    expect(error.requestId).toBe('req_auth_7');
    expect(received).toHaveLength(1);
  });

  it('reports HTTP 401 without a GraphQL body as HTTP_ERROR', async () => {
    const { baseUrl } = await startServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/plain', 'x-request-id': 'req_auth_8' });
      res.end('Unauthorized');
    });
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_revoked' });

    const error = await failureOf(client.graphql(TICKET_QUERY, { id: 'tkt_1' }));

    expect(error.code).toBe('HTTP_ERROR');
    expect(error.status).toBe(401);
    expect(error.requestId).toBe('req_auth_8');
    expect(error.message).toBe('Tandem API answered HTTP 401 Unauthorized');
  });

  it('times out a request whose server never answers', async () => {
    const { baseUrl } = await startServer(() => {
      // Never respond.
    });
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_test_key', timeoutMs: 150 });
    const started = Date.now();

    const error = await failureOf(client.graphql(TICKET_QUERY, { id: 'tkt_1' }));

    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe('Tandem API request timed out after 150 ms');
    // Timeouts are not retried: three attempts would take at least 450 ms.
    expect(Date.now() - started).toBeLessThan(440);
  });

  it('times out a response whose body stalls', async () => {
    const { baseUrl } = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_slow' });
      res.write('{"data":');
    });
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_test_key', timeoutMs: 150 });

    const error = await failureOf(client.graphql(TICKET_QUERY, { id: 'tkt_1' }));

    expect(error.code).toBe('TIMEOUT');
    expect(error.status).toBe(200);
    expect(error.requestId).toBe('req_slow');
  });

  it('rejects with ABORTED when the caller aborts', async () => {
    const { baseUrl } = await startServer(() => undefined);
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_test_key' });
    const controller = new AbortController();

    const pending = failureOf(client.graphql(TICKET_QUERY, { id: 'tkt_1' }, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);

    expect((await pending).code).toBe('ABORTED');
  });

  it('retries a query after 503 and succeeds', async () => {
    let calls = 0;
    const { baseUrl, received } = await startServer((_req, res) => {
      calls += 1;
      if (calls === 1) sendJson(res, 503, { errors: [{ message: 'Service unavailable' }] });
      else sendJson(res, 200, { data: { ticket: { id: 'tkt_1' } } });
    });
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_test_key' });

    await expect(client.graphql(TICKET_QUERY, { id: 'tkt_1' })).resolves.toEqual({ ticket: { id: 'tkt_1' } });
    expect(received).toHaveLength(2);
  });

  it('never retries a mutation', async () => {
    const { baseUrl, received } = await startServer((_req, res) =>
      sendJson(res, 503, { errors: [{ message: 'Service unavailable' }] }),
    );
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_test_key', retries: 3 });

    const error = await failureOf(
      client.graphql(
        'mutation Reply($id: ID!, $body: String!) { replyToTicket(id: $id, body: $body) { id } }',
        { id: 'tkt_1', body: '您好' },
      ),
    );

    expect(error.status).toBe(503);
    expect(error.code).toBe('HTTP_ERROR');
    expect(received).toHaveLength(1);
  });

  it('reports a refused connection as NETWORK_ERROR', async () => {
    const { baseUrl } = await startServer(() => undefined);
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_test_key', retries: 0 });

    const error = await failureOf(client.graphql(TICKET_QUERY, { id: 'tkt_1' }));

    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('rejects a 200 response that is not GraphQL as INVALID_RESPONSE', async () => {
    const { baseUrl } = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>captive portal</html>');
    });
    const client = createTandemClient({ baseUrl, apiKey: 'tdk_test_key' });

    expect((await failureOf(client.graphql(TICKET_QUERY, { id: 'tkt_1' }))).code).toBe('INVALID_RESPONSE');
  });

  it.each<[string, unknown, RegExp]>([
    ['no credential', { baseUrl: 'https://api.tandem.example' }, /exactly one of apiKey or accessToken/],
    [
      'both credentials',
      { baseUrl: 'https://api.tandem.example', apiKey: 'a', accessToken: 'b' },
      /exactly one of apiKey or accessToken/,
    ],
    [
      'a relative baseUrl',
      { baseUrl: 'api.tandem.example', apiKey: 'a' },
      /baseUrl: must be an absolute http\(s\) URL/,
    ],
    ['a non-http baseUrl', { baseUrl: 'file:///etc/passwd', apiKey: 'a' }, /absolute http\(s\) URL/],
    ['a zero timeout', { baseUrl: 'https://api.tandem.example', apiKey: 'a', timeoutMs: 0 }, /timeoutMs: /],
  ])('refuses options with %s', (_case, options, message) => {
    expect(() => createTandemClient(options as TandemClientOptions)).toThrow(message);
  });
});
