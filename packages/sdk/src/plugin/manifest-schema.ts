import { z } from 'zod';
import { pluginEventNameSchema } from './events.js';
import { pluginScopeSchema } from './scopes.js';

// npm's own rules, narrowed to lowercase kebab-case so names are also safe in URLs and file names.
const PLUGIN_NAME = /^(?:@[a-z0-9]+(?:-[a-z0-9]+)*\/)?[a-z0-9]+(?:-[a-z0-9]+)*$/;
// https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][a-zA-Z0-9-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][a-zA-Z0-9-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const SETTING_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const NON_PUBLIC_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa'];

/** Why `host` cannot be an egress allowlist entry (a predicate for the quoted host), or undefined. */
function egressHostProblem(host: string): string | undefined {
  if (host.includes('://')) return 'has a scheme; write the bare hostname, e.g. "api.example.com"';
  if (host.startsWith('[') || host.includes('::') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) {
    return 'is an IP address; use a public hostname';
  }
  if (/[/:?#@\s]/.test(host)) return 'has a port, path or credentials; write the bare hostname';
  if (host.includes('*')) return 'is a wildcard; list each hostname';
  if (host.length > 253) return 'is longer than 253 characters';
  const labels = host.split('.');
  if (!labels.every((label) => HOST_LABEL.test(label))) return 'is not a valid hostname';
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return 'is an IP address; use a public hostname';
  if (
    labels.length < 2 ||
    NON_PUBLIC_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))
  ) {
    return 'is not a public hostname; egress is only allowed to the internet';
  }
  return undefined;
}

function uniqueItems<T>(label: string) {
  return (items: readonly T[], ctx: z.RefinementCtx<readonly T[]>): void => {
    const seen = new Set<T>();
    items.forEach((item, index) => {
      if (seen.has(item)) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `duplicate ${label} ${JSON.stringify(item)}`,
        });
      }
      seen.add(item);
    });
  };
}

const nonEmptyText = (locale: string) => z.string().trim().min(1, `${locale} text must not be empty`);

/** Text shown to people; zh-CN and en are both required. */
export const localizedTextSchema = z.strictObject({
  'zh-CN': nonEmptyText('zh-CN'),
  en: nonEmptyText('en'),
});

const settingFieldBase = {
  label: localizedTextSchema,
  description: localizedTextSchema.optional(),
  required: z.boolean().default(false),
};

/**
 * One installation setting. Secret values are filled in by the host and never reach plugin code,
 * so a secret cannot carry a default (it would be a secret shipped inside the bundle).
 */
export const settingFieldSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...settingFieldBase, type: z.literal('string'), default: z.string().optional() }),
  z.strictObject({ ...settingFieldBase, type: z.literal('number'), default: z.number().optional() }),
  z.strictObject({ ...settingFieldBase, type: z.literal('boolean'), default: z.boolean().optional() }),
  z.strictObject({
    ...settingFieldBase,
    type: z.literal('secret'),
    default: z.never({ error: 'a secret setting cannot have a default value' }).optional(),
  }),
]);

export const egressHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .check((ctx) => {
    const problem = egressHostProblem(ctx.value);
    if (problem)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `${JSON.stringify(ctx.value)} ${problem}`,
      });
  });

/**
 * The static part of a plugin manifest: everything the host, the CLI and the registry read
 * without running plugin code. JSON-serializable by construction.
 */
export const pluginManifestSchema = z
  .strictObject({
    name: z
      .string()
      .max(214, 'must be at most 214 characters')
      .regex(PLUGIN_NAME, 'must be "@scope/name" or kebab-case, e.g. "@acme/crm-sync" or "crm-sync"'),
    version: z.string().regex(SEMVER, 'must be a semantic version, e.g. "1.0.0"'),
    displayName: localizedTextSchema,
    events: z
      .array(pluginEventNameSchema)
      .min(1, 'subscribe to at least one event')
      .superRefine(uniqueItems('event')),
    scopes: z.array(pluginScopeSchema).default([]).superRefine(uniqueItems('scope')),
    egress: z.array(egressHostSchema).default([]).superRefine(uniqueItems('host')),
    settings: z
      .record(
        z
          .string()
          .regex(SETTING_KEY, 'setting keys must be identifiers like "apiBaseUrl" (letters, digits, _)'),
        settingFieldSchema,
      )
      .default({}),
  })
  .superRefine((manifest, ctx) => {
    const wantsEgress = manifest.scopes.includes('http:egress');
    if (manifest.egress.length > 0 && !wantsEgress) {
      ctx.addIssue({
        code: 'custom',
        path: ['scopes'],
        message: 'egress hosts are listed but the "http:egress" scope is not requested',
      });
    }
    if (wantsEgress && manifest.egress.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['egress'],
        message: 'the "http:egress" scope needs at least one allowed host',
      });
    }
  });

export type PluginManifestInput = z.input<typeof pluginManifestSchema>;
export type PluginManifest = z.output<typeof pluginManifestSchema>;
export type PluginSettingField = z.output<typeof settingFieldSchema>;
export type LocalizedText = z.output<typeof localizedTextSchema>;
