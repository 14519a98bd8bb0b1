// Public surface of `@tandem/sdk/client`: a thin GraphQL-over-HTTP transport for the Tandem API.
export { createTandemClient } from './create-client.js';
export type {
  GraphQLRequestOptions,
  TandemClient,
  TandemClientCredentials,
  TandemClientOptions,
} from './create-client.js';
export { TandemApiError, TandemClientErrorCode } from './errors.js';
export type { TandemApiErrorOptions } from './errors.js';
export type { GraphQLErrorItem } from './graphql-response.js';
