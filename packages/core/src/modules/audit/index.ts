export { AuditService, auditSnapshot, type AuditInput } from './service.js';
export { AuditRepository, type AuditQuery } from './repository.js';
export { PROVIDER_AUDIT_SCOPE, type AuditRecord } from './model.js';
export { auditTypeDefs, auditResolvers, auditTypePolicies } from './graphql.js';
