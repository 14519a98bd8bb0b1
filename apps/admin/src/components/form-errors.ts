import type { FormInstance } from 'antd';
import { ApiError } from '../api/errors';

/**
 * Puts a server's VALIDATION_FAILED issues on the matching form fields. `path` arrives as e.g.
 * `input.plan.seats` or `email`; `fieldOf` maps it to the form's field name (or null to skip).
 * Returns the names of the fields it marked.
 */
export function applyServerIssues<T>(
  form: FormInstance<T>,
  error: unknown,
  fieldOf: (path: string) => (string | number)[] | null = (path) => path.replace(/^input\./, '').split('.'),
): (string | number)[][] {
  if (!(error instanceof ApiError) || error.issues.length === 0) return [];
  const marked: (string | number)[][] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const issue of error.issues) {
    const name = fieldOf(issue.path);
    if (!name) continue;
    marked.push(name);
    fields.push({ name, errors: [issue.message] });
  }
  form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
  return marked;
}
