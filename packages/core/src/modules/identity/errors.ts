import { domainError } from '../../platform/errors.js';

export const IDENTITY_ERROR_STATUS = {
  INVALID_CREDENTIALS: 401,
  LOGIN_THROTTLED: 429,
  REFRESH_TOKEN_INVALID: 401,
  INVITATION_INVALID: 404,
  INVITATION_EXPIRED: 400,
  WEAK_PASSWORD: 400,
  ALREADY_MEMBER: 409,
  SEAT_LIMIT_REACHED: 409,
  LAST_ADMIN: 409,
  TENANT_SUSPENDED: 403,
  NOT_A_PROVIDER_AGENT: 400,
} as const;

export type IdentityErrorCode = keyof typeof IDENTITY_ERROR_STATUS;

export class IdentityError extends domainError<IdentityErrorCode>(IDENTITY_ERROR_STATUS) {}
