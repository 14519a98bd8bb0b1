import { describe, expect, it } from 'vitest';
import { customerDto } from './dto.js';
import type { CustomerIdentityRecord, CustomerRecord } from './model.js';

const at = new Date('2026-11-24T08:00:00.000Z');
const customer: CustomerRecord = {
  _id: 'cus_AAAAAAAAAAAAAAAAAAAA',
  tenantId: 'tn_AAAAAAAAAAAAAAAAAAAA',
  displayName: '张伟',
  nameKey: '张伟',
  locale: 'zh-CN',
  tags: ['vip'],
  notes: null,
  attributes: { plan: 'gold' },
  residentId: { ciphertext: 'v1.tdk_x.iv.tag.RESIDENT-CIPHERTEXT', masked: '1101**********002X' },
  bankCard: null,
  address: { ciphertext: 'v1.tdk_x.iv.tag.ADDRESS-CIPHERTEXT', masked: '北京市朝阳区****' },
  mergedIntoId: null,
  mergedAt: null,
  version: 3,
  createdAt: at,
  updatedAt: at,
  pendingEvents: [],
  outboxAt: null,
  outboxSeq: 0,
};
const identity = (
  kind: CustomerIdentityRecord['kind'],
  display: string,
  ciphertext: string | null,
  id: string,
) => ({
  _id: id,
  tenantId: customer.tenantId,
  customerId: customer._id,
  kind,
  blindIndex: `BLIND-${id}`,
  ciphertext,
  display,
  createdAt: at,
});

describe('the customer DTO', () => {
  const dto = customerDto(customer, [
    identity('MOBILE', '138****8000', 'v1.tdk_x.iv.tag.MOBILE-CIPHERTEXT', 'cid_1'),
    identity('MOBILE', '139****0000', 'v1.tdk_x.iv.tag.MOBILE2-CIPHERTEXT', 'cid_2'),
    identity('EMAIL', 'z***@example.com', 'v1.tdk_x.iv.tag.EMAIL-CIPHERTEXT', 'cid_3'),
    identity('EXTERNAL_ID', 'crm-42', null, 'cid_4'),
    { ...identity('EMAIL', 'o***@other.com', 'x', 'cid_5'), customerId: 'cus_BBBBBBBBBBBBBBBBBBBB' },
  ]);

  it('carries masks only: no ciphertext or blind index reaches a reader', () => {
    const text = JSON.stringify(dto);
    expect(text).not.toMatch(/CIPHERTEXT|BLIND-/);
    expect(dto).toMatchObject({
      mobile: '138****8000',
      email: 'z***@example.com',
      residentId: '1101**********002X',
      address: '北京市朝阳区****',
      bankCard: null,
      externalId: 'crm-42',
      visitorId: null,
    });
  });

  it('lists the customer’s own identities, first ones as the primary fields', () => {
    expect(dto.identities.map((i) => [i.id, i.kind, i.value])).toEqual([
      ['cid_1', 'MOBILE', '138****8000'],
      ['cid_2', 'MOBILE', '139****0000'],
      ['cid_3', 'EMAIL', 'z***@example.com'],
      ['cid_4', 'EXTERNAL_ID', 'crm-42'],
    ]);
  });
});
