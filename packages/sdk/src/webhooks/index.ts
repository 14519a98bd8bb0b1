// Public surface of `@tandem/sdk/webhooks`: verify that a webhook request comes from Tandem (Node ≥ 20).
export { SIGNATURE_HEADER, computeWebhookSignature, signWebhook, verifyWebhook } from './verify.js';
export type { VerifyWebhookOptions } from './verify.js';
export { WebhookVerificationError, WebhookVerificationErrorCode } from './errors.js';
