import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { AddressPolicy, parseAddress } from './address-policy.js';

/**
 * The one way server code calls a URL a tenant (or a plugin) chose: webhooks now, plugin egress
 * later. Decision 0007. Per hop: only http(s), no credentials in the URL; the host is resolved
 * once and every answer checked (AddressPolicy); the socket connects to the checked address (a
 * pinned `lookup`), so a second, different DNS answer (rebinding) is never used; redirects are
 * followed by hand with the same checks; connect and total timeouts; at most `maxResponseBytes`
 * of the body are read; no cookies, proxies or connection reuse.
 */
export type OutboundErrorCode =
  | 'URL_INVALID'
  | 'SCHEME_NOT_ALLOWED'
  | 'ADDRESS_REFUSED'
  | 'DNS_FAILED'
  | 'CONNECT_TIMEOUT'
  | 'TIMEOUT'
  | 'CONNECTION_FAILED'
  | 'TOO_MANY_REDIRECTS';

export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    /** Safe to log and to show the tenant: no address, no secret. */
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Name → addresses (node:dns `lookup` with `all: true` by default; tests inject their own). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export interface OutboundClientOptions {
  /** Operator-allowed private CIDRs (`OUTBOUND_ALLOW_PRIVATE_CIDRS`). */
  allowPrivate?: readonly string[];
  resolver?: Resolver;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxRedirects?: number;
  maxResponseBytes?: number;
  userAgent?: string;
}

export interface OutboundRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface OutboundResponse {
  status: number;
  /** The first `maxResponseBytes` of the body, as text. */
  excerpt: string;
  /** From the first byte sent to the excerpt read, redirects included. */
  latencyMs: number;
  redirects: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Names that mean this machine or a private network: refused without asking DNS. */
const INTERNAL_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)\.?$/i;
/** Special-use names (RFC 6761, 7686) that never resolve publicly: not looked up at all. */
const UNRESOLVABLE_NAME = /(^|\.)(invalid|test|example|onion)\.?$/i;

export class OutboundHttpClient {
  private readonly policy: AddressPolicy;
  private readonly resolver: Resolver;
  private readonly connectTimeoutMs: number;
  private readonly totalTimeoutMs: number;
  private readonly maxRedirects: number;
  private readonly maxResponseBytes: number;
  private readonly userAgent: string;

  constructor(opts: OutboundClientOptions = {}) {
    this.policy = new AddressPolicy(opts.allowPrivate ?? []);
    this.resolver = opts.resolver ?? systemResolver;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 5_000;
    this.totalTimeoutMs = opts.totalTimeoutMs ?? 15_000;
    this.maxRedirects = opts.maxRedirects ?? 3;
    this.maxResponseBytes = opts.maxResponseBytes ?? 4096;
    this.userAgent = opts.userAgent ?? 'Tandem-Outbound/1';
  }

  /**
   * The checks that need no DNS: scheme, no user:password@, and an IP-literal host (in any
   * notation the URL parser accepts: `2130706433`, `0x7f.1`, `[::ffff:7f00:1]`) in an allowed
   * range. For forms where a tenant types a URL; every request checks again, with DNS.
   */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new OutboundError('URL_INVALID', 'Not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new OutboundError('SCHEME_NOT_ALLOWED', 'Only http and https URLs can be called');
    }
    if (url.username || url.password) {
      throw new OutboundError('URL_INVALID', 'A URL with a user name or password cannot be called');
    }
    if (!url.hostname) throw new OutboundError('URL_INVALID', 'The URL has no host');
    if (INTERNAL_NAME.test(url.hostname)) throw refused('internal-name');
    // The WHATWG parser has already turned every IPv4 shorthand into a dotted quad.
    if (parseAddress(url.hostname)) {
      const v = this.policy.check(url.hostname);
      if (!v.allowed) throw refused(v.reason);
    }
    return url;
  }

  async request(req: OutboundRequest): Promise<OutboundResponse> {
    const started = performance.now();
    const signal = AbortSignal.timeout(this.totalTimeoutMs);
    let url = this.checkUrl(req.url);
    let method = req.method;
    let body = req.body;
    let headers: Record<string, string> = { ...req.headers };
    for (let hop = 0; ; hop++) {
      const target = await this.resolveChecked(url);
      const res = await this.send(url, target, method, headers, body, signal);
      const location = res.headers.location;
      if (REDIRECTS.has(res.statusCode ?? 0) && location) {
        res.destroy();
        if (hop >= this.maxRedirects) {
          throw new OutboundError('TOO_MANY_REDIRECTS', `More than ${this.maxRedirects} redirects`);
        }
        url = this.checkUrl(new URL(location, url).toString());
        if (
          res.statusCode === 303 ||
          (method === 'POST' && res.statusCode !== 307 && res.statusCode !== 308)
        ) {
          method = 'GET';
          body = undefined;
          headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^content-/i.test(k)));
        }
        continue;
      }
      const excerpt = await this.readExcerpt(res, signal);
      return {
        status: res.statusCode ?? 0,
        excerpt,
        latencyMs: Math.round(performance.now() - started),
        redirects: hop,
      };
    }
  }

  /** Resolves once; every answer must be allowed (one refused answer refuses the name). */
  private async resolveChecked(url: URL): Promise<ResolvedAddress> {
    const literal = parseAddress(url.hostname);
    if (literal) {
      const v = this.policy.check(url.hostname);
      if (!v.allowed) throw refused(v.reason);
      return { address: literal.toString(), family: literal.kind() === 'ipv6' ? 6 : 4 };
    }
    if (UNRESOLVABLE_NAME.test(url.hostname)) {
      throw new OutboundError('DNS_FAILED', 'The host name is a special-use name that does not resolve');
    }
    let answers: ResolvedAddress[];
    try {
      answers = await this.resolver(url.hostname);
    } catch {
      throw new OutboundError('DNS_FAILED', 'The host name could not be resolved');
    }
    const first = answers[0];
    if (!first) throw new OutboundError('DNS_FAILED', 'The host name has no address');
    for (const a of answers) {
      const v = this.policy.check(a.address);
      if (!v.allowed) throw refused(v.reason);
    }
    return first;
  }

  private send(
    url: URL,
    target: ResolvedAddress,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<IncomingMessage> {
    // The socket goes to the checked address whatever DNS would say now.
    const pinned: LookupFunction = (_host, opts, cb) => {
      if (opts.all) cb(null, [{ address: target.address, family: target.family }]);
      else cb(null, target.address, target.family);
    };
    const outgoing: OutgoingHttpHeaders = {
      ...headers,
      'user-agent': this.userAgent,
      ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}),
    };
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method,
          headers: outgoing,
          agent: false,
          lookup: pinned,
          signal,
        },
        resolve,
      );
      const connectTimer = setTimeout(
        () => req.destroy(new OutboundError('CONNECT_TIMEOUT', 'The receiver did not accept a connection')),
        this.connectTimeoutMs,
      );
      req.once('socket', (socket) => {
        socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () =>
          clearTimeout(connectTimer),
        );
      });
      req.once('response', () => clearTimeout(connectTimer));
      req.once('close', () => clearTimeout(connectTimer));
      req.once('error', (err) => {
        clearTimeout(connectTimer);
        reject(toOutboundError(err, signal));
      });
      req.end(body);
    });
  }

  private readExcerpt(res: IncomingMessage, signal: AbortSignal): Promise<string> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        res.destroy();
        resolve(Buffer.concat(chunks).subarray(0, this.maxResponseBytes).toString('utf8'));
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= this.maxResponseBytes) done();
      });
      res.once('end', done);
      res.once('error', done);
      res.once('aborted', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

function refused(reason: string): OutboundError {
  return new OutboundError('ADDRESS_REFUSED', `The address is not reachable from Tandem (${reason})`);
}

function toOutboundError(err: unknown, signal: AbortSignal): OutboundError {
  if (err instanceof OutboundError) return err;
  if (signal.aborted) return new OutboundError('TIMEOUT', 'The receiver did not answer in time');
  const code = (err as NodeJS.ErrnoException).code ?? 'ERROR';
  return new OutboundError('CONNECTION_FAILED', `The connection failed (${code})`);
}
