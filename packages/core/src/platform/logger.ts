import { pino, type Logger } from 'pino';
import { currentContext } from './tenancy/context.js';

export type { Logger };

/** Paths never written to logs: credentials and the personal data fields we know by name. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.token',
  '*.apiKey',
  '*.privateKeyPem',
  '*.email',
  '*.displayName',
  'variables.displayName',
  '*.adminEmail',
  '*.phone',
  '*.idNumber',
  '*.cardNumber',
  '*.address',
  'variables.*.password',
  'variables.password',
  'variables.newPassword',
  'variables.currentPassword',
  'variables.refreshToken',
  'variables.token',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'tandem' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line carries the request id and tenant of the work that wrote it.
      mixin() {
        const ctx = currentContext();
        if (!ctx) return {};
        return { requestId: ctx.requestId, tenantId: ctx.tenant?.id };
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}
