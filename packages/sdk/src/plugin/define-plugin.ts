import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { PluginManifestError, type PluginManifestIssue } from './errors.js';
import type { PluginEventHandler, PluginEventName } from './events.js';
import { formatPath, toManifestIssues } from './issues.js';
import { pluginManifestSchema, type PluginManifest, type PluginManifestInput } from './manifest-schema.js';

export type PluginHandlers<E extends PluginEventName> = { readonly [K in E]: PluginEventHandler<K> };

/** What a plugin author writes: the static manifest plus one handler per subscribed event. */
export type DefinePluginInput<E extends PluginEventName> = Omit<PluginManifestInput, 'events'> & {
  readonly events: readonly E[];
  readonly handlers: PluginHandlers<E>;
};

export interface PluginDefinition<E extends PluginEventName = PluginEventName> {
  /** Static, JSON-serializable data the host reads without running plugin code. */
  readonly manifest: DeepReadonly<Omit<PluginManifest, 'events'> & { events: E[] }>;
  readonly handlers: PluginHandlers<E>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(input: unknown): string | undefined {
  return isRecord(input) && typeof input.name === 'string' ? input.name : undefined;
}

/** Validates the static manifest (no handlers), e.g. a manifest.json read by the host or the CLI. */
export function parsePluginManifest(input: unknown): PluginManifest {
  const parsed = pluginManifestSchema.safeParse(input);
  if (!parsed.success) throw new PluginManifestError(nameOf(input), toManifestIssues(parsed.error, input));
  return parsed.data;
}

function handlerIssues(handlers: unknown, events: readonly string[]): PluginManifestIssue[] {
  if (handlers === undefined) return [{ path: 'handlers', message: 'is required' }];
  if (!isRecord(handlers)) {
    return [{ path: 'handlers', message: 'must be an object with one function per subscribed event' }];
  }
  const issues: PluginManifestIssue[] = [];
  for (const event of events) {
    if (!(event in handlers)) {
      issues.push({
        path: formatPath(['handlers', event]),
        message: `missing handler for subscribed event ${JSON.stringify(event)}`,
      });
    }
  }
  for (const [key, handler] of Object.entries(handlers)) {
    const path = formatPath(['handlers', key]);
    if (!events.includes(key)) {
      issues.push({
        path,
        message: `${JSON.stringify(key)} is not in events; subscribe to it or remove the handler`,
      });
    } else if (typeof handler !== 'function') {
      issues.push({ path, message: 'must be a function' });
    }
  }
  return issues;
}

/**
 * Declares a plugin. Validates the manifest and returns a frozen definition; throws a
 * `PluginManifestError` listing every problem when the manifest is invalid.
 */
export function definePlugin<const E extends PluginEventName>(
  input: DefinePluginInput<E>,
): PluginDefinition<E> {
  // Re-checked at runtime: plugins are also written in plain JavaScript.
  const raw: unknown = input;
  if (!isRecord(raw))
    throw new PluginManifestError(undefined, [{ path: '(manifest)', message: 'must be an object' }]);

  const { handlers, ...manifestInput } = raw;
  const issues: PluginManifestIssue[] = [];
  const parsed = pluginManifestSchema.safeParse(manifestInput);
  if (!parsed.success) issues.push(...toManifestIssues(parsed.error, manifestInput));
  const events = Array.isArray(raw.events)
    ? raw.events.filter((e): e is string => typeof e === 'string')
    : [];
  issues.push(...handlerIssues(handlers, events));
  if (!parsed.success || issues.length > 0) throw new PluginManifestError(nameOf(raw), issues);

  return Object.freeze({
    // The parsed copy, so later edits to the author's object cannot change the definition.
    manifest: deepFreeze(parsed.data as Omit<PluginManifest, 'events'> & { events: E[] }),
    handlers: Object.freeze({ ...(handlers as PluginHandlers<E>) }),
  });
}
