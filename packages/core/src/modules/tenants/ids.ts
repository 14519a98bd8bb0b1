import { defineIds } from '../../platform/ids.js';

/** Tenant ids (`tn_`) are the platform's: every token and tenant reference reads them. */
export const tenantsIds = defineIds({ exp: 'export' });
