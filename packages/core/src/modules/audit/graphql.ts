import { z } from 'zod';
import type { GraphQLContext } from '../../platform/graphql/context.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import { pageArgs, resolver, type TypePolicy } from '../../platform/graphql/policy.js';
import type { AuditRecord } from './model.js';
import type { AuditService } from './service.js';

export const auditTypeDefs = /* GraphQL */ `
  type AuditActor {
    type: String!
    id: String!
    display: String!
  }

  type AuditEntry {
    id: ID!
    at: DateTime!
    tenantId: ID
    actor: AuditActor!
    action: String!
    targetType: String!
    targetId: String!
    before: JSON
    after: JSON
    requestId: String
    """
    The client's address, as the API saw it (behind a trusted proxy: the forwarded address).
    """
    ip: String
  }

  type AuditPage {
    items: [AuditEntry!]!
    total: Int!
    page: Int!
    pageSize: Int!
  }

  input AuditFilter {
    """
    Provider admins only ("provider" for provider-level entries); tenant principals always see their own tenant.
    """
    tenantId: ID
    action: String
    actorId: String
    from: DateTime
    to: DateTime
  }

  type Query {
    """
    Provider admins (any tenant or provider-level) and tenant admins (their tenant); API keys with AUDIT_READ.
    """
    auditLog(filter: AuditFilter, page: Int = 1, pageSize: Int = 20): AuditPage!
  }
`;

const filter = z
  .object({
    tenantId: z
      .string()
      .regex(/^(tn_[0-9A-Za-z]{20}|provider)$/, 'Not a tenant id')
      .nullish(),
    action: z
      .string()
      .regex(/^[a-z_.]{1,60}$/, 'Not an action name')
      .nullish(),
    actorId: z.string().max(40).nullish(),
    from: z.date().nullish(),
    to: z.date().nullish(),
  })
  .nullish();

export const auditTypePolicies: Record<string, TypePolicy> = {
  AuditActor: 'inherit-from-parent',
  AuditEntry: 'inherit-from-parent',
  AuditPage: 'inherit-from-parent',
};

const dto = (r: AuditRecord) => ({
  id: r._id,
  at: r.at,
  tenantId: r.tenantId === 'provider' ? null : r.tenantId,
  actor: r.actor,
  action: r.action,
  targetType: r.targetType,
  targetId: r.targetId,
  before: r.before,
  after: r.after,
  requestId: r.requestId,
  ip: r.ip ?? null,
});

export const auditResolvers = ({ service: audit }: ModuleRef<AuditService>): ResolverMap => ({
  Query: {
    auditLog: resolver(
      { provider: ['PROVIDER_ADMIN'], tenant: ['TENANT_ADMIN'], apiKey: ['AUDIT_READ'] },
      z.object({ filter, ...pageArgs }),
      async (a, ctx: GraphQLContext) => {
        const q = {
          action: a.filter?.action ?? undefined,
          actorId: a.filter?.actorId ?? undefined,
          from: a.filter?.from ?? undefined,
          to: a.filter?.to ?? undefined,
        };
        const isProvider = ctx.principal.kind === 'user' && ctx.principal.tenantId === null;
        // A tenant principal's filter.tenantId is ignored: the tenant comes from the credential.
        const r = isProvider
          ? await audit.listForProvider(a.filter?.tenantId ?? undefined, q, a.page, a.pageSize)
          : await audit.listForCurrentTenant(q, a.page, a.pageSize);
        return { items: r.items.map(dto), total: r.total, page: a.page, pageSize: a.pageSize };
      },
    ),
  },
});
