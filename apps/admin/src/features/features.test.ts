import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '.';
import { NAV_ITEMS, homeOf, pathAllowedIn } from '../layout/navigation';

const folders = readdirSync(fileURLToPath(new URL('.', import.meta.url)), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function duplicates(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

describe('features list', () => {
  it('lists every folder under features/ once, its namespace named after the folder', () => {
    expect(FEATURES.map((f) => f.namespace).sort()).toEqual(folders);
  });

  it('declares each route path and menu key once', () => {
    expect(duplicates(FEATURES.flatMap((f) => f.routes.map((r) => r.path)))).toEqual([]);
    expect(duplicates(NAV_ITEMS.map((i) => i.key))).toEqual([]);
  });

  it('gives every menu entry a route, a label in both languages, and areas', () => {
    const paths = new Set(FEATURES.flatMap((f) => f.routes.map((r) => r.path)));
    for (const feature of FEATURES) {
      for (const entry of feature.menu) {
        expect(paths.has(entry.path), entry.key).toBe(true);
        expect(entry.areas.length, entry.key).toBeGreaterThan(0);
        for (const messages of [feature.messages.en, feature.messages['zh-CN']]) {
          const label = entry.label
            .split('.')
            .reduce<unknown>(
              (node, part) =>
                node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
              messages,
            );
          expect(typeof label, entry.key).toBe('string');
        }
      }
    }
  });

  it('lands every area on its first menu entry', () => {
    expect(homeOf('provider')).toBe('/provider/overview');
    expect(homeOf('tenantAdmin')).toBe('/tenant/overview');
    expect(homeOf('supervisor')).toBe('/tenant/overview');
    expect(homeOf('agent')).toBe('/workspace');
    expect(homeOf('workspace')).toBe('/workspace');
  });

  it('keeps a list page across a tenant switch only where the new area has it', () => {
    expect(pathAllowedIn('/tenant/users', 'supervisor')).toBe(true);
    expect(pathAllowedIn('/tenant/api-keys', 'supervisor')).toBe(false);
    expect(pathAllowedIn('/provider/tenants/tn_1', 'provider')).toBe(false);
    expect(pathAllowedIn('/account', 'agent')).toBe(true);
    expect(pathAllowedIn('/workspace', 'tenantAdmin')).toBe(true);
  });
});
