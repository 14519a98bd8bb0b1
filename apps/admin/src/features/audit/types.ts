import type { AuditFilter } from '../../api/generated/graphql';
import type { ResultOf } from '../../api/operation';
import type { AuditLogQuery } from './documents';

export type { AuditFilter };
export type AuditEntry = ResultOf<typeof AuditLogQuery>['auditLog']['items'][number];
