import { notFound } from '../../platform/errors.js';
import { OutboundError, type OutboundHttpClient } from '../../platform/net/index.js';
import type { TenantCrypto } from '../../platform/tenant-crypto.js';
import type { AuditService } from '../audit/index.js';
import { WebhooksError } from './errors.js';
import { webhookIds } from './ids.js';
import type { CreateWebhookInput, UpdateWebhookInput } from './inputs.js';
import type { WebhookRecord } from './model.js';
import type { WebhooksRepository } from './repository.js';
import { newSecret } from './signing.js';

/** A tenant may keep this many subscriptions. */
export const MAX_WEBHOOKS_PER_TENANT = 20;
/** The tenantCrypto field the signing secrets are encrypted under. */
const SECRET_FIELD = 'webhook.secret';

/** What the API shows of a subscription (never the secret). */
export function webhookDto(w: WebhookRecord, now = new Date()) {
  const rotating = w.previousSecretExpiresAt !== null && w.previousSecretExpiresAt > now;
  return {
    id: w._id,
    url: w.url,
    eventTypes: w.eventTypes,
    active: w.active,
    description: w.description,
    secretRotatedAt: w.secretRotatedAt,
    previousSecretExpiresAt: rotating ? w.previousSecretExpiresAt : null,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}
export type WebhookView = ReturnType<typeof webhookDto>;

/** Tenant subscriptions: where to send which events, and their signing secrets. */
export class WebhookSubscriptions {
  constructor(
    private readonly repo: WebhooksRepository,
    private readonly client: OutboundHttpClient,
    private readonly crypto: TenantCrypto,
    private readonly audit: AuditService,
  ) {}

  /** The URL checks that need no DNS (every delivery checks again, resolving the host). */
  private checkUrl(url: string): string {
    try {
      return this.client.checkUrl(url).toString();
    } catch (e) {
      if (e instanceof OutboundError) throw new WebhooksError('WEBHOOK_URL_NOT_ALLOWED', e.message);
      throw e;
    }
  }

  async create(input: CreateWebhookInput): Promise<{ webhook: WebhookView; secret: string }> {
    const url = this.checkUrl(input.url);
    if ((await this.repo.count()) >= MAX_WEBHOOKS_PER_TENANT) {
      throw new WebhooksError('WEBHOOK_LIMIT_REACHED', `At most ${MAX_WEBHOOKS_PER_TENANT} webhooks`);
    }
    const secret = newSecret();
    const w = await this.repo.create({
      _id: webhookIds.next('whk'),
      url,
      eventTypes: input.eventTypes,
      active: input.active ?? true,
      description: input.description ?? '',
      encryptedSecret: await this.crypto.encrypt(secret, SECRET_FIELD),
    });
    const view = webhookDto(w);
    await this.audit.record({
      action: 'webhook.created',
      targetType: 'webhook',
      targetId: w._id,
      after: view,
    });
    return { webhook: view, secret };
  }

  list(): Promise<WebhookView[]> {
    return this.repo.list().then((all) => all.map((w) => webhookDto(w)));
  }

  async record(id: string): Promise<WebhookRecord> {
    const w = await this.repo.find(id);
    if (!w) throw notFound('Webhook');
    return w;
  }

  async get(id: string): Promise<WebhookView> {
    return webhookDto(await this.record(id));
  }

  async update(id: string, input: UpdateWebhookInput): Promise<WebhookView> {
    const before = await this.record(id);
    const changes = {
      ...(input.url ? { url: this.checkUrl(input.url) } : {}),
      ...(input.eventTypes ? { eventTypes: input.eventTypes } : {}),
      ...(input.description !== null && input.description !== undefined
        ? { description: input.description }
        : {}),
      ...(input.active !== null && input.active !== undefined ? { active: input.active } : {}),
    };
    const w = await this.repo.update(id, changes);
    if (!w) throw notFound('Webhook');
    const view = webhookDto(w);
    await this.audit.record({
      action: 'webhook.updated',
      targetType: 'webhook',
      targetId: id,
      before: webhookDto(before),
      after: view,
    });
    return view;
  }

  /** A new secret, shown once; the previous one keeps signing for `overlapHours`. */
  async rotate(id: string, overlapHours: number): Promise<{ webhook: WebhookView; secret: string }> {
    const before = await this.record(id);
    const now = new Date();
    const secret = newSecret();
    const previous =
      overlapHours > 0
        ? { encrypted: before.encryptedSecret, expiresAt: new Date(now.getTime() + overlapHours * 3_600_000) }
        : null;
    const w = await this.repo.rotate(id, await this.crypto.encrypt(secret, SECRET_FIELD), previous, now);
    if (!w) throw notFound('Webhook');
    const view = webhookDto(w, now);
    await this.audit.record({
      action: 'webhook.secret_rotated',
      targetType: 'webhook',
      targetId: id,
      after: view,
    });
    return { webhook: view, secret };
  }

  async remove(id: string): Promise<boolean> {
    const before = await this.record(id);
    if (!(await this.repo.remove(id))) throw notFound('Webhook');
    await this.audit.record({
      action: 'webhook.deleted',
      targetType: 'webhook',
      targetId: id,
      before: webhookDto(before),
    });
    return true;
  }

  /** Offboarding export: everything but the encrypted secrets (useless outside this deployment). */
  async exportAll(): Promise<[unknown[], unknown[]]> {
    const [webhooks, deliveries] = await this.repo.exportAll();
    const open = webhooks.map(
      ({ encryptedSecret: _s, previousEncryptedSecret: _p, ...rest }) =>
        rest as Omit<WebhookRecord, 'encryptedSecret'>,
    );
    return [open, deliveries];
  }

  eraseAll(): Promise<number> {
    return this.repo.eraseAll();
  }

  /** The secrets that sign now: the current one, then the previous one during its overlap. */
  async signingSecrets(w: WebhookRecord, now = new Date()): Promise<string[]> {
    const out = [await this.crypto.decrypt(w.encryptedSecret, SECRET_FIELD)];
    if (w.previousEncryptedSecret && w.previousSecretExpiresAt && w.previousSecretExpiresAt > now) {
      out.push(await this.crypto.decrypt(w.previousEncryptedSecret, SECRET_FIELD));
    }
    return out;
  }
}
