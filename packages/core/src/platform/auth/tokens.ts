import { generateKeyPairSync, createPublicKey, type JsonWebKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import mongoose from 'mongoose';
import { z } from 'zod';
import type { Config } from '../config/index.js';
import { seal, unseal } from '../crypto.js';
import type { Database } from '../db/index.js';
import { newId } from '../ids.js';
import { runAsSystem } from '../tenancy/context.js';
import { PlatformError, unauthenticated } from '../errors.js';
import { LruCache } from '../lru.js';
import { SigningKeyModel, type SigningKeyRecord } from './signing-key-model.js';
import { PROVIDER_ROLES, TENANT_ROLES } from './principal.js';

/** The only algorithm accepted. Pinned: no `none`, no HS* with a public key, no negotiation. */
export const TOKEN_ALGORITHM = 'ES256' as const;

/** The JWT registered claims every Tandem token carries (exp required). */
const registeredClaims = {
  iat: z.number().int(),
  exp: z.number().int(),
  nbf: z.number().int().optional(),
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  jti: z.string(),
};

export const accessClaimsSchema = z
  .object({
    sub: z.string().regex(/^usr_[0-9A-Za-z]{20}$/),
    sid: z.string().regex(/^ses_[0-9A-Za-z]{20}$/),
    tid: z
      .string()
      .regex(/^tn_[0-9A-Za-z]{20}$/)
      .nullable(),
    trole: z.enum(TENANT_ROLES).nullable(),
    prole: z.enum(PROVIDER_ROLES).nullable(),
    ver: z.number().int().min(0),
    ...registeredClaims,
  })
  .strict();

export type AccessClaims = z.infer<typeof accessClaimsSchema>;

/** A brand's own reference for its customer: opaque (no emails, no phone-number formatting). */
export const CUSTOMER_REF_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._:-]{0,127}$/;

export const customerClaimsSchema = z
  .object({
    typ: z.literal('customer'),
    sub: z.string().regex(CUSTOMER_REF_PATTERN),
    tid: z.string().regex(/^tn_[0-9A-Za-z]{20}$/),
    name: z.string().max(120).nullable(),
    ...registeredClaims,
  })
  .strict();

export type CustomerClaims = z.infer<typeof customerClaimsSchema>;

export type VerifiedToken =
  { kind: 'staff'; claims: AccessClaims } | { kind: 'customer'; claims: CustomerClaims };

interface LoadedKey {
  kid: string;
  publicKeyPem: string;
  privateKeyPem: string;
  usableForSigning: boolean;
  retiresAt: Date | null;
}

const KID_PATTERN = /^sk_[0-9A-Za-z]{20}$/;

/**
 * Signing keys live in the database (sealed with the master key) so every API process signs
 * and verifies with the same set. Rotation adds a key; the old one keeps verifying until the
 * longest-lived token it signed has expired, then drops out of the JWKS.
 */
export class TokenService {
  private keys = new Map<string, LoadedKey>();
  /**
   * Tokens this process verified, by their exact text: a token is verified once per process, not
   * once per request (an ES256 verification is most of what refusing a flood would cost). A hit
   * is only used until the token's exp; any change to the text is another key.
   */
  private readonly verified = new LruCache<string, VerifiedToken>(20_000, 15 * 60_000);
  private loadedAt = 0;
  private lastMissReload = 0;

  constructor(
    private readonly db: Database,
    private readonly config: Config,
  ) {}

  private get masterKey(): Buffer {
    return Buffer.from(this.config.TANDEM_MASTER_KEY, 'base64');
  }

  private model() {
    return this.db.model(SigningKeyModel);
  }

  async reload(): Promise<void> {
    const now = new Date();
    const rows = await runAsSystem('tokens.load-keys', () =>
      this.model().find({}).sort({ createdAt: -1 }).lean<SigningKeyRecord[]>(),
    );
    const next = new Map<string, LoadedKey>();
    for (const r of rows) {
      if (r.retiresAt && r.retiresAt <= now) continue;
      next.set(r._id, {
        kid: r._id,
        publicKeyPem: r.publicKeyPem,
        privateKeyPem: this.unsealKey(r._id, r.privateKeySealed),
        usableForSigning: r.rotatedAt === null,
        retiresAt: r.retiresAt,
      });
    }
    this.keys = next;
    this.loadedAt = Date.now();
  }

  private unsealKey(kid: string, sealed: string): string {
    try {
      return unseal(sealed, this.masterKey);
    } catch (cause) {
      throw new PlatformError(
        'SERVICE_UNAVAILABLE',
        `Signing key ${kid} cannot be decrypted: TANDEM_MASTER_KEY is not the key this database was set up with`,
        { cause },
      );
    }
  }

  /** At boot: make sure a signing key exists (any process may create the first one). */
  async ensureKey(): Promise<void> {
    await this.reload();
    if (![...this.keys.values()].some((k) => k.usableForSigning)) {
      await this.createKey();
      await this.reload();
    }
  }

  private async createKey(): Promise<string> {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = newId('sk');
    await runAsSystem('tokens.create-key', () =>
      this.model().create({
        _id: kid,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        privateKeySealed: seal(
          privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          this.masterKey,
        ),
        rotatedAt: null,
        retiresAt: null,
      }),
    );
    return kid;
  }

  /** New tokens are signed with a fresh key; old keys verify until their tokens have expired. */
  async rotate(): Promise<string> {
    const now = new Date();
    const retiresAt = new Date(now.getTime() + (this.config.ACCESS_TOKEN_TTL_SECONDS + 60) * 1000);
    const kid = await this.createKey();
    await runAsSystem('tokens.rotate', () =>
      this.model().updateMany(
        { _id: mongoose.trusted({ $ne: kid }), rotatedAt: null },
        { $set: { rotatedAt: now, retiresAt } },
      ),
    );
    await this.reload();
    return kid;
  }

  private async current(): Promise<LoadedKey> {
    if (Date.now() - this.loadedAt > 30_000) await this.reload();
    const key = [...this.keys.values()].find((k) => k.usableForSigning);
    if (!key) {
      await this.ensureKey();
      return this.current();
    }
    return key;
  }

  async sign(claims: Pick<AccessClaims, 'sub' | 'sid' | 'tid' | 'trole' | 'prole' | 'ver'>): Promise<{
    token: string;
    expiresAt: Date;
  }> {
    return this.signWith(
      { sid: claims.sid, tid: claims.tid, trole: claims.trole, prole: claims.prole, ver: claims.ver },
      claims.sub,
      this.config.JWT_AUDIENCE,
      this.config.ACCESS_TOKEN_TTL_SECONDS,
    );
  }

  /** Customer tokens have their own audience, so one can never pass for a staff token. */
  private get customerAudience(): string {
    return `${this.config.JWT_AUDIENCE}/customer`;
  }

  async signCustomer(claims: {
    tid: string;
    sub: string;
    name: string | null;
  }): Promise<{ token: string; expiresAt: Date }> {
    return this.signWith(
      { typ: 'customer', tid: claims.tid, name: claims.name },
      claims.sub,
      this.customerAudience,
      this.config.CUSTOMER_SESSION_TTL_SECONDS,
    );
  }

  private async signWith(
    payload: Record<string, unknown>,
    subject: string,
    audience: string,
    ttl: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const key = await this.current();
    const token = jwt.sign(payload, key.privateKeyPem, {
      algorithm: TOKEN_ALGORITHM,
      keyid: key.kid,
      expiresIn: ttl,
      issuer: this.config.JWT_ISSUER,
      audience,
      subject,
      jwtid: newId('req'),
    });
    return { token, expiresAt: new Date(Date.now() + ttl * 1000) };
  }

  /** Verifies signature, algorithm, kid, exp (required), nbf, iss, aud and the claim shape. */
  async verify(token: string): Promise<VerifiedToken> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.claims.exp * 1000 > Date.now()) return hit;
      this.verified.delete(token);
    }
    const result = await this.verifyUncached(token);
    this.verified.set(token, result);
    return result;
  }

  private async verifyUncached(token: string): Promise<VerifiedToken> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw unauthenticated('Malformed token');
    const { alg, kid } = decoded.header;
    if (alg !== TOKEN_ALGORITHM || typeof kid !== 'string' || !KID_PATTERN.test(kid)) {
      throw unauthenticated('Token not accepted');
    }
    let key = this.keys.get(kid);
    if (!key && Date.now() - this.lastMissReload > 2_000) {
      this.lastMissReload = Date.now();
      await this.reload();
      key = this.keys.get(kid);
    }
    if (!key) throw unauthenticated('Token not accepted');
    let payload: unknown;
    try {
      payload = jwt.verify(token, key.publicKeyPem, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: [this.config.JWT_AUDIENCE, this.customerAudience],
        clockTolerance: 5,
        maxAge: `${Math.max(this.config.ACCESS_TOKEN_TTL_SECONDS, this.config.CUSTOMER_SESSION_TTL_SECONDS) + 5}s`,
      });
    } catch {
      throw unauthenticated('Token not accepted');
    }
    const aud = (payload as { aud?: unknown }).aud;
    if (aud === this.customerAudience) {
      const customer = customerClaimsSchema.safeParse(payload);
      if (
        !customer.success ||
        customer.data.exp - customer.data.iat > this.config.CUSTOMER_SESSION_TTL_SECONDS
      ) {
        throw unauthenticated('Token not accepted');
      }
      return { kind: 'customer', claims: customer.data };
    }
    const claims = accessClaimsSchema.safeParse(payload);
    if (
      !claims.success ||
      claims.data.aud !== this.config.JWT_AUDIENCE ||
      claims.data.exp - claims.data.iat > this.config.ACCESS_TOKEN_TTL_SECONDS
    ) {
      throw unauthenticated('Token not accepted');
    }
    return { kind: 'staff', claims: claims.data };
  }

  /** The public keys as a JWKS document, for services that verify Tandem tokens. */
  async jwks(): Promise<{ keys: (JsonWebKey & { kid: string; alg: string; use: string })[] }> {
    if (Date.now() - this.loadedAt > 30_000) await this.reload();
    return {
      keys: [...this.keys.values()].map((k) => ({
        ...createPublicKey(k.publicKeyPem).export({ format: 'jwk' }),
        kid: k.kid,
        alg: TOKEN_ALGORITHM,
        use: 'sig',
      })),
    };
  }
}
