import { PlatformError } from '../../platform/errors.js';
import { requireTenant } from '../../platform/tenancy/context.js';
import { newEvent, outboxOnCreate, withEvents } from '../../platform/events/index.js';
import { maskDeep, maskText, normaliseEmail, normaliseMobile } from '../../platform/pii/index.js';
import { decodePosition, encodePosition } from './cursor.js';
import { customerDto, type CustomerDto } from './dto.js';
import { CustomersError } from './errors.js';
import { PROFILE_PII, type IdentityKind, type PiiField, type ProfilePii } from './fields.js';
import { customersIds } from './ids.js';
import { IdentityService } from './identities.js';
import type { CreateCustomerInput, CustomerPatch, IdentityInput } from './inputs.js';
import { MergeService } from './merge.js';
import type { CustomerRecord, SealedValue } from './model.js';
import { RevealService } from './reveal.js';
import {
  CUSTOMER_MODEL,
  identityTaken,
  mergedError,
  nameKeyOf,
  resolveLive,
  sealPii,
  type CustomersDeps,
  type PreparedIdentity,
} from './support.js';
import type { PagePosition } from './repository.js';
import { notFound } from '../../platform/errors.js';

export interface CustomerPage {
  items: CustomerDto[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const PII_KEY: Record<ProfilePii, 'residentId' | 'bankCard' | 'address'> = {
  RESIDENT_ID: 'residentId',
  BANK_CARD: 'bankCard',
  ADDRESS: 'address',
};

/**
 * Customer profiles: identities de-duplicated per tenant, PII validated and encrypted with the
 * tenant's key (masked on every read; plaintext only through an audited reveal), merge with
 * tombstones, events through the outbox.
 */
export class CustomersService {
  readonly identities: IdentityService;
  readonly merges: MergeService;
  readonly reveals: RevealService;

  constructor(private readonly d: CustomersDeps) {
    this.identities = new IdentityService(d);
    this.merges = new MergeService(d, this.identities);
    this.reveals = new RevealService(d);
  }

  // --- the service API other modules use (through index.ts)

  /**
   * The customer reached by one identity (any spelling of an email or mobile number), created on
   * first contact; `created` says which. Exactly one customer however many callers race.
   */
  async findOrCreateByIdentity(input: IdentityInput): Promise<{ customer: CustomerDto; created: boolean }> {
    const r = await this.identities.findOrCreate([input], input.displayName);
    return { customer: await this.view(r.customer), created: r.created };
  }

  /** As findOrCreateByIdentity with several identities of one person (first match wins; the rest are added when free). */
  async findOrCreateByIdentities(
    identities: readonly IdentityInput[],
    displayName?: string | null,
  ): Promise<{ customer: CustomerDto; created: boolean }> {
    const r = await this.identities.findOrCreate(identities, displayName);
    return { customer: await this.view(r.customer), created: r.created };
  }

  /** The live customer an id stands for now, following merges (old references keep working). */
  async resolveId(id: string): Promise<string> {
    return (await resolveLive(this.d.repo, id))._id;
  }

  /** The masked DTO; a merged customer is returned as its tombstone (`mergedIntoId` set). */
  async get(id: string): Promise<CustomerDto> {
    const c = await this.d.repo.findCustomer(id);
    if (!c) throw notFound('Customer');
    return this.view(c);
  }

  // --- profiles

  /**
   * As `create`, once per Idempotency-Key: the same key and input answer the first customer again;
   * the same key with other input is IDEMPOTENCY_KEY_REUSED and nothing is written.
   */
  async createOnce(input: CreateCustomerInput, idempotencyKey: string | null): Promise<CustomerDto> {
    return this.d.idempotency.run({
      tenantId: requireTenant().id,
      operation: 'customers.create',
      key: idempotencyKey,
      request: input,
      create: async () => {
        const c = await this.create(input);
        return { id: c.id, value: c };
      },
      load: (id) => this.get(id),
    });
  }

  async create(input: CreateCustomerInput): Promise<CustomerDto> {
    // Everything is validated and sealed before the first write.
    const wanted: [IdentityKind, string | null | undefined][] = [
      ['EXTERNAL_ID', input.externalId],
      ['EMAIL', input.email],
      ['MOBILE', input.mobile],
      ['VISITOR_ID', input.visitorId],
    ];
    const prepared: PreparedIdentity[] = [];
    for (const [kind, raw] of wanted)
      if (raw != null) prepared.push(await this.identities.prepare(kind, raw));
    const sealed = await this.sealProfilePii(input);
    for (const p of prepared) {
      const holder = await this.d.repo.findIdentity(p.kind, p.blindIndex);
      if (holder) throw identityTaken(holder);
    }

    const id = customersIds.next('cus');
    const claimed: string[] = [];
    for (const p of prepared) {
      const identityId = customersIds.next('cid');
      try {
        await this.d.repo.insertIdentity({
          _id: identityId,
          customerId: id,
          kind: p.kind,
          blindIndex: p.blindIndex,
          ciphertext: p.ciphertext,
          display: p.display,
        });
        claimed.push(identityId);
      } catch (e) {
        await this.d.repo.releaseIdentities(claimed, id);
        const holder = await this.d.repo.findIdentity(p.kind, p.blindIndex);
        if (holder) throw identityTaken(holder);
        throw e;
      }
    }
    const externalId = prepared.find((p) => p.kind === 'EXTERNAL_ID')?.normalised ?? null;
    const c = await this.d.repo.insertCustomer({
      _id: id,
      displayName: input.displayName ?? null,
      nameKey: nameKeyOf(input.displayName),
      locale: input.locale ?? null,
      tags: input.tags ?? [],
      notes: input.notes ?? null,
      attributes: input.attributes ?? {},
      residentId: sealed.residentId ?? null,
      bankCard: sealed.bankCard ?? null,
      address: sealed.address ?? null,
      mergedIntoId: null,
      mergedAt: null,
      version: 1,
      ...outboxOnCreate([newEvent('customer.created', { customerId: id, externalId })]),
    });
    await this.d.events.flushAfterWrite(CUSTOMER_MODEL, id);
    return this.view(c);
  }

  /** Optimistic concurrency: `version` is what the caller read; a stale one is CONFLICT and writes nothing. */
  async update(id: string, version: number, patch: CustomerPatch): Promise<CustomerDto> {
    const sealed = await this.sealProfilePii(patch);
    const set: Record<string, unknown> = {};
    const changed: string[] = [];
    const put = (field: string, value: unknown) => {
      set[field] = value;
      changed.push(field);
    };
    if (patch.displayName !== undefined) {
      put('displayName', patch.displayName);
      set.nameKey = nameKeyOf(patch.displayName);
    }
    if (patch.locale !== undefined) put('locale', patch.locale);
    if (patch.tags !== undefined) put('tags', patch.tags ?? []);
    if (patch.notes !== undefined) put('notes', patch.notes);
    if (patch.attributes !== undefined) put('attributes', patch.attributes ?? {});
    for (const f of PROFILE_PII) {
      const key = PII_KEY[f];
      if (patch[key] !== undefined) put(key, sealed[key] ?? null);
    }
    if (changed.length === 0) {
      const current = await this.d.repo.findCustomer(id);
      if (!current) throw notFound('Customer');
      return this.view(current);
    }
    const updated = await this.d.repo.updateCustomer(
      id,
      version,
      withEvents({ $set: set, $inc: { version: 1 } }, [
        newEvent('customer.updated', { customerId: id, changed }),
      ]),
    );
    if (!updated) {
      const current = await this.d.repo.findCustomer(id);
      if (!current) throw notFound('Customer');
      if (current.mergedIntoId) throw mergedError(current.mergedIntoId);
      throw new PlatformError('CONFLICT', 'This customer was changed by someone else: reload it', {
        details: { currentVersion: current.version },
      });
    }
    await this.d.events.flushAfterWrite(CUSTOMER_MODEL, id);
    return this.view(updated);
  }

  async addIdentity(id: string, kind: IdentityKind, value: string): Promise<CustomerDto> {
    return this.view(await this.identities.add(id, kind, value));
  }

  async removeIdentity(id: string, identityId: string): Promise<CustomerDto> {
    return this.view(await this.identities.remove(id, identityId));
  }

  async merge(id: string, intoId: string): Promise<CustomerDto> {
    return this.view(await this.merges.merge(id, intoId));
  }

  reveal(id: string, field: PiiField, identityId?: string | null) {
    return this.reveals.reveal(id, field, identityId ?? null);
  }

  /**
   * Search: an email or mobile number (any spelling) finds its customer exactly through the blind
   * index; an external or visitor id exactly; anything else is a prefix of the display name
   * (case-insensitive). Without a search: newest first.
   */
  async list(
    search: string | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<CustomerPage> {
    const s = search?.trim() ?? '';
    if (s !== '') {
      const exact = await this.exactMatch(s);
      if (exact !== undefined) {
        if (after) return { items: [], endCursor: null, hasNextPage: false };
        return { items: exact ? [await this.view(exact)] : [], endCursor: null, hasNextPage: false };
      }
    }
    const order: PagePosition['order'] = s !== '' ? 'NAME' : 'RECENT';
    const rows = await this.d.repo.page({
      ...(s !== '' ? { namePrefix: nameKeyOf(s) } : {}),
      after: after ? decodePosition(after, order) : null,
      limit: first + 1,
    });
    const items = rows.slice(0, first);
    const last = items[items.length - 1];
    const endCursor = last
      ? encodePosition(
          order === 'NAME'
            ? { order, key: last.nameKey, id: last._id }
            : { order, at: last.createdAt, id: last._id },
        )
      : null;
    return { items: await this.views(items), endCursor, hasNextPage: rows.length > first };
  }

  /** undefined: not an exact-match search; null: exact search without a result. */
  private async exactMatch(s: string): Promise<CustomerRecord | null | undefined> {
    const kind: IdentityKind | null = normaliseEmail(s).ok
      ? 'EMAIL'
      : normaliseMobile(s).ok
        ? 'MOBILE'
        : null;
    if (kind) return this.identities.find(await this.identities.prepare(kind, s));
    for (const k of ['EXTERNAL_ID', 'VISITOR_ID'] as const) {
      let p: PreparedIdentity;
      try {
        p = await this.identities.prepare(k, s);
      } catch (e) {
        if (e instanceof CustomersError) return undefined;
        throw e;
      }
      const found = await this.identities.find(p);
      if (found) return found;
    }
    return undefined;
  }

  // --- settings

  async settings(): Promise<{ agentRevealFields: PiiField[] }> {
    return { agentRevealFields: (await this.d.repo.findSettings())?.agentRevealFields ?? [] };
  }

  async updateSettings(agentRevealFields: PiiField[]): Promise<{ agentRevealFields: PiiField[] }> {
    const before = await this.settings();
    const saved = await this.d.repo.saveSettings(customersIds.next('cst'), {
      agentRevealFields: [...new Set(agentRevealFields)],
    });
    const after = { agentRevealFields: saved?.agentRevealFields ?? [] };
    await this.d.audit.record({
      action: 'customer.settings_changed',
      targetType: 'customerSettings',
      targetId: saved?._id ?? '-',
      before,
      after,
    });
    return after;
  }

  // --- offboarding

  /**
   * The export leaves the platform: PII stays masked (QUALITY.md) — no ciphertext, no blind index;
   * free text (names, notes, attributes, tags) goes through maskText.
   */
  async exportTenant(): Promise<Record<string, unknown[]>> {
    const [customers, identities, settings] = await Promise.all([
      this.d.repo.allCustomers(),
      this.d.repo.allIdentities(),
      this.d.repo.allSettings(),
    ]);
    return {
      Customer: customers.map((c) => {
        const v = customerDto(c, []);
        return {
          id: v.id,
          displayName: v.displayName === null ? null : maskText(v.displayName),
          locale: v.locale,
          tags: maskDeep(v.tags),
          notes: v.notes === null ? null : maskText(v.notes),
          attributes: maskDeep(v.attributes),
          residentId: v.residentId,
          bankCard: v.bankCard,
          address: v.address,
          mergedIntoId: v.mergedIntoId,
          version: v.version,
          createdAt: v.createdAt.toISOString(),
          updatedAt: v.updatedAt.toISOString(),
        };
      }),
      CustomerIdentity: identities.map((i) => ({
        id: i._id,
        customerId: i.customerId,
        kind: i.kind,
        value: i.display,
        createdAt: i.createdAt.toISOString(),
      })),
      CustomerSettings: settings.map((s) => ({ agentRevealFields: s.agentRevealFields })),
    };
  }

  eraseTenant(): Promise<number> {
    return this.d.repo.eraseAll();
  }

  // --- helpers

  private async sealProfilePii(
    input: Partial<Record<'residentId' | 'bankCard' | 'address', string | null | undefined>>,
  ): Promise<Partial<Record<'residentId' | 'bankCard' | 'address', SealedValue>>> {
    const out: Partial<Record<'residentId' | 'bankCard' | 'address', SealedValue>> = {};
    for (const f of PROFILE_PII) {
      const raw = input[PII_KEY[f]];
      if (raw != null) out[PII_KEY[f]] = await sealPii(this.d.crypto, f, raw);
    }
    return out;
  }

  private async view(c: CustomerRecord): Promise<CustomerDto> {
    return customerDto(c, await this.d.repo.identitiesOf([c._id]));
  }

  private async views(cs: readonly CustomerRecord[]): Promise<CustomerDto[]> {
    if (cs.length === 0) return [];
    const identities = await this.d.repo.identitiesOf(cs.map((c) => c._id));
    return cs.map((c) => customerDto(c, identities));
  }
}
