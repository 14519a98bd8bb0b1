import { defineIds } from '../../platform/ids.js';

/** Tickets, their conversation entries (messages and notes share `msg_`, as in the event catalogue), views and custom fields. */
export const ticketsIds = defineIds({
  tkt: 'ticket',
  msg: 'message',
  tvw: 'ticket view',
  tcf: 'custom field',
});
