import type { z } from 'zod';
import type { PluginManifestIssue } from './errors.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || '(manifest)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** Turns zod issues into short, path-first messages a plugin author can act on. */
export function toManifestIssues(
  error: z.ZodError,
  input: unknown,
  basePath: readonly PropertyKey[] = [],
): PluginManifestIssue[] {
  return error.issues.flatMap((issue): PluginManifestIssue[] => {
    const path = [...basePath, ...issue.path];
    switch (issue.code) {
      case 'invalid_key':
        return issue.issues.map((inner) => ({ path: formatPath(path), message: inner.message }));
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: 'unknown key' }));
      case 'invalid_union':
        // A discriminated union names its options; say which value was wrong and what is allowed.
        if ('options' in issue && Array.isArray(issue.options)) {
          const value = valueAt(input, issue.path);
          const allowed = issue.options.map((option) => JSON.stringify(option)).join(', ');
          const message =
            value === undefined
              ? `is required; one of ${allowed}`
              : `unsupported value ${JSON.stringify(value)}; expected one of ${allowed}`;
          return [{ path: formatPath(path), message }];
        }
        return [{ path: formatPath(path), message: issue.message }];
      case 'invalid_type':
        if (valueAt(input, issue.path) === undefined)
          return [{ path: formatPath(path), message: 'is required' }];
        return [{ path: formatPath(path), message: issue.message }];
      default:
        return [{ path: formatPath(path), message: issue.message }];
    }
  });
}
