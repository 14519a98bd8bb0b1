/**
 * The API's input rules for webhooks (packages/core/src/modules/webhooks: inputs.ts, the outbound
 * client's URL check, the per-tenant limit), mirrored so the forms say so before sending. The
 * server still decides: address ranges (private networks, which a deployment may allow) are
 * checked there only, and its answer is put on the URL field.
 */
export const WEBHOOK_URL_MAX_LENGTH = 2048;
export const WEBHOOK_DESCRIPTION_MAX_LENGTH = 200;
/** A tenant may keep this many webhooks (MAX_WEBHOOKS_PER_TENANT). */
export const MAX_WEBHOOKS = 20;
/** How long the previous secret keeps signing after a rotation, in hours. */
export const OVERLAP_HOURS = { min: 0, max: 168, default: 24 } as const;
/** Rows per page of the delivery log (the API allows 1–100). */
export const DELIVERY_PAGE_SIZE = 20;

/** Names the server refuses without asking DNS: this machine or a private network. */
const INTERNAL_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)\.?$/i;

export function hasControlCharacters(value: string): boolean {
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export type UrlProblem =
  'required' | 'tooLong' | 'control' | 'invalid' | 'scheme' | 'credentials' | 'internal';

/** Why the server would refuse this endpoint URL before trying it, or null. */
export function urlProblem(raw: string): UrlProblem | null {
  const value = raw.trim();
  if (value === '') return 'required';
  if (value.length > WEBHOOK_URL_MAX_LENGTH) return 'tooLong';
  if (hasControlCharacters(value)) return 'control';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'scheme';
  if (url.username || url.password) return 'credentials';
  if (!url.hostname) return 'invalid';
  if (INTERNAL_NAME.test(url.hostname)) return 'internal';
  return null;
}

export type DescriptionProblem = 'tooLong' | 'control';

export function descriptionProblem(raw: string): DescriptionProblem | null {
  const value = raw.trim();
  if (value.length > WEBHOOK_DESCRIPTION_MAX_LENGTH) return 'tooLong';
  if (hasControlCharacters(value)) return 'control';
  return null;
}

/** The form field a server validation issue belongs to (`input.eventTypes.2` → eventTypes). */
export function webhookFieldOf(path: string): string[] | null {
  const field = path.replace(/^input\./, '').split('.')[0] ?? '';
  return field === 'url' || field === 'eventTypes' || field === 'description' ? [field] : null;
}
