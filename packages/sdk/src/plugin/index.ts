// Public surface of `@tandem/sdk/plugin`. Runs inside the plugin sandbox: no Node APIs here.
export { definePlugin, parsePluginManifest } from './define-plugin.js';
export type { DefinePluginInput, PluginDefinition, PluginHandlers } from './define-plugin.js';
export { PluginManifestError, PluginManifestErrorCode } from './errors.js';
export type { PluginManifestIssue } from './errors.js';
export { PLUGIN_EVENT_NAMES, pluginEventNameSchema, pluginEventSchema } from './events.js';
export type { PluginEvent, PluginEventHandler, PluginEventName } from './events.js';
export { PLUGIN_SCOPES, pluginScopeSchema } from './scopes.js';
export type { PluginScope } from './scopes.js';
export {
  egressHostSchema,
  localizedTextSchema,
  pluginManifestSchema,
  settingFieldSchema,
} from './manifest-schema.js';
export type {
  LocalizedText,
  PluginManifest,
  PluginManifestInput,
  PluginSettingField,
} from './manifest-schema.js';
