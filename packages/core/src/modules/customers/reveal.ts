import { requireContext } from '../../platform/tenancy/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { CRYPTO_FIELD, type PiiField } from './fields.js';
import type { CustomersDeps } from './support.js';

export interface RevealedField {
  customerId: string;
  field: PiiField;
  /** The plaintext (normalised: `+8613812345678`, a lowercased email); null when the field is empty. */
  value: string | null;
}

/**
 * Who may see a PII field in clear, one field at a time:
 * - tenant admins and supervisors: every field;
 * - agents: only the fields a tenant admin listed in `customerSettings.agentRevealFields`
 *   (none by default; e.g. MOBILE for call-backs);
 * - API keys: with the CUSTOMERS_PII_READ scope (the GraphQL policy checks it).
 * Every reveal of a value writes an audit entry `customer.pii_revealed` with the field's name —
 * never the value — before the value is returned.
 */
export class RevealService {
  constructor(private readonly d: CustomersDeps) {}

  async reveal(customerId: string, field: PiiField, identityId: string | null): Promise<RevealedField> {
    await this.assertMayReveal(field);
    const c = await this.d.repo.findCustomer(customerId);
    if (!c) throw notFound('Customer');
    let ciphertext: string | null = null;
    let source: string | null = null;
    if (field === 'EMAIL' || field === 'MOBILE') {
      const own = (await this.d.repo.identitiesOf([customerId])).filter((i) => i.kind === field);
      const chosen = identityId ? own.find((i) => i._id === identityId) : own[0];
      if (identityId && !chosen) throw notFound('Customer identity');
      ciphertext = chosen?.ciphertext ?? null;
      source = chosen?._id ?? null;
    } else {
      const key = field === 'RESIDENT_ID' ? 'residentId' : field === 'BANK_CARD' ? 'bankCard' : 'address';
      ciphertext = c[key]?.ciphertext ?? null;
    }
    if (ciphertext === null) return { customerId, field, value: null };
    const value = await this.d.crypto.decrypt(ciphertext, CRYPTO_FIELD[field]);
    await this.d.audit.record({
      action: 'customer.pii_revealed',
      targetType: 'customer',
      targetId: customerId,
      after: { field, ...(source ? { identityId: source } : {}) },
    });
    return { customerId, field, value };
  }

  private async assertMayReveal(field: PiiField): Promise<void> {
    const { principal } = requireContext();
    if (principal.kind === 'apiKey') {
      if (principal.scopes.includes('CUSTOMERS_PII_READ')) return;
      throw forbidden();
    }
    if (principal.kind !== 'user' || principal.tenantId === null) throw forbidden();
    if (principal.tenantRole === 'TENANT_ADMIN' || principal.tenantRole === 'SUPERVISOR') return;
    if (principal.tenantRole === 'AGENT') {
      const settings = await this.d.repo.findSettings();
      if (settings?.agentRevealFields.includes(field)) return;
    }
    throw forbidden('Revealing this field needs a supervisor or admin, or the tenant allowing agents to');
  }
}
