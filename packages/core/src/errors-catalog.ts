import { PLATFORM_ERROR_STATUS, type HttpStatus } from './platform/errors.js';
import { IDENTITY_ERROR_STATUS } from './modules/identity/errors.js';
import { TENANTS_ERROR_STATUS } from './modules/tenants/errors.js';

/**
 * Every error code the API can answer with, by domain, with its HTTP status. Codes must not
 * collide across domains (a test checks), and each client-visible one is documented in
 * docs/api.md and translated by the console (tests check both).
 */
export const ERROR_CATALOG: Record<string, Readonly<Record<string, HttpStatus>>> = {
  platform: PLATFORM_ERROR_STATUS,
  identity: IDENTITY_ERROR_STATUS,
  tenants: TENANTS_ERROR_STATUS,
};

/** Codes a client can receive: server faults are masked as INTERNAL_ERROR. */
export function clientVisibleErrorCodes(): string[] {
  return Object.values(ERROR_CATALOG)
    .flatMap((m) => Object.entries(m))
    .filter(([code, status]) => code === 'INTERNAL_ERROR' || status < 500 || status === 503)
    .map(([code]) => code);
}
