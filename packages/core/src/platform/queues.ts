import Bull from 'bull';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from './logger.js';
import { newId } from './ids.js';
import { runAsSystem, runWithContext, type TenantRef } from './tenancy/context.js';

/**
 * Every job carries its tenant (or none for provider work), an idempotency key and the causation
 * depth of the event chain that produced it. Handlers must be idempotent: delivery is at least once.
 */
export const jobEnvelopeSchema = z.object({
  tenantId: z.string().nullable(),
  tier: z.enum(['POOLED', 'SILOED']).nullable(),
  idempotencyKey: z.string().min(1).max(200),
  causationDepth: z.number().int().min(0).max(16),
  payload: z.unknown(),
});
export type JobEnvelope = z.infer<typeof jobEnvelopeSchema>;

export interface QueueOptions {
  redisUrl: string;
  prefix: string;
  /** Per-tenant fairness: at most `max` jobs of one tenant per `durationMs` (Bull limiter groupKey). */
  perTenant?: { max: number; durationMs: number };
}

const DEFAULT_JOB_OPTIONS: Bull.JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
};

export function createQueue(name: string, opts: QueueOptions): Bull.Queue<JobEnvelope> {
  return new Bull<JobEnvelope>(name, opts.redisUrl, {
    // The hash tag keeps a queue's keys in one Redis Cluster slot.
    prefix: `{${opts.prefix}}:bull`,
    ...(opts.perTenant
      ? { limiter: { max: opts.perTenant.max, duration: opts.perTenant.durationMs, groupKey: 'tenantId' } }
      : {}),
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
}

/**
 * A handle that only adds jobs to a queue the worker runs (e.g. a module scheduling its own
 * retries), on an existing Redis connection: it opens none of its own, so nothing to close.
 */
export function createProducer(
  name: string,
  opts: { redis: Redis; prefix: string },
): Bull.Queue<JobEnvelope> {
  return new Bull<JobEnvelope>(name, {
    prefix: `{${opts.prefix}}:bull`,
    createClient: (type) => {
      if (type !== 'client')
        throw new Error(`a producer queue does not ${type === 'bclient' ? 'process' : 'listen'}`);
      return opts.redis;
    },
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
}

export async function enqueue<P>(
  queue: Bull.Queue<JobEnvelope>,
  tenant: TenantRef | null,
  payload: P,
  opts: { idempotencyKey?: string; causationDepth?: number; delayMs?: number } = {},
): Promise<string> {
  const envelope: JobEnvelope = {
    tenantId: tenant?.id ?? null,
    tier: tenant?.tier ?? null,
    idempotencyKey: opts.idempotencyKey ?? newId('req'),
    causationDepth: opts.causationDepth ?? 0,
    payload,
  };
  // The idempotency key is the Bull job id: enqueuing the same work twice is one job.
  const job = await queue.add(envelope, {
    jobId: envelope.idempotencyKey,
    ...(opts.delayMs ? { delay: opts.delayMs } : {}),
  });
  return String(job.id);
}

/** Runs a handler inside the job's tenant context (or an explicit system scope). */
export function processJobs<P>(
  queue: Bull.Queue<JobEnvelope>,
  concurrency: number,
  payloadSchema: z.ZodType<P>,
  logger: Logger,
  handler: (payload: P, envelope: JobEnvelope) => Promise<void>,
): void {
  void queue.process(concurrency, async (job) => {
    const envelope = jobEnvelopeSchema.parse(job.data);
    const payload = payloadSchema.parse(envelope.payload);
    const base = {
      requestId: `job_${String(job.id)}`,
      principal: { kind: 'system' as const, reason: `job:${queue.name}` },
      tenant: undefined,
      system: { reason: `job:${queue.name}`, allTenants: false },
      clientIp: undefined,
    };
    return runWithContext(base, () => {
      const run = () => handler(payload, envelope);
      if (envelope.tenantId && envelope.tier) {
        return runWithContext({ ...base, tenant: { id: envelope.tenantId, tier: envelope.tier } }, run);
      }
      return runAsSystem(`job:${queue.name}`, run);
    });
  });
  queue.on('failed', (job, err) =>
    logger.warn({ jobId: job.id, queue: queue.name, err: err.message }, 'job failed'),
  );
}

/** Graceful close: stop taking jobs and wait for the active ones. */
export async function closeQueues(queues: Bull.Queue[]): Promise<void> {
  await Promise.all(queues.map((q) => q.close()));
}
