import { IdempotentCreates } from '../../platform/idempotency.js';
import { defineModule } from '../../platform/module.js';
import { auditModule } from '../audit/index.js';
import { CUSTOMERS_ERRORS } from './errors.js';
import { customersResolvers, customersTypeDefs, customersTypePolicies } from './graphql.js';
import { customersIds } from './ids.js';
import { CUSTOMER_MODELS, CustomerModel } from './model.js';
import { CustomersRepository } from './repository.js';
import { CustomersService } from './service.js';

export { CustomersService, type CustomerPage } from './service.js';
export { customerDto, type CustomerDto, type CustomerIdentityDto } from './dto.js';
export { CustomersError, type CustomersErrorCode } from './errors.js';
export { IDENTITY_KINDS, PII_FIELDS, type IdentityKind, type PiiField } from './fields.js';
export { identityInput, type IdentityInput } from './inputs.js';

/**
 * Customer profiles: identities de-duplicated per tenant through blind indexes, PII encrypted with
 * the tenant's key (tenantCrypto) and masked on every read, audited reveal, merge with tombstones.
 * Other modules use `findOrCreateByIdentity`, `resolveId` and `get` of its service.
 */
export const customersModule = defineModule({
  create: ({ platform, use, port }) =>
    new CustomersService({
      repo: new CustomersRepository(platform.db),
      crypto: port('tenantCrypto'),
      audit: use(auditModule),
      events: platform.events,
      idempotency: new IdempotentCreates(platform.redis, platform.keys),
    }),
  name: 'customers',
  summary: 'Customer profiles: de-duplicated identities, encrypted and masked PII, audited reveal, merge',
  ids: customersIds,
  models: CUSTOMER_MODELS,
  errors: CUSTOMERS_ERRORS,
  scopes: {
    CUSTOMERS_READ: "Read the tenant's customer profiles (PII masked)",
    CUSTOMERS_WRITE: 'Create, change and merge customer profiles',
    CUSTOMERS_PII_READ: 'Reveal one PII field of a customer in clear (each reveal is audited)',
  },
  graphql: {
    typeDefs: customersTypeDefs,
    typePolicies: customersTypePolicies,
    resolvers: customersResolvers,
  },
  eventSources: [CustomerModel],
  tenantData: {
    kind: 'custom',
    // PII leaves masked (QUALITY.md); the keyring shreds the key, so any leftover stays unreadable.
    export: ({ service }) => service.exportTenant(),
    erase: ({ service }) => service.eraseTenant(),
  },
});
