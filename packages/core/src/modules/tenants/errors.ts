import { domainError } from '../../platform/errors.js';

export const TENANTS_ERROR_STATUS = {
  SLUG_TAKEN: 409,
  CONFIRMATION_MISMATCH: 400,
  TENANT_NOT_ACTIVE: 409,
  TENANT_OFFBOARDED: 409,
} as const;

export type TenantsErrorCode = keyof typeof TENANTS_ERROR_STATUS;

export class TenantsError extends domainError<TenantsErrorCode>(TENANTS_ERROR_STATUS) {}
