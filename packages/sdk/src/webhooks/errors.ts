/** Why a webhook request was not accepted as coming from Tandem. */
export const WebhookVerificationErrorCode = {
  /** No secret was given to verify with. */
  NO_SECRET: 'NO_SECRET',
  /** The request has no `Tandem-Signature` header. */
  SIGNATURE_HEADER_MISSING: 'SIGNATURE_HEADER_MISSING',
  /** The header is not `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. */
  SIGNATURE_HEADER_INVALID: 'SIGNATURE_HEADER_INVALID',
  /** No `v1` signature matches any of the secrets: not from Tandem, or the body was changed. */
  SIGNATURE_MISMATCH: 'SIGNATURE_MISMATCH',
  /** Signed, but too long ago (or too far ahead): a replayed request, or a clock far off. */
  TIMESTAMP_OUT_OF_TOLERANCE: 'TIMESTAMP_OUT_OF_TOLERANCE',
  /** Signed, but the body is not an event of the catalogue (e.g. an older SDK than the event). */
  BODY_INVALID: 'BODY_INVALID',
} as const;

export type WebhookVerificationErrorCode =
  (typeof WebhookVerificationErrorCode)[keyof typeof WebhookVerificationErrorCode];

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';

  constructor(
    readonly code: WebhookVerificationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
