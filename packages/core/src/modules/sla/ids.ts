import { defineIds } from '../../platform/ids.js';

export const slaIds = defineIds({ cal: 'business calendar' });
