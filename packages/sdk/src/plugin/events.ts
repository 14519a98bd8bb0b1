import { z } from 'zod';

/**
 * Domain events a plugin can subscribe to. The host publishes more events than these; only the
 * ones listed here are delivered to plugins, so adding one is a deliberate SDK release.
 */
export const PLUGIN_EVENT_NAMES = [
  'ticket.created',
  'message.received',
  'ticket.status_changed',
  'ticket.assigned',
  'sla.warning',
  'sla.breached',
  'kb.article_published',
] as const;

export const pluginEventNameSchema = z.enum(PLUGIN_EVENT_NAMES, {
  error: (issue) =>
    `unknown event ${JSON.stringify(issue.input)}; expected one of ${PLUGIN_EVENT_NAMES.join(', ')}`,
});

export type PluginEventName = z.infer<typeof pluginEventNameSchema>;

/**
 * The envelope every delivered event carries (id, tenant, schema version, causation depth).
 * Per-event `data` shapes are typed in a later SDK release; until then `data` is an opaque record.
 */
export const pluginEventSchema = z.object({
  id: z.string().min(1),
  type: pluginEventNameSchema,
  tenantId: z.string().min(1),
  schemaVersion: z.int().positive(),
  /** How many plugin-triggered hops led to this event; the host stops self-retriggering chains. */
  causationDepth: z.int().nonnegative(),
  occurredAt: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});

export type PluginEvent<E extends PluginEventName = PluginEventName> = Readonly<
  Omit<z.infer<typeof pluginEventSchema>, 'type'> & { type: E }
>;

export type PluginEventHandler<E extends PluginEventName = PluginEventName> = (
  event: PluginEvent<E>,
) => void | Promise<void>;
