// mountRoute() over a real socket: control characters in a declared route's query or body answer
// 400 BAD_USER_INPUT before the handler runs; in a path parameter, 404 like any unknown id.
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { multiline } from '../control-chars.js';
import { runWithContext } from '../tenancy/context.js';
import { errorBody, toAppError } from './errors.js';
import { defineRoute, mountRoute } from './routes.js';

let base = '';
let calls = 0;
let close: () => void = () => undefined;

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.use((_req, _res, next) =>
    runWithContext(
      {
        requestId: 'test',
        principal: { kind: 'anonymous' },
        tenant: undefined,
        system: undefined,
        clientIp: undefined,
      },
      next,
    ),
  );
  mountRoute(
    app,
    defineRoute({
      method: 'post',
      path: '/notes/:slug',
      summary: 'A route with every kind of input',
      policy: { public: true },
      params: z.object({ slug: z.string().max(50) }).strict(),
      query: z.object({ q: z.string().optional() }).strict(),
      body: z.object({ title: z.string(), text: multiline(z.string()), tags: z.array(z.string()) }).strict(),
      handler: ({ res }) => {
        calls += 1;
        res.json({ ok: true });
      },
    }),
  );
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = toAppError(err);
    res.status(e.status).json({ error: errorBody(e) });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => close());

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const good = { title: 'Title', text: 'line one\nline two\ttabbed', tags: ['a', 'b'] };

describe('mountRoute and control characters', () => {
  it('serves clean input, line breaks included in a multiline() field', async () => {
    const before = calls;
    const res = await post('/notes/hello?q=find', good);
    expect(res.status).toBe(200);
    expect(calls).toBe(before + 1);
  });

  it.each<[string, string, unknown]>([
    ['a NUL in the body', '/notes/hello', { ...good, title: 'a\u0000b' }],
    ['a line break in a single-line body field', '/notes/hello', { ...good, title: 'a\nb' }],
    ['a NUL in a multiline() body field', '/notes/hello', { ...good, text: 'a\u0000b' }],
    ['an escape character in a list', '/notes/hello', { ...good, tags: ['ok', '\u001b[31m'] }],
    ['a NUL in a body key', '/notes/hello', { ...good, ['ti\u0000tle']: 'x' }],
    ['a NUL in the query', '/notes/hello?q=a%00b', good],
    ['a NUL in a repeated query parameter', '/notes/hello?q=a&q=%00', good],
  ])('%s: 400 BAD_USER_INPUT, the handler does not run', async (_what, path, body) => {
    const before = calls;
    const res = await post(path, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    expect(calls).toBe(before);
  });

  it('a NUL in a path parameter is not found, like any id that does not exist', async () => {
    const res = await post('/notes/hel%00lo', good);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
