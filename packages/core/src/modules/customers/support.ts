import { notFound, PlatformError } from '../../platform/errors.js';
import type { IdempotentCreates } from '../../platform/idempotency.js';
import type { EventRelay } from '../../platform/events/index.js';
import type { TenantCrypto } from '../../platform/tenant-crypto.js';
import type { AuditService } from '../audit/index.js';
import { CustomersError } from './errors.js';
import {
  CRYPTO_FIELD,
  isPiiIdentity,
  maskField,
  normaliseField,
  type IdentityKind,
  type ProfilePii,
} from './fields.js';
import type { CustomerIdentityRecord, CustomerRecord, SealedValue } from './model.js';
import type { CustomersRepository } from './repository.js';

export interface CustomersDeps {
  repo: CustomersRepository;
  crypto: TenantCrypto;
  audit: AuditService;
  events: EventRelay;
  /** Idempotency-Key on creates (customers keep no key of their own). */
  idempotency: IdempotentCreates;
}

export const CUSTOMER_MODEL = 'Customer';

/** An identity ready to be stored: its blind index, its ciphertext (PII kinds) and what people see. */
export interface PreparedIdentity {
  kind: IdentityKind;
  blindIndex: string;
  ciphertext: string | null;
  display: string;
  /** The normalised value: never stored in plaintext for PII kinds, never logged. */
  normalised: string;
}

/** Validates (the kind's error code on bad input), normalises, blind-indexes and encrypts. */
export async function prepareIdentity(
  crypto: TenantCrypto,
  kind: IdentityKind,
  raw: string,
): Promise<PreparedIdentity> {
  const normalised = normaliseField(kind, raw);
  const field = CRYPTO_FIELD[kind];
  const [blindIndex, ciphertext] = await Promise.all([
    crypto.blindIndex(field, normalised),
    isPiiIdentity(kind) ? crypto.encrypt(normalised, field) : Promise.resolve(null),
  ]);
  return { kind, blindIndex, ciphertext, display: maskField(kind, normalised), normalised };
}

/** A profile PII value validated, normalised and sealed under the tenant's key. */
export async function sealPii(crypto: TenantCrypto, field: ProfilePii, raw: string): Promise<SealedValue> {
  const normalised = normaliseField(field, raw);
  return {
    ciphertext: await crypto.encrypt(normalised, CRYPTO_FIELD[field]),
    masked: maskField(field, normalised),
  };
}

/** Follows merges to the live customer (a chain is short: each merge points at a live customer). */
export async function resolveLive(repo: CustomersRepository, id: string): Promise<CustomerRecord> {
  let current = id;
  for (let hop = 0; hop < 16; hop++) {
    const c = await repo.findCustomer(current);
    if (!c) throw notFound('Customer');
    if (!c.mergedIntoId) return c;
    current = c.mergedIntoId;
  }
  throw new PlatformError('INTERNAL_ERROR', 'Customer merge chain too long');
}

/** A customer that can be changed: exists and was not merged away. */
export async function requireLive(repo: CustomersRepository, id: string): Promise<CustomerRecord> {
  const c = await repo.findCustomer(id);
  if (!c) throw notFound('Customer');
  if (c.mergedIntoId) throw mergedError(c.mergedIntoId);
  return c;
}

export const mergedError = (mergedIntoId: string): CustomersError =>
  new CustomersError('CUSTOMER_MERGED', 'This customer was merged into another', {
    details: { mergedIntoId },
  });

export const identityTaken = (holder: CustomerIdentityRecord): CustomersError =>
  new CustomersError('CUSTOMER_IDENTITY_TAKEN', 'Another customer already has this identity', {
    details: { kind: holder.kind, customerId: holder.customerId },
  });

/** Case and width folded, for the name prefix search. */
export const nameKeyOf = (name: string | null | undefined): string =>
  name ? name.normalize('NFKC').toLowerCase().trim() : '';
