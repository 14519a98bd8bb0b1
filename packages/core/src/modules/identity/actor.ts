import type { Principal } from '../../platform/auth/principal.js';

/** Who did something, for `createdBy` fields: an id, never a name or an email. */
export function actorId(p: Principal): string {
  switch (p.kind) {
    case 'user':
      return p.userId;
    case 'apiKey':
      return p.keyId;
    case 'system':
      return 'system';
    case 'customer':
      return `customer:${p.customerRef}`;
    case 'anonymous':
      return 'anonymous';
  }
}
