import { defineErrors } from '../../platform/errors.js';

/**
 * None of its own: the intake answers with the platform's codes (VALIDATION_FAILED,
 * PAYLOAD_TOO_LARGE), the customers module's (CUSTOMER_MOBILE_INVALID…) and the platform's
 * IDEMPOTENCY_KEY_REUSED, so one situation has one code across the API.
 */
export const CHANNELS_ERRORS = defineErrors({});
