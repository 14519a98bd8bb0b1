import { z } from 'zod';
import { requestIdempotencyKey } from '../../platform/idempotency.js';
import { resolver, noArgs, type Policy, type TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import {
  anyId as customerId,
  createCustomerInput,
  customerPatch,
  identityId,
  identityKind,
  pageArgs,
  piiField,
} from './inputs.js';
import type { CustomersService } from './service.js';

export const customersTypeDefs = /* GraphQL */ `
  """
  How a customer is reached: unique per tenant (any spelling of one email or mobile number is one identity).
  """
  enum CustomerIdentityKind {
    EMAIL
    MOBILE
    """
    The brand's own opaque id of the customer.
    """
    EXTERNAL_ID
    """
    The web chat widget's visitor id.
    """
    VISITOR_ID
  }

  """
  Personal data on a profile: stored encrypted with the tenant's key, shown masked, revealed one at a time (audited).
  """
  enum CustomerPiiField {
    EMAIL
    MOBILE
    RESIDENT_ID
    BANK_CARD
    ADDRESS
  }

  type CustomerIdentity {
    id: ID!
    kind: CustomerIdentityKind!
    """
    Masked for EMAIL and MOBILE (138****5678); opaque ids as they are.
    """
    value: String!
    createdAt: DateTime!
  }

  """
  A customer profile. PII is always masked here; use revealCustomerField for one value in clear.
  """
  type Customer {
    id: ID!
    displayName: String
    locale: String
    tags: [String!]!
    notes: String
    """
    Custom attributes: key → text, number, boolean or null.
    """
    attributes: JSON!
    externalId: String
    visitorId: String
    """
    The first email identity, masked.
    """
    email: String
    """
    The first mobile identity, masked.
    """
    mobile: String
    residentId: String
    bankCard: String
    address: String
    identities: [CustomerIdentity!]!
    """
    Set when this customer was merged into another: this is a tombstone, work on that one.
    """
    mergedIntoId: ID
    version: Int!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type CustomerPage {
    items: [Customer!]!
    endCursor: String
    hasNextPage: Boolean!
  }

  type RevealedCustomerField {
    customerId: ID!
    field: CustomerPiiField!
    """
    The value in clear (normalised: +8613812345678, a lower-cased email); null when the field is empty.
    """
    value: String
  }

  type CustomerSettings {
    """
    The PII fields agents may reveal (tenant admins and supervisors always may). None by default.
    """
    agentRevealFields: [CustomerPiiField!]!
  }

  """
  One custom attribute: at most one of text, number, flag (none: null).
  """
  input CustomerAttributeInput {
    key: String!
    text: String
    number: Float
    flag: Boolean
  }

  input CreateCustomerInput {
    displayName: String
    locale: String
    tags: [String!]
    notes: String
    attributes: [CustomerAttributeInput!]
    email: String
    """
    A mainland mobile number in any spelling (+86, spaces, dashes, full-width digits).
    """
    mobile: String
    externalId: String
    visitorId: String
    """
    An 18-character resident ID number (GB 11643 checksum).
    """
    residentId: String
    """
    A bank card number (Luhn).
    """
    bankCard: String
    address: String
  }

  """
  A field left out stays as it is; null clears it. Attributes are replaced as a whole.
  """
  input CustomerPatch {
    displayName: String
    locale: String
    tags: [String!]
    notes: String
    attributes: [CustomerAttributeInput!]
    residentId: String
    bankCard: String
    address: String
  }

  type Query {
    """
    Tenant users; API keys with CUSTOMERS_READ. search: an email or mobile number (exact, any spelling), an external or visitor id (exact), or a display-name prefix. Newest first without a search.
    """
    customers(search: String, first: Int, after: String): CustomerPage!
    """
    Tenant users; API keys with CUSTOMERS_READ. A merged customer answers as its tombstone (mergedIntoId).
    """
    customer(id: ID!): Customer!
    """
    Tenant users.
    """
    customerSettings: CustomerSettings!
  }

  type Mutation {
    """
    Tenant users; API keys with CUSTOMERS_WRITE. An identity another customer has is CUSTOMER_IDENTITY_TAKEN.
    With an Idempotency-Key header, the same key and input answer the first customer again (for a
    day); the same key with other input is IDEMPOTENCY_KEY_REUSED.
    """
    createCustomer(input: CreateCustomerInput!): Customer!
    """
    Tenant users; API keys with CUSTOMERS_WRITE. A stale version is CONFLICT (details.currentVersion).
    """
    updateCustomer(id: ID!, version: Int!, patch: CustomerPatch!): Customer!
    """
    Tenant users; API keys with CUSTOMERS_WRITE.
    """
    addCustomerIdentity(id: ID!, kind: CustomerIdentityKind!, value: String!): Customer!
    """
    Tenant users; API keys with CUSTOMERS_WRITE.
    """
    removeCustomerIdentity(id: ID!, identityId: ID!): Customer!
    """
    Tenant users; API keys with CUSTOMERS_WRITE. Merges customer id into intoId (the survivor, returned); id stays as a tombstone.
    """
    mergeCustomers(id: ID!, intoId: ID!): Customer!
    """
    Tenant admins and supervisors; agents for the fields in customerSettings.agentRevealFields; API keys with CUSTOMERS_PII_READ. Audited (field name, never the value).
    """
    revealCustomerField(id: ID!, field: CustomerPiiField!, identityId: ID): RevealedCustomerField!
    """
    Tenant admins.
    """
    updateCustomerSettings(agentRevealFields: [CustomerPiiField!]!): CustomerSettings!
  }
`;

export const customersTypePolicies: Record<string, TypePolicy> = {
  Customer: 'inherit-from-parent',
  CustomerIdentity: 'inherit-from-parent',
  CustomerPage: 'inherit-from-parent',
  RevealedCustomerField: 'inherit-from-parent',
  CustomerSettings: 'inherit-from-parent',
};

const STAFF = ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT'] as const;
const READ: Policy = { tenant: STAFF, apiKey: ['CUSTOMERS_READ'] };
const WRITE: Policy = { tenant: STAFF, apiKey: ['CUSTOMERS_WRITE'] };

export const customersResolvers = ({ service: s }: ModuleRef<CustomersService>): ResolverMap => ({
  Query: {
    customers: resolver(READ, z.object(pageArgs).strict(), (a) => s.list(a.search, a.first ?? 20, a.after)),
    customer: resolver(READ, z.object({ id: customerId }).strict(), (a) => s.get(a.id)),
    customerSettings: resolver({ tenant: STAFF }, noArgs, () => s.settings()),
  },
  Mutation: {
    createCustomer: resolver(WRITE, z.object({ input: createCustomerInput }).strict(), (a, ctx) =>
      s.createOnce(a.input, requestIdempotencyKey(ctx.idempotencyKey)),
    ),
    updateCustomer: resolver(
      WRITE,
      z.object({ id: customerId, version: z.number().int().min(1), patch: customerPatch }).strict(),
      (a) => s.update(a.id, a.version, a.patch),
    ),
    addCustomerIdentity: resolver(
      WRITE,
      z.object({ id: customerId, kind: identityKind, value: z.string().max(400) }).strict(),
      (a) => s.addIdentity(a.id, a.kind, a.value),
    ),
    removeCustomerIdentity: resolver(WRITE, z.object({ id: customerId, identityId }).strict(), (a) =>
      s.removeIdentity(a.id, a.identityId),
    ),
    mergeCustomers: resolver(WRITE, z.object({ id: customerId, intoId: customerId }).strict(), (a) =>
      s.merge(a.id, a.intoId),
    ),
    revealCustomerField: resolver(
      { tenant: STAFF, apiKey: ['CUSTOMERS_PII_READ'] },
      z.object({ id: customerId, field: piiField, identityId: identityId.nullish() }).strict(),
      (a) => s.reveal(a.id, a.field, a.identityId),
    ),
    updateCustomerSettings: resolver(
      { tenant: ['TENANT_ADMIN'] },
      z.object({ agentRevealFields: z.array(piiField).max(5) }).strict(),
      (a) => s.updateSettings(a.agentRevealFields),
    ),
  },
});
