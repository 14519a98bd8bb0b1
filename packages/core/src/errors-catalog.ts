import { PLATFORM_ERRORS, isClientVisible, type ErrorSpec } from './platform/errors.js';
import type { AnyModule } from './platform/module.js';
import { MODULES } from './modules.js';

/**
 * Every error code the API can answer with, by module (and `platform`), with its HTTP status and
 * its zh-CN and en texts. Codes must not collide across modules (a test checks), and each
 * client-visible one is documented in docs/api.md and translated by the console (tests check both).
 */
export function errorTablesOf(
  modules: readonly AnyModule[],
): Record<string, Readonly<Record<string, ErrorSpec>>> {
  return Object.fromEntries([
    ['platform', PLATFORM_ERRORS],
    ...modules.map((m) => [m.name, m.errors] as const),
  ]);
}

export const ERROR_TABLES = errorTablesOf(MODULES);

/** Code → HTTP status, by module. */
export const ERROR_CATALOG: Record<string, Readonly<Record<string, number>>> = Object.fromEntries(
  Object.entries(ERROR_TABLES).map(([module, table]) => [
    module,
    Object.fromEntries(Object.entries(table).map(([code, spec]) => [code, spec.status])),
  ]),
);

/** Codes a client can receive: server faults are masked as INTERNAL_ERROR. */
export function clientVisibleErrorCodes(): string[] {
  return Object.values(ERROR_TABLES)
    .flatMap((t) => Object.entries(t))
    .filter(([code, spec]) => isClientVisible(code, spec.status))
    .map(([code]) => code);
}
