import { defineIds } from '../../platform/ids.js';

/** Users (`usr_`) and sessions (`ses_`) are platform ids: every token carries them. */
export const identityIds = defineIds({
  mbr: 'membership',
  inv: 'invitation',
  key: 'API key',
  seat: 'seat counter',
});
