import {
  containsPii,
  foldValue,
  maskBankCard,
  maskEmail,
  maskMobile,
  maskResidentId,
  normaliseBankCard,
  normaliseEmail,
  normaliseMobile,
  normaliseResidentId,
  type Normalised,
} from '../../platform/pii/index.js';
import { CustomersError, type CustomersErrorCode } from './errors.js';

/**
 * The values a customer profile holds that name or reach a person, one place for how each is
 * normalised (so different spellings of one value meet), masked, and where it is encrypted.
 */
export const IDENTITY_KINDS = ['EMAIL', 'MOBILE', 'EXTERNAL_ID', 'VISITOR_ID'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** PII a person may reveal (one at a time, audited). EMAIL and MOBILE are identities as well. */
export const PII_FIELDS = ['EMAIL', 'MOBILE', 'RESIDENT_ID', 'BANK_CARD', 'ADDRESS'] as const;
export type PiiField = (typeof PII_FIELDS)[number];

/** PII kept on the profile itself (email and mobile live in identities). */
export const PROFILE_PII = ['RESIDENT_ID', 'BANK_CARD', 'ADDRESS'] as const;
export type ProfilePii = (typeof PROFILE_PII)[number];

/** Identities that are personal data: encrypted, masked, revealable. */
export const isPiiIdentity = (k: IdentityKind): k is 'EMAIL' | 'MOBILE' => k === 'EMAIL' || k === 'MOBILE';

/** The tenantCrypto field name (associated data and blind-index key) of each value. */
export const CRYPTO_FIELD: Record<IdentityKind | PiiField, string> = {
  EMAIL: 'customer.email',
  MOBILE: 'customer.mobile',
  EXTERNAL_ID: 'customer.externalId',
  VISITOR_ID: 'customer.visitorId',
  RESIDENT_ID: 'customer.residentId',
  BANK_CARD: 'customer.bankCard',
  ADDRESS: 'customer.address',
};

const INVALID: Record<IdentityKind | PiiField, CustomersErrorCode> = {
  EMAIL: 'CUSTOMER_EMAIL_INVALID',
  MOBILE: 'CUSTOMER_MOBILE_INVALID',
  EXTERNAL_ID: 'CUSTOMER_EXTERNAL_ID_INVALID',
  VISITOR_ID: 'CUSTOMER_EXTERNAL_ID_INVALID',
  RESIDENT_ID: 'CUSTOMER_RESIDENT_ID_INVALID',
  BANK_CARD: 'CUSTOMER_BANK_CARD_INVALID',
  ADDRESS: 'CUSTOMER_ADDRESS_INVALID',
};

const LABEL: Record<IdentityKind | PiiField, string> = {
  EMAIL: 'email address',
  MOBILE: 'mobile number',
  EXTERNAL_ID: 'external id',
  VISITOR_ID: 'visitor id',
  RESIDENT_ID: 'resident ID number',
  BANK_CARD: 'bank card number',
  ADDRESS: 'address',
};

const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/**
 * The brand's opaque ids: printable, one line, at most 200 characters, case kept — and never a
 * person's email, phone or ID number (those are identities of their own, encrypted; an opaque id
 * travels in events and exports as it is).
 */
function normaliseOpaqueId(input: string): Normalised<string> {
  const v = input.normalize('NFKC').trim();
  if (v === '') return { ok: false, reason: 'EMPTY' };
  if (v.length > 200) return { ok: false, reason: 'TOO_LONG' };
  if (CONTROL.test(v)) return { ok: false, reason: 'INVALID_CHARACTERS' };
  if (containsPii(v) || normaliseMobile(v).ok || normaliseEmail(v).ok) {
    return { ok: false, reason: 'LOOKS_LIKE_PII' };
  }
  return { ok: true, value: v };
}

/** One line, 2–500 characters, spaces collapsed (full-width folded). */
function normaliseAddress(input: string): Normalised<string> {
  if (CONTROL.test(input)) return { ok: false, reason: 'INVALID_CHARACTERS' };
  const v = foldValue(input).replace(/\s+/g, ' ');
  if (v === '') return { ok: false, reason: 'EMPTY' };
  const length = [...v].length;
  if (length < 2) return { ok: false, reason: 'TOO_SHORT' };
  if (length > 500) return { ok: false, reason: 'TOO_LONG' };
  return { ok: true, value: v };
}

/**
 * `北京市朝阳区****`: the first third of the address (at most six characters — province and city
 * in a Chinese address), never the street or number.
 */
export function maskAddress(value: string): string {
  const chars = [...value];
  const keep = Math.min(6, Math.floor(chars.length / 3));
  return `${chars.slice(0, keep).join('')}****`;
}

const NORMALISE: Record<IdentityKind | PiiField, (v: string) => Normalised<string>> = {
  EMAIL: normaliseEmail,
  MOBILE: normaliseMobile,
  EXTERNAL_ID: normaliseOpaqueId,
  VISITOR_ID: normaliseOpaqueId,
  RESIDENT_ID: normaliseResidentId,
  BANK_CARD: normaliseBankCard,
  ADDRESS: normaliseAddress,
};

const MASK: Record<IdentityKind | PiiField, (normalised: string) => string> = {
  EMAIL: maskEmail,
  MOBILE: maskMobile,
  EXTERNAL_ID: (v) => v,
  VISITOR_ID: (v) => v,
  RESIDENT_ID: maskResidentId,
  BANK_CARD: maskBankCard,
  ADDRESS: maskAddress,
};

/** The normalised value, or the kind's client-visible error with the normaliser's reason (never the value). */
export function normaliseField(kind: IdentityKind | PiiField, input: string): string {
  const n = NORMALISE[kind](input);
  if (n.ok) return n.value;
  throw new CustomersError(INVALID[kind], `Not a valid ${LABEL[kind]} (${n.reason})`, {
    details: { field: kind, reason: n.reason },
  });
}

/** What people see by default: the mask of a PII value; an opaque id as it is. */
export function maskField(kind: IdentityKind | PiiField, normalised: string): string {
  return MASK[kind](normalised);
}
