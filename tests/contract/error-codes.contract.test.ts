// The error codes of the API: unique across domains, documented, and translated by the console.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, clientVisibleErrorCodes } from '@tandem/core';
import { SERVER_ERROR_CODES } from '../../apps/admin/src/api/errors.js';

const codes = Object.values(ERROR_CATALOG).flatMap((m) => Object.keys(m));

describe('API error codes', () => {
  it('never collide across domains', () => {
    const seen = new Map<string, number>();
    for (const c of codes) seen.set(c, (seen.get(c) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([c]) => c)).toEqual([]);
  });

  it('every client-visible code is documented in docs/api.md', () => {
    const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    expect(clientVisibleErrorCodes().filter((c) => !doc.includes(`\`${c}\``))).toEqual([]);
  });

  it('every client-visible code has a message in the console', () => {
    const known = new Set<string>(SERVER_ERROR_CODES);
    expect(clientVisibleErrorCodes().filter((c) => !known.has(c))).toEqual([]);
  });

  it('server faults are not client-visible', () => {
    expect(clientVisibleErrorCodes()).not.toContain('TENANCY_VIOLATION');
    expect(clientVisibleErrorCodes()).not.toContain('TENANT_CONTEXT_MISSING');
  });
});
