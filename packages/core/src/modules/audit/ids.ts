import { defineIds } from '../../platform/ids.js';

export const auditIds = defineIds({ aud: 'audit entry' });
