import { defineIds } from '../../platform/ids.js';

export const keyringIds = defineIds({ tdk: 'tenant data key' });
