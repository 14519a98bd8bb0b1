import { createHash } from 'node:crypto';
import { ZodError } from 'zod';
import { PlatformError } from '../../platform/errors.js';
import { IDEMPOTENCY_TTL_MS, idempotencyKeyReused } from '../../platform/idempotency.js';
import { forEachTenant, type TenantDirectory } from '../../platform/tenancy/directory.js';
import type { CustomersService, IdentityInput } from '../customers/index.js';
import type { TicketsModuleService } from '../tickets/index.js';
import type { IntakeBody } from './inputs.js';
import type { IntakeResponse } from './model.js';
import type { ChannelsRepository } from './repository.js';

export interface ChannelsDeps {
  repo: ChannelsRepository;
  customers: CustomersService;
  tickets: TicketsModuleService;
  directory: TenantDirectory;
}

/**
 * Channels bring customers' messages in. The first is the API channel: a brand's app or backend
 * pushes a message with its own message id (idempotent on it) and, optionally, an
 * Idempotency-Key (the same key and request answer the same response; another request with that
 * key is refused before anything is written).
 */
export class ChannelsService {
  constructor(private readonly d: ChannelsDeps) {}

  async receiveApiMessage(body: IntakeBody, idempotencyKey: string | null): Promise<IntakeResponse> {
    if (!idempotencyKey) return this.intake(body);
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const existing = await this.d.repo.reserve(idempotencyKey, hash, IDEMPOTENCY_TTL_MS);
    if (existing) {
      if (existing.bodyHash !== hash) {
        throw idempotencyKeyReused();
      }
      // The first answer, as a replay; a first attempt that never answered is simply done again
      // (the intake is idempotent on the message id).
      if (existing.response) return { status: 200, body: existing.response.body };
    }
    let response: IntakeResponse;
    try {
      response = await this.intake(body);
    } catch (e) {
      // Refused (bad input) or failed: the key is free again, nothing is left of the request.
      if (!existing) await this.d.repo.release(idempotencyKey, hash);
      throw e;
    }
    await this.d.repo.saveResponse(idempotencyKey, response);
    return response;
  }

  private async intake(body: IntakeBody): Promise<IntakeResponse> {
    const c = body.customer;
    const identities: IdentityInput[] = [];
    if (c.externalId != null) identities.push({ kind: 'EXTERNAL_ID', value: c.externalId });
    if (c.mobile != null) identities.push({ kind: 'MOBILE', value: c.mobile });
    if (c.email != null) identities.push({ kind: 'EMAIL', value: c.email });
    // Every identity is validated before the customer is found or created.
    const { customer } = await this.d.customers.findOrCreateByIdentities(identities, c.name ?? null);
    let result;
    try {
      result = await this.d.tickets.intakeCustomerMessage({
        channel: 'API',
        customerId: customer.id,
        externalMessageId: body.messageId,
        text: body.text ?? '',
        attachments: (body.attachments ?? []).map((a) => ({ ...a, url: a.url ?? null })),
        subject: body.subject ?? null,
      });
    } catch (e) {
      // The body was checked against the same limits; should they drift, still a 400, not a 500.
      if (e instanceof ZodError) {
        throw new PlatformError('VALIDATION_FAILED', 'The request body is not valid', {
          issues: e.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })),
        });
      }
      throw e;
    }
    return {
      status: result.created ? 201 : 200,
      body: {
        created: result.created,
        ticket: { id: result.ticket._id, number: result.ticket.number, status: result.ticket.status },
        message: { id: result.message._id },
        customer: { id: customer.id },
      },
    };
  }

  /** Forgets expired Idempotency-Keys in every tenant (FerretDB has no TTL indexes). */
  async expireIdempotencyKeys(now = new Date()): Promise<number> {
    let removed = 0;
    await forEachTenant(this.d.directory, async () => {
      removed += await this.d.repo.deleteExpired(now);
    });
    return removed;
  }
}
