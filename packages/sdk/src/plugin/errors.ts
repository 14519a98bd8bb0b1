export const PluginManifestErrorCode = {
  INVALID: 'PLUGIN_MANIFEST_INVALID',
} as const;

export type PluginManifestErrorCode = (typeof PluginManifestErrorCode)[keyof typeof PluginManifestErrorCode];

export interface PluginManifestIssue {
  /** Where in the manifest, e.g. `settings.apiToken.label["zh-CN"]` or `events[1]`. */
  readonly path: string;
  readonly message: string;
}

/** Thrown by `definePlugin()` and `parsePluginManifest()`; lists every problem at once. */
export class PluginManifestError extends Error {
  override readonly name = 'PluginManifestError';
  readonly code: PluginManifestErrorCode = PluginManifestErrorCode.INVALID;
  readonly issues: readonly PluginManifestIssue[];

  constructor(pluginName: string | undefined, issues: readonly PluginManifestIssue[]) {
    const subject = pluginName ? `plugin manifest ${JSON.stringify(pluginName)}` : 'plugin manifest';
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    super([`Invalid ${subject} (${count}):`, ...lines].join('\n'));
    this.issues = Object.freeze([...issues]);
  }
}
