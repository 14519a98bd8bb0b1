import { z } from 'zod';
import { TENANT_ROLES } from '../../platform/auth/principal.js';
import { pageArgs } from '../../platform/graphql/policy.js';
import { platformIds } from '../../platform/ids.js';
import { identityIds } from './ids.js';

/** Argument schemas and policies shared by the identity resolvers. */
export const userId = platformIds.schema('usr');
export const tenantId = platformIds.schema('tn');
export const keyId = identityIds.schema('key');
export const nameInput = z.string().trim().min(1, 'Name is required').max(120);
export const tenantRole = z.enum(TENANT_ROLES);
export const searchPage = z.object({ search: z.string().max(100).nullish(), ...pageArgs });

export const TENANT_ADMIN = { tenant: ['TENANT_ADMIN'] } as const;
export const PROVIDER_ADMIN = { provider: ['PROVIDER_ADMIN'] } as const;
export const USER_READERS = { tenant: ['TENANT_ADMIN', 'SUPERVISOR'], apiKey: ['USERS_READ'] } as const;
