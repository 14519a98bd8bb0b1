import type { ApiScope, Principal } from '../../platform/auth/principal.js';
import { sha256 } from '../../platform/crypto.js';
import { notFound } from '../../platform/errors.js';
import { randomToken } from '../../platform/ids.js';
import { requireTenant } from '../../platform/tenancy/context.js';
import type { AuditService } from '../audit/index.js';
import { actorId } from './actor.js';
import { identityIds } from './ids.js';
import type { ApiKeyRecord } from './model.js';
import type { IdentityRepository } from './repository.js';

export interface ApiKeyWithSecret {
  apiKey: ApiKeyRecord;
  secret: string;
}

/** The current tenant's API keys: created with their scopes, shown once, revoked, rotated. */
export class ApiKeysService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly audit: AuditService,
  ) {}

  async createApiKey(actor: Principal, name: string, scopes: ApiScope[]): Promise<ApiKeyWithSecret> {
    const tenant = requireTenant();
    const random = randomToken(32);
    const secret = `tdk_live_${tenant.id}_${random}`;
    const apiKey = await this.repo.createApiKey({
      _id: identityIds.next('key'),
      name,
      prefix: `tdk_live_…${random.slice(-4)}`,
      hash: sha256(secret),
      scopes: [...new Set(scopes)],
      createdBy: actorId(actor),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.audit.record({
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: apiKey._id,
      after: { name, scopes: apiKey.scopes, prefix: apiKey.prefix },
    });
    return { apiKey, secret };
  }

  listApiKeys() {
    return this.repo.listApiKeys();
  }

  countActiveApiKeys() {
    return this.repo.countActiveApiKeys();
  }

  async revokeApiKey(id: string): Promise<ApiKeyRecord> {
    const before = await this.repo.findApiKey(id);
    if (!before) throw notFound('API key');
    if (before.revokedAt) return before;
    const after = await this.repo.revokeApiKey(id);
    if (!after) throw notFound('API key');
    await this.audit.record({
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: id,
      before: { name: before.name },
    });
    return after;
  }

  /** Provider rotation: every active key is revoked and replaced by one with the same name and scopes. */
  async rotateApiKeys(actor: Principal): Promise<ApiKeyWithSecret[]> {
    const active = (await this.repo.listApiKeys()).filter((k) => !k.revokedAt);
    const out: ApiKeyWithSecret[] = [];
    for (const key of active) {
      out.push(await this.createApiKey(actor, key.name, key.scopes));
      await this.revokeApiKey(key._id);
    }
    return out;
  }
}
