import { defineIds } from '../../platform/ids.js';

export const webhookIds = defineIds({ whk: 'webhook', whd: 'webhook delivery' });
