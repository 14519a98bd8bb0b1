import { z } from 'zod';

/** Capabilities a plugin may request; the host grants host functions only for granted scopes. */
export const PLUGIN_SCOPES = [
  'tickets:read',
  'tickets:write',
  'customers:read',
  'customer.pii:read',
  'kb:read',
  'http:egress',
] as const;

export const pluginScopeSchema = z.enum(PLUGIN_SCOPES, {
  error: (issue) =>
    `unknown scope ${JSON.stringify(issue.input)}; expected one of ${PLUGIN_SCOPES.join(', ')}`,
});

export type PluginScope = z.infer<typeof pluginScopeSchema>;
