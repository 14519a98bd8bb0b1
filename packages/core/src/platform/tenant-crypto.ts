/**
 * Encryption of a tenant's sensitive fields with the tenant's own data key (envelope encryption:
 * the data key is sealed by the master key or a KMS). A port: the keyring module implements it,
 * other modules (customers, tickets…) use it through `ctx.port('tenantCrypto')`.
 *
 * Every call acts for the tenant in the current context (`requireTenant()`) and throws without
 * one. After the tenant is offboarded its key is destroyed (crypto-shredding): whatever
 * ciphertext is left anywhere — a missed document, a backup — can never be decrypted again.
 */
export interface TenantCrypto {
  /**
   * AES-256-GCM under the tenant's key, bound to the tenant and to `field` (a ciphertext moved to
   * another field or tenant does not decrypt). A fresh random IV each call: equal plaintexts give
   * different ciphertexts — look values up with `blindIndex`, never by ciphertext.
   */
  encrypt(plaintext: string, field: string): Promise<string>;
  /** The plaintext of what `encrypt` returned for the same tenant and field; throws otherwise. */
  decrypt(ciphertext: string, field: string): Promise<string>;
  /**
   * A keyed hash for lookups by value (HMAC-SHA256 with a key derived for this tenant and field):
   * equal for equal values in one tenant's field, unrelated across tenants and fields. Pass the
   * normalised value (`+8613812345678`, a lowercased email), or equal values will not match.
   */
  blindIndex(field: string, normalisedValue: string): Promise<string>;
}
