import type { ApiKeyFieldsFragment } from '../../api/generated/graphql';
import type { ResultOf } from '../../api/operation';
import type { CreateApiKeyMutation } from './documents';

export type ApiKey = ApiKeyFieldsFragment;
/** A new key with its secret (shown once). */
export type CreatedApiKey = ResultOf<typeof CreateApiKeyMutation>['createApiKey'];
