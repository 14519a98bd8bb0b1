export {
  AddressPolicy,
  cidrListSchema,
  parseAddress,
  type AddressVerdict,
  type Cidr,
} from './address-policy.js';
export {
  OutboundError,
  OutboundHttpClient,
  type OutboundClientOptions,
  type OutboundErrorCode,
  type OutboundRequest,
  type OutboundResponse,
  type ResolvedAddress,
  type Resolver,
} from './outbound-http.js';
