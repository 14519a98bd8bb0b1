// Baseline of the intake benchmarks: the least an Express + Mongoose service does to store a
// ticket or a message — parse the JSON body, compare a bearer token, insert one document with a
// Mongoose model (schema validation and casting included) into its own database on the same
// MongoDB server (FerretDB) as the API's, and answer 201 with the new ids. No customer lookup, no
// tenancy, no events. Started by bench/intake.ts as a process of its own (like the API, under tsx).
//
//   POST /tickets    { messageId, customer, text, subject? }  → one ticket document (first message inside)
//   POST /messages   { ticketId, messageId, text }            → one message document
//   GET  /healthz
//
// Env: MONGODB_URI, MONGODB_DB, PORT, BARE_TOKEN (the bearer every write must carry).
import { randomBytes } from 'node:crypto';
import { env } from 'node:process';
import express from 'express';
import mongoose from 'mongoose';

const { MONGODB_URI, MONGODB_DB, PORT, BARE_TOKEN } = env;
if (!MONGODB_URI || !MONGODB_DB || !PORT || !BARE_TOKEN) {
  throw new Error('bare-http: MONGODB_URI, MONGODB_DB, PORT and BARE_TOKEN are required');
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** `<prefix>_` and 20 random base-62 characters, like the API's ids. */
function newId(prefix: string): string {
  const bytes = randomBytes(20);
  let out = `${prefix}_`;
  for (const b of bytes) out += ALPHABET[b % 62] ?? '0';
  return out;
}

const conn = await mongoose
  .createConnection(MONGODB_URI, { dbName: MONGODB_DB, serverSelectionTimeoutMS: 10_000 })
  .asPromise();

const messageFields = {
  externalMessageId: { type: String, required: true },
  author: { kind: { type: String, required: true }, id: { type: String, default: null } },
  text: { type: String, required: true },
  createdAt: { type: Date, required: true },
};
const Ticket = conn.model(
  'Ticket',
  new mongoose.Schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      subject: { type: String, required: true },
      customer: { mobile: String, name: String },
      channel: { type: String, required: true },
      status: { type: String, required: true },
      priority: { type: String, required: true },
      messages: [new mongoose.Schema({ _id: String, ...messageFields })],
      lastMessageAt: Date,
      createdAt: Date,
      updatedAt: Date,
    },
    { versionKey: 'version' },
  ),
);
const Message = conn.model(
  'Message',
  new mongoose.Schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      ticketId: { type: String, required: true },
      ...messageFields,
    },
    { versionKey: false },
  ),
);

const TENANT = 'ten_bench0000000000000000';
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '128kb' }));

const authorised = (req: express.Request): boolean => req.get('authorization') === `Bearer ${BARE_TOKEN}`;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});

app.post('/tickets', (req, res, next) => {
  if (!authorised(req)) return void res.status(401).json({ error: 'unauthorised' });
  const body = req.body as { messageId?: unknown; text?: unknown; subject?: unknown; customer?: unknown };
  const messageId = text(body.messageId);
  const message = text(body.text);
  if (!messageId || !message) return void res.status(400).json({ error: 'messageId and text required' });
  const customer = (body.customer ?? {}) as { mobile?: unknown; name?: unknown };
  const now = new Date();
  Ticket.create({
    _id: newId('tkt'),
    tenantId: TENANT,
    subject: text(body.subject) ?? message.slice(0, 120),
    customer: { mobile: text(customer.mobile), name: text(customer.name) },
    channel: 'API',
    status: 'NEW',
    priority: 'NORMAL',
    messages: [
      {
        _id: newId('msg'),
        externalMessageId: messageId,
        author: { kind: 'CUSTOMER', id: null },
        text: message,
        createdAt: now,
      },
    ],
    lastMessageAt: now,
    createdAt: now,
    updatedAt: now,
  }).then((t) => res.status(201).json({ created: true, ticket: { id: t._id, status: t.status } }), next);
});

app.post('/messages', (req, res, next) => {
  if (!authorised(req)) return void res.status(401).json({ error: 'unauthorised' });
  const body = req.body as { ticketId?: unknown; messageId?: unknown; text?: unknown };
  const ticketId = text(body.ticketId);
  const messageId = text(body.messageId);
  const message = text(body.text);
  if (!ticketId || !messageId || !message) {
    return void res.status(400).json({ error: 'ticketId, messageId and text required' });
  }
  Message.create({
    _id: newId('msg'),
    tenantId: TENANT,
    ticketId,
    externalMessageId: messageId,
    author: { kind: 'CUSTOMER', id: null },
    text: message,
    createdAt: new Date(),
  }).then(
    (m) => res.status(201).json({ created: true, ticket: { id: ticketId }, message: { id: m._id } }),
    next,
  );
});

const server = app.listen(Number(PORT), '127.0.0.1', () => {
  process.stdout.write(`bare-http listening on ${PORT}\n`);
});
const stop = (): void => {
  server.close(() => void conn.close().finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
