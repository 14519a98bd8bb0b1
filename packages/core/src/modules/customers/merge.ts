import { notFound, PlatformError } from '../../platform/errors.js';
import { newEvent, withEvents } from '../../platform/events/index.js';
import { CustomersError } from './errors.js';
import type { IdentityService } from './identities.js';
import type { CustomerRecord } from './model.js';
import { CUSTOMER_MODEL, mergedError, type CustomersDeps } from './support.js';

const ATTEMPTS = 5;

/**
 * Merging customer `id` into `intoId` without multi-document transactions, in steps that are each
 * one atomic write and safe to repeat (a merge that stopped half-way is finished by asking again):
 * 1. the survivor takes what it lacks (name, locale, PII, attributes) and the union of tags;
 * 2. the merged customer becomes a tombstone pointing at the survivor (its PII cleared), with the
 *    `customer.merged` event in the same write — consumers (tickets) re-point their references;
 * 3. its identities move to the survivor. Until then, lookups through them follow the tombstone.
 */
export class MergeService {
  constructor(
    private readonly d: CustomersDeps,
    private readonly identities: IdentityService,
  ) {}

  async merge(id: string, intoId: string): Promise<CustomerRecord> {
    const [source, target] = await Promise.all([
      this.d.repo.findCustomer(id),
      this.d.repo.findCustomer(intoId),
    ]);
    if (!source || !target) throw notFound('Customer');
    if (id === intoId)
      throw new CustomersError('CUSTOMER_MERGE_NOT_ALLOWED', 'A customer cannot be merged into itself');
    if (target.mergedIntoId) throw mergedError(target.mergedIntoId);
    if (source.mergedIntoId && source.mergedIntoId !== intoId) throw mergedError(source.mergedIntoId);

    if (!source.mergedIntoId) {
      await this.absorb(source, intoId);
      const tombstone = await this.d.repo.markMerged(
        id,
        withEvents(
          {
            $set: {
              mergedIntoId: intoId,
              mergedAt: new Date(),
              residentId: null,
              bankCard: null,
              address: null,
              notes: null,
              attributes: {},
            },
            $inc: { version: 1 },
          },
          [newEvent('customer.merged', { customerId: id, mergedIntoId: intoId })],
        ),
      );
      if (!tombstone) {
        // Someone merged it meanwhile: fine if into the same customer.
        const now = await this.d.repo.findCustomer(id);
        if (!now) throw notFound('Customer');
        if (now.mergedIntoId !== intoId) throw mergedError(now.mergedIntoId ?? intoId);
      }
      await this.d.events.flushAfterWrite(CUSTOMER_MODEL, id);
    }
    const moved = await this.d.repo.moveIdentities(id, intoId);
    if (moved > 0) return this.identities.touched(intoId, ['identities']);
    const survivor = await this.d.repo.findCustomer(intoId);
    if (!survivor) throw notFound('Customer');
    return survivor;
  }

  /** Step 1: a conditional write on the survivor's version, retried when it changes underneath. */
  private async absorb(source: CustomerRecord, intoId: string): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const target = await this.d.repo.findCustomer(intoId);
      if (!target) throw notFound('Customer');
      if (target.mergedIntoId) throw mergedError(target.mergedIntoId);
      const set: Record<string, unknown> = {};
      if (!target.displayName && source.displayName) {
        set.displayName = source.displayName;
        set.nameKey = source.nameKey;
      }
      if (!target.locale && source.locale) set.locale = source.locale;
      for (const f of ['residentId', 'bankCard', 'address'] as const) {
        if (!target[f] && source[f]) set[f] = source[f];
      }
      const attributes = { ...source.attributes, ...target.attributes };
      if (Object.keys(attributes).length !== Object.keys(target.attributes).length)
        set.attributes = attributes;
      if (source.notes && !(target.notes ?? '').includes(source.notes)) {
        set.notes = target.notes ? `${target.notes}\n\n${source.notes}` : source.notes;
      }
      const tags = [...new Set([...target.tags, ...source.tags])];
      if (tags.length !== target.tags.length) set.tags = tags;
      const changed = Object.keys(set).filter((k) => k !== 'nameKey');
      if (changed.length === 0) return;
      const updated = await this.d.repo.updateCustomer(
        intoId,
        target.version,
        withEvents({ $set: set, $inc: { version: 1 } }, [
          newEvent('customer.updated', { customerId: intoId, changed }),
        ]),
      );
      if (updated) {
        await this.d.events.flushAfterWrite(CUSTOMER_MODEL, intoId);
        return;
      }
    }
    throw new PlatformError('CONFLICT', 'The customer kept changing during the merge: try again');
  }
}
