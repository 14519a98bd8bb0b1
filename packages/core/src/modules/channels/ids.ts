import { defineIds } from '../../platform/ids.js';

export const channelsIds = defineIds({ chr: 'channel request' });
