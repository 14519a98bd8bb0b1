import { defineIds } from '../../platform/ids.js';

export const customersIds = defineIds({
  cus: 'customer',
  cid: 'customer identity',
  cst: 'customer settings',
});
