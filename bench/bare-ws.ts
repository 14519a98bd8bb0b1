// Baseline of the fan-out benchmark: the least a live-update server does — one Redis subscriber
// connection, and every message published on the channel sent as it is to every connected
// WebSocket client (the `ws` library, like the API's graphql-ws server). No authentication, no
// per-subscriber GraphQL execution, no filtering. Started by bench/fan-out.ts, two of them, each a
// process of its own under tsx (like the two API processes).
//
//   GET /healthz       200 once the Redis subscription is in place
//   ws://…/ws          the clients
//
// Env: REDIS_URL, BARE_CHANNEL, PORT.
import http from 'node:http';
import { env } from 'node:process';
import { Redis } from 'ioredis';
import { WebSocket, WebSocketServer } from 'ws';

const { REDIS_URL, BARE_CHANNEL, PORT } = env;
if (!REDIS_URL || !BARE_CHANNEL || !PORT)
  throw new Error('bare-ws: REDIS_URL, BARE_CHANNEL and PORT are required');

const subscriber = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
let subscribed = false;

const server = http.createServer((req, res) => {
  const ok = req.url === '/healthz' && subscribed;
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok, clients: wss.clients.size }));
});
const wss = new WebSocketServer({ server, path: '/ws', maxPayload: 64 * 1024 });

subscriber.on('message', (_channel: string, message: string) => {
  for (const client of wss.clients) {
    if (client.readyState === WebSocket.OPEN) client.send(message);
  }
});
await subscriber.subscribe(BARE_CHANNEL);
subscribed = true;

server.listen(Number(PORT), '127.0.0.1', () => {
  process.stdout.write(`bare-ws listening on ${PORT}\n`);
});
const stop = (): void => {
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.close();
  subscriber.disconnect();
  setTimeout(() => process.exit(0), 500).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
