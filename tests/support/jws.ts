// Hand-built JSON Web Signatures for token attacks: every header, claim and signature is under the
// test's control (jsonwebtoken refuses to produce most of these). Also reads the test server's real
// signing key, so a forged token can differ from a genuine one in exactly the attacked aspect.
import { createHmac, createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import type { TestServer } from '@tandem/core/testing';
import { unseal } from '../../packages/core/src/platform/crypto.js';

export type JwsAlgorithm = 'none' | 'HS256' | 'ES256' | 'RS256';

export type JsonObject = Record<string, unknown>;

export const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

const segment = (obj: JsonObject): string => b64url(JSON.stringify(obj));

export interface DecodedJws {
  header: JsonObject;
  payload: JsonObject;
  /** the third segment, as sent */
  signature: string;
}

export function decodeJws(token: string): DecodedJws {
  const [h, p, s] = token.split('.');
  if (h === undefined || p === undefined || s === undefined) throw new Error('not a JWS compact token');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as JsonObject,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as JsonObject,
    signature: s,
  };
}

/**
 * Signs header.payload with the given algorithm. `key` is a PEM/KeyObject for ES256/RS256, the
 * HMAC secret for HS256 and ignored for `none` (empty signature). The header's `alg` is whatever
 * the caller put there: a lying header is one of the attacks.
 */
export function signJws(
  header: JsonObject,
  payload: JsonObject,
  algorithm: JwsAlgorithm,
  key?: string | Buffer | KeyObject,
): string {
  const input = `${segment(header)}.${segment(payload)}`;
  switch (algorithm) {
    case 'none':
      return `${input}.`;
    case 'HS256': {
      if (key === undefined || (typeof key === 'object' && !Buffer.isBuffer(key)))
        throw new Error('HS256 needs a secret');
      return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
    }
    case 'ES256': {
      if (key === undefined) throw new Error('ES256 needs a private key');
      const sig = cryptoSign('sha256', Buffer.from(input), {
        key: toPrivateKey(key),
        dsaEncoding: 'ieee-p1363',
      });
      return `${input}.${sig.toString('base64url')}`;
    }
    case 'RS256': {
      if (key === undefined) throw new Error('RS256 needs a private key');
      return `${input}.${cryptoSign('sha256', Buffer.from(input), toPrivateKey(key)).toString('base64url')}`;
    }
  }
}

function toPrivateKey(key: string | Buffer | KeyObject): KeyObject {
  return typeof key === 'string' || Buffer.isBuffer(key) ? createPrivateKey(key) : key;
}

/** The same header and signature around another payload (claims edited after signing). */
export function replacePayload(token: string, payload: JsonObject): string {
  const [h, , s] = token.split('.');
  return `${h}.${segment(payload)}.${s}`;
}

export interface ServerSigningKey {
  kid: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

interface SigningKeyRow {
  _id: string;
  publicKeyPem: string;
  privateKeySealed: string;
  rotatedAt: Date | null;
}

/** The key the server currently signs with, read from its database and unsealed with its master key. */
export async function serverSigningKey(server: TestServer): Promise<ServerSigningKey> {
  const db = server.services.db.connection.db;
  if (!db) throw new Error('database not connected');
  const rows = await db
    .collection<SigningKeyRow>('signing_keys')
    .find({ rotatedAt: null })
    .sort({ createdAt: -1 })
    .limit(1)
    .toArray();
  const row = rows[0];
  if (!row) throw new Error('no signing key in the database');
  return {
    kid: row._id,
    publicKeyPem: row.publicKeyPem,
    privateKeyPem: unseal(row.privateKeySealed, Buffer.from(server.config.TANDEM_MASTER_KEY, 'base64')),
  };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
