import type { ResultOf } from '../../api/operation';
import type { InvitationQuery } from './documents';

/** What an invitation link says before it is accepted. */
export type InvitationInfo = ResultOf<typeof InvitationQuery>['invitation'];
