import { defineModule } from '../../platform/module.js';
import { AUDIT_ERRORS } from './errors.js';
import { auditResolvers, auditTypeDefs, auditTypePolicies } from './graphql.js';
import { auditIds } from './ids.js';
import { AuditModel } from './model.js';
import { AuditRepository } from './repository.js';
import { AuditService } from './service.js';

export { AuditService, auditSnapshot, type AuditInput } from './service.js';
export { PROVIDER_AUDIT_SCOPE, PROVIDER_AUDIT_REF, type AuditRecord } from './model.js';

/** Who did what, when, with before/after snapshots (no secrets). */
export const auditModule = defineModule({
  name: 'audit',
  summary: 'Who did what, when, with before/after snapshots (secrets dropped)',
  ids: auditIds,
  models: [AuditModel],
  errors: AUDIT_ERRORS,
  scopes: { AUDIT_READ: "Read the tenant's audit log" },
  graphql: { typeDefs: auditTypeDefs, typePolicies: auditTypePolicies, resolvers: auditResolvers },
  tenantData: {
    kind: 'retained',
    reason:
      'The provider keeps the audit trail of an offboarded tenant (who did what is contractual evidence); it is in the export too and holds no secrets.',
  },
  create: ({ platform, port }) => new AuditService(new AuditRepository(platform.db), port('tenantDirectory')),
});
