import type { IdentityKind } from './fields.js';
import type { AttributeValue, CustomerIdentityRecord, CustomerRecord } from './model.js';

export interface CustomerIdentityDto {
  id: string;
  kind: IdentityKind;
  /** Masked for EMAIL and MOBILE (`138****5678`, `z***@example.com`); opaque ids as they are. */
  value: string;
  createdAt: Date;
}

/** A customer as every reader sees it: PII masked; plaintext only through an audited reveal. */
export interface CustomerDto {
  id: string;
  displayName: string | null;
  locale: string | null;
  tags: string[];
  notes: string | null;
  attributes: Record<string, AttributeValue>;
  externalId: string | null;
  visitorId: string | null;
  email: string | null;
  mobile: string | null;
  residentId: string | null;
  bankCard: string | null;
  address: string | null;
  identities: CustomerIdentityDto[];
  mergedIntoId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Builds the masked DTO: it reads only masks and opaque ids, never a ciphertext. */
export function customerDto(c: CustomerRecord, identities: readonly CustomerIdentityRecord[]): CustomerDto {
  const own = identities.filter((i) => i.customerId === c._id);
  const first = (kind: IdentityKind) => own.find((i) => i.kind === kind)?.display ?? null;
  return {
    id: c._id,
    displayName: c.displayName,
    locale: c.locale,
    tags: c.tags,
    notes: c.notes,
    attributes: c.attributes,
    externalId: first('EXTERNAL_ID'),
    visitorId: first('VISITOR_ID'),
    email: first('EMAIL'),
    mobile: first('MOBILE'),
    residentId: c.residentId?.masked ?? null,
    bankCard: c.bankCard?.masked ?? null,
    address: c.address?.masked ?? null,
    identities: own.map((i) => ({ id: i._id, kind: i.kind, value: i.display, createdAt: i.createdAt })),
    mergedIntoId: c.mergedIntoId,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
