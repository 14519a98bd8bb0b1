import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process. Tenant ids are not labels here (unbounded cardinality). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tandem_' });
  const httpDuration = new Histogram({
    name: 'tandem_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'tandem_rate_limited_total',
    help: 'Requests refused by a per-tenant rate limit',
    labelNames: ['tier'] as const,
    registers: [registry],
  });
  return { registry, httpDuration, rateLimited };
}

export type Metrics = ReturnType<typeof createMetrics>;
