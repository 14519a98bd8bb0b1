import { defineErrors } from '../../platform/errors.js';

/** Audit answers only with platform errors (NOT_FOUND, VALIDATION_FAILED…). */
export const AUDIT_ERRORS = defineErrors({});
