import type Bull from 'bull';
import type { PublishedEvent } from '../../platform/events/index.js';
import { notFound } from '../../platform/errors.js';
import { platformIds } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import { OutboundError, type OutboundHttpClient, type OutboundResponse } from '../../platform/net/index.js';
import { enqueue, type JobEnvelope } from '../../platform/queues.js';
import { requireTenant } from '../../platform/tenancy/context.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import { WebhooksError } from './errors.js';
import { webhookIds } from './ids.js';
import type { DeliveryRecord, DeliveryStatus, WebhookRecord } from './model.js';
import type { AttemptResult, DeliveryCursor, WebhooksRepository } from './repository.js';
import { SIGNATURE_HEADER, signatureHeader } from './signing.js';
import type { WebhookSubscriptions } from './subscriptions-service.js';

export const DELIVERY_QUEUE = 'webhook-deliveries';
/** The longest wait between two tries. */
const MAX_DELAY_MS = 6 * 3_600_000;
/** How much of a receiver's answer the delivery log keeps. */
export const EXCERPT_BYTES = 1024;

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
}

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * base·2^(n-1), capped — retries of many deliveries spread out instead of arriving together.
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface DeliveryView {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  latencyMs: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  replays: number;
  heldSince: Date | null;
  createdAt: Date;
}

export const deliveryDto = (d: DeliveryRecord): DeliveryView => ({
  id: d._id,
  webhookId: d.webhookId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'PENDING' || d.status === 'FAILED' ? d.nextAttemptAt : null,
  lastAttemptAt: d.lastAttemptAt,
  lastStatusCode: d.lastStatusCode,
  latencyMs: d.lastLatencyMs,
  lastError: d.lastError,
  responseExcerpt: d.responseExcerpt,
  replays: d.replays,
  heldSince: d.heldSince ?? null,
  createdAt: d.createdAt,
});

/** One try's outcome, whatever happened: an answer, or why there was none. */
interface TryOutcome {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
  excerpt: string | null;
}

/**
 * Deliveries: an event consumer creates one record per (subscription, event) and queues its first
 * try; each try is a job (`<delivery>:<attempt>`), signs the catalogue envelope anew and records
 * the outcome only if it is the next try (a job run twice records once); a failure schedules the
 * next try with backoff until the limit, then the delivery is DEAD, and a tenant admin can replay it.
 */
export class WebhookDeliveries {
  private producer: Bull.Queue<JobEnvelope> | undefined;

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly subscriptions: WebhookSubscriptions,
    private readonly client: OutboundHttpClient,
    private readonly retry: RetryPolicy,
    private readonly queue: () => Bull.Queue<JobEnvelope>,
    private readonly logger: Logger,
    private readonly directory: TenantDirectory,
  ) {}

  private get jobs(): Bull.Queue<JobEnvelope> {
    this.producer ??= this.queue();
    return this.producer;
  }

  private async schedule(
    deliveryId: string,
    attempt: number,
    delayMs: number,
    depth: number,
    /** Distinguishes the job of a try released after a hold from the held one (same attempt). */
    episode = '',
  ): Promise<void> {
    await enqueue(
      this.jobs,
      requireTenant(),
      { deliveryId, attempt },
      {
        idempotencyKey: `whd:${deliveryId}:${attempt}${episode}`,
        causationDepth: depth,
        delayMs: Math.max(0, delayMs),
      },
    );
  }

  /** The consumer: one delivery per matching active subscription (idempotent on the event id). */
  async onEvent(event: PublishedEvent): Promise<void> {
    const subs = await this.repo.subscribedTo(event.type);
    for (const w of subs) {
      const d = await this.repo.ensureDelivery({
        _id: webhookIds.next('whd'),
        webhookId: w._id,
        eventId: event.id,
        eventType: event.type,
        event: { ...event },
        attemptLimit: this.retry.maxAttempts,
      });
      // Also after a crash between the upsert and the enqueue: the job id makes it one job.
      if (d && d.status === 'PENDING' && d.attempts === 0) {
        await this.schedule(d._id, 1, 0, event.causationDepth);
      }
    }
  }

  /** One try (a job). Re-runs of a recorded try only make sure the next one is scheduled. */
  async attempt(deliveryId: string, attempt: number, opts: { test?: boolean } = {}): Promise<void> {
    const d = await this.repo.findDelivery(deliveryId);
    if (!d || d.status === 'SUCCEEDED' || d.status === 'DEAD') return;
    if (d.attempts >= attempt) {
      if (d.attempts === attempt && d.status === 'FAILED' && d.nextAttemptAt) {
        await this.schedule(d._id, attempt + 1, d.nextAttemptAt.getTime() - Date.now(), 0);
      }
      return;
    }
    if (d.attempts !== attempt - 1) return;
    // A suspended tenant's deliveries are held, not sent and not used up; resuming sends them.
    if (d.heldSince) return;
    if (opts.test !== true && (await this.directory.get(requireTenant().id))?.status === 'SUSPENDED') {
      await this.repo.holdOne(d._id, new Date());
      return;
    }
    const w = await this.repo.find(d.webhookId);
    const now = new Date();
    // A paused webhook gets nothing but the test events its admin asks for.
    const sendable = w && (w.active || opts.test === true);
    const outcome: TryOutcome = !sendable
      ? { ok: false, statusCode: null, latencyMs: null, error: 'WEBHOOK_INACTIVE', excerpt: null }
      : await this.send(w, d.event, d._id);
    const last = !outcome.ok && (attempt >= d.attemptLimit || !sendable);
    const delay = outcome.ok || last ? 0 : retryDelayMs(this.retry, attempt);
    const result: AttemptResult = {
      status: outcome.ok ? 'SUCCEEDED' : last ? 'DEAD' : 'FAILED',
      lastStatusCode: outcome.statusCode,
      lastLatencyMs: outcome.latencyMs,
      lastError: outcome.error,
      responseExcerpt: outcome.excerpt,
      nextAttemptAt: outcome.ok || last ? null : new Date(now.getTime() + delay),
    };
    if (!(await this.repo.recordAttempt(d._id, attempt, result, now))) return;
    this.logger.info(
      {
        webhookId: d.webhookId,
        deliveryId: d._id,
        eventId: d.eventId,
        attempt,
        status: result.status,
        httpStatus: outcome.statusCode,
        latencyMs: outcome.latencyMs,
        error: outcome.error,
      },
      'webhook delivery attempt',
    );
    if (result.status === 'FAILED') {
      await this.schedule(d._id, attempt + 1, delay, Number(d.event.causationDepth ?? 0));
    }
  }

  /** Signs and sends a body to a subscription; never throws for what the receiver did. */
  private async send(
    w: WebhookRecord,
    event: Record<string, unknown>,
    deliveryId: string,
  ): Promise<TryOutcome> {
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    let res: OutboundResponse;
    try {
      res = await this.client.request({
        method: 'POST',
        url: w.url,
        body,
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signatureHeader(await this.subscriptions.signingSecrets(w), timestamp, body),
          'tandem-webhook-id': w._id,
          'tandem-delivery-id': deliveryId,
          'tandem-event-id': String(event.id),
          'tandem-event-type': String(event.type),
        },
      });
    } catch (e) {
      if (!(e instanceof OutboundError)) throw e;
      return { ok: false, statusCode: null, latencyMs: null, error: e.code, excerpt: e.message };
    }
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      statusCode: res.status,
      latencyMs: res.latencyMs,
      error: ok ? null : `HTTP_${res.status}`,
      excerpt: res.excerpt.slice(0, EXCERPT_BYTES),
    };
  }

  /** Suspension: every open delivery of the tenant is held (nothing is sent meanwhile). */
  async holdTenant(): Promise<number> {
    const held = await this.repo.holdOpen(new Date());
    if (held > 0) this.logger.info({ held }, 'webhook deliveries held: tenant suspended');
    return held;
  }

  /** Resumption: held deliveries get their next try now, in the order they were held. */
  async releaseTenant(): Promise<number> {
    let released = 0;
    for (;;) {
      const batch = await this.repo.heldDeliveries(200);
      if (batch.length === 0) break;
      const now = new Date();
      for (const d of batch) {
        if (!(await this.repo.release(d, now))) continue;
        await this.schedule(d._id, d.attempts + 1, 0, 0, `:held-${d.heldSince?.getTime() ?? 0}`);
        released += 1;
      }
    }
    if (released > 0) this.logger.info({ released }, 'webhook deliveries released: tenant resumed');
    return released;
  }

  /** A new try of a delivery that succeeded or is dead (tenant admins, from the delivery log). */
  async replay(id: string): Promise<DeliveryView> {
    const d = await this.repo.findDelivery(id);
    if (!d) throw notFound('Webhook delivery');
    if (d.status === 'PENDING' || d.status === 'FAILED') {
      throw new WebhooksError('WEBHOOK_DELIVERY_IN_PROGRESS', 'This delivery is still being tried');
    }
    const w = await this.repo.find(d.webhookId);
    if (!w) throw notFound('Webhook delivery');
    if (!w.active) throw new WebhooksError('WEBHOOK_INACTIVE', 'Activate the webhook before replaying');
    const now = new Date();
    if (!(await this.repo.reopen(d, now))) {
      throw new WebhooksError('WEBHOOK_DELIVERY_IN_PROGRESS', 'This delivery was replayed just now');
    }
    await this.schedule(d._id, d.attempts + 1, 0, 0);
    const after = await this.repo.findDelivery(id);
    if (!after) throw notFound('Webhook delivery');
    return deliveryDto(after);
  }

  /**
   * A signed `webhook.test` event sent now to one subscription (active or not), tried once and
   * kept in its delivery log like any other (so it can be replayed).
   */
  async sendTest(webhookId: string): Promise<DeliveryView> {
    const w = await this.subscriptions.record(webhookId);
    const event = {
      id: platformIds.next('evt'),
      type: 'webhook.test',
      tenantId: requireTenant().id,
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      causationDepth: 0,
      data: { webhookId: w._id, message: 'A test event from Tandem' },
    };
    const d = await this.repo.ensureDelivery({
      _id: webhookIds.next('whd'),
      webhookId: w._id,
      eventId: event.id,
      eventType: event.type,
      event,
      attemptLimit: 1,
    });
    if (!d) throw notFound('Webhook delivery');
    await this.attempt(d._id, 1, { test: true });
    const after = await this.repo.findDelivery(d._id);
    if (!after) throw notFound('Webhook delivery');
    return deliveryDto(after);
  }

  async page(
    webhookId: string,
    status: DeliveryStatus | undefined,
    first: number,
    after: DeliveryCursor | undefined,
  ): Promise<{ items: DeliveryView[]; hasNextPage: boolean }> {
    await this.subscriptions.record(webhookId);
    const rows = await this.repo.page(webhookId, status, first + 1, after);
    return { items: rows.slice(0, first).map(deliveryDto), hasNextPage: rows.length > first };
  }

  /**
   * Maintenance for the tenant in context: tries whose job was lost (overdue by `graceMs`) are
   * queued again, and finished deliveries older than `retainMs` are pruned.
   */
  async sweep(graceMs: number, retainMs: number): Promise<{ requeued: number; pruned: number }> {
    const now = Date.now();
    const overdue = await this.repo.overdue(new Date(now - graceMs), 200);
    for (const d of overdue) await this.schedule(d._id, d.attempts + 1, 0, 0);
    const pruned = await this.repo.prune(new Date(now - retainMs));
    return { requeued: overdue.length, pruned };
  }
}
