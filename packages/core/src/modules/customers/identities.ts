import { isDuplicateKeyError } from '../../platform/db/index.js';
import { notFound, PlatformError } from '../../platform/errors.js';
import { newEvent, outboxOnCreate, withEvents } from '../../platform/events/index.js';
import type { IdentityKind } from './fields.js';
import { customersIds } from './ids.js';
import type { IdentityInput } from './inputs.js';
import type { CustomerIdentityRecord, CustomerRecord } from './model.js';
import {
  CUSTOMER_MODEL,
  identityTaken,
  prepareIdentity,
  requireLive,
  resolveLive,
  nameKeyOf,
  type CustomersDeps,
  type PreparedIdentity,
} from './support.js';

/** A few rounds are plenty: each lost race means another request just made the identity exist. */
const CLAIM_ATTEMPTS = 5;

export interface FoundOrCreated {
  customer: CustomerRecord;
  created: boolean;
}

/**
 * Identities: the ways to reach a customer, unique per tenant on (kind, blind index). Finding a
 * customer by any spelling of an email or mobile number, creating one on first contact (exactly
 * one under concurrency), and adding or removing identities.
 */
export class IdentityService {
  constructor(private readonly d: CustomersDeps) {}

  prepare(kind: IdentityKind, raw: string): Promise<PreparedIdentity> {
    return prepareIdentity(this.d.crypto, kind, raw);
  }

  /** The identity's customer, if the identity exists (following merges). */
  async find(p: PreparedIdentity): Promise<CustomerRecord | null> {
    const existing = await this.d.repo.findIdentity(p.kind, p.blindIndex);
    return existing ? (await this.ensureCustomer(existing, null)).customer : null;
  }

  /**
   * The customer one of these identities (first match in order) belongs to, or a new one that
   * claims the first. The other identities are added to the customer when nobody has them yet.
   * Every value is validated before anything is written.
   */
  async findOrCreate(
    identities: readonly IdentityInput[],
    displayName?: string | null,
  ): Promise<FoundOrCreated> {
    if (identities.length === 0) throw new PlatformError('VALIDATION_FAILED', 'An identity is needed');
    const prepared: PreparedIdentity[] = [];
    for (const i of identities) prepared.push(await this.prepare(i.kind, i.value));
    const name = displayName ?? identities.find((i) => i.displayName)?.displayName ?? null;

    let result: FoundOrCreated | null = null;
    for (const p of prepared) {
      const existing = await this.d.repo.findIdentity(p.kind, p.blindIndex);
      if (existing) {
        result = await this.ensureCustomer(existing, name);
        break;
      }
    }
    result ??= await this.claimOrFind(prepared[0] as PreparedIdentity, name);
    const added: PreparedIdentity[] = [];
    for (const p of prepared) {
      if (await this.attachIfFree(result.customer._id, p)) added.push(p);
    }
    if (added.length && !result.created) {
      result = { ...result, customer: await this.touched(result.customer._id, ['identities']) };
    }
    return result;
  }

  /** Adds an identity to a live customer; the same identity twice is a no-op. */
  async add(customerId: string, kind: IdentityKind, raw: string): Promise<CustomerRecord> {
    await requireLive(this.d.repo, customerId);
    const p = await this.prepare(kind, raw);
    const existing = await this.d.repo.findIdentity(p.kind, p.blindIndex);
    if (existing) {
      const owner = await resolveLive(this.d.repo, existing.customerId).catch(() => null);
      if (owner?._id === customerId) return owner;
      throw identityTaken(existing);
    }
    try {
      await this.d.repo.insertIdentity({ _id: customersIds.next('cid'), customerId, ...stored(p) });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      const holder = await this.d.repo.findIdentity(p.kind, p.blindIndex);
      if (holder && holder.customerId !== customerId) throw identityTaken(holder);
    }
    return this.touched(customerId, ['identities']);
  }

  async remove(customerId: string, identityId: string): Promise<CustomerRecord> {
    await requireLive(this.d.repo, customerId);
    if (!(await this.d.repo.deleteIdentity(identityId, customerId))) throw notFound('Customer identity');
    return this.touched(customerId, ['identities']);
  }

  /**
   * Claims `p` for a new customer id, then writes that customer. The identity goes first, so of
   * two first contacts at once the unique index lets exactly one claim it; the other finds it.
   */
  private async claimOrFind(p: PreparedIdentity, name: string | null): Promise<FoundOrCreated> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const existing = await this.d.repo.findIdentity(p.kind, p.blindIndex);
      if (existing) return this.ensureCustomer(existing, name);
      const customerId = customersIds.next('cus');
      try {
        await this.d.repo.insertIdentity({ _id: customersIds.next('cid'), customerId, ...stored(p) });
      } catch (e) {
        if (isDuplicateKeyError(e)) continue;
        throw e;
      }
      return this.createFor(customerId, name, p.kind === 'EXTERNAL_ID' ? p.normalised : null);
    }
    throw new PlatformError('CONFLICT', 'This customer is being created by another request: try again');
  }

  /**
   * The live customer of an identity. Repairs what a crash can leave: an identity reserved for a
   * customer that was never written (it is written now, once), or one still pointing at a
   * customer merged away (it is moved to the survivor).
   */
  private async ensureCustomer(
    identity: CustomerIdentityRecord,
    name: string | null,
  ): Promise<FoundOrCreated> {
    const direct = await this.d.repo.findCustomer(identity.customerId);
    if (!direct) {
      const externalId = identity.kind === 'EXTERNAL_ID' ? identity.display : null;
      return this.createFor(identity.customerId, name, externalId);
    }
    if (!direct.mergedIntoId) return { customer: direct, created: false };
    const live = await resolveLive(this.d.repo, direct._id);
    await this.d.repo.repointIdentity(identity._id, identity.customerId, live._id);
    return { customer: live, created: false };
  }

  /** Writes the customer an identity was reserved for; a concurrent writer of the same id wins. */
  private async createFor(
    id: string,
    name: string | null,
    externalId: string | null,
  ): Promise<FoundOrCreated> {
    const event = newEvent('customer.created', { customerId: id, externalId });
    try {
      const customer = await this.d.repo.insertCustomer({
        _id: id,
        displayName: name,
        nameKey: nameKeyOf(name),
        locale: null,
        tags: [],
        notes: null,
        attributes: {},
        residentId: null,
        bankCard: null,
        address: null,
        mergedIntoId: null,
        mergedAt: null,
        version: 1,
        ...outboxOnCreate([event]),
      });
      await this.d.events.flushAfterWrite(CUSTOMER_MODEL, id);
      return { customer, created: true };
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      return { customer: await resolveLive(this.d.repo, id), created: false };
    }
  }

  /** Adds a free identity to the customer; false when it is theirs already or someone else's. */
  private async attachIfFree(customerId: string, p: PreparedIdentity): Promise<boolean> {
    if (await this.d.repo.findIdentity(p.kind, p.blindIndex)) return false;
    try {
      await this.d.repo.insertIdentity({ _id: customersIds.next('cid'), customerId, ...stored(p) });
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Records on the customer that something outside its document changed (version, event). */
  async touched(customerId: string, changed: string[]): Promise<CustomerRecord> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const c = await requireLive(this.d.repo, customerId);
      const event = newEvent('customer.updated', { customerId, changed });
      const updated = await this.d.repo.updateCustomer(
        c._id,
        c.version,
        withEvents({ $inc: { version: 1 } }, [event]),
      );
      if (updated) {
        await this.d.events.flushAfterWrite(CUSTOMER_MODEL, customerId);
        return updated;
      }
    }
    throw new PlatformError('CONFLICT', 'This customer is changing: try again');
  }
}

const stored = (p: PreparedIdentity) => ({
  kind: p.kind,
  blindIndex: p.blindIndex,
  ciphertext: p.ciphertext,
  display: p.display,
});
