import { validatedLater } from '../../platform/control-chars.js';
import { PlatformError } from '../../platform/errors.js';
import { IDEMPOTENCY_HEADER, requestIdempotencyKey } from '../../platform/idempotency.js';
import { anyQuery, defineRoute, noParams } from '../../platform/http/routes.js';
import type { ModuleRef } from '../../platform/module.js';
import type { RouteSpec } from '../../platform/http/routes.js';
import { intakeBody, MAX_BODY_BYTES } from './inputs.js';
import type { ChannelsService } from './service.js';

/** The API channel: brands push their customers' messages. */
export const channelsRoutes = ({ service }: ModuleRef<ChannelsService>): RouteSpec[] => [
  defineRoute({
    method: 'post',
    path: '/v1/messages',
    summary:
      "A customer's message from the brand's app or backend: finds or creates the customer and the ticket",
    policy: { apiKey: ['MESSAGES_WRITE'] },
    params: noParams,
    query: anyQuery,
    // Checked in the handler after the size limit: a body over it is 413, whatever it holds.
    body: validatedLater(intakeBody),
    async handler({ body, req, res }) {
      if (Buffer.byteLength(JSON.stringify(body ?? null), 'utf8') > MAX_BODY_BYTES) {
        throw new PlatformError(
          'PAYLOAD_TOO_LARGE',
          `A message request is at most ${MAX_BODY_BYTES / 1024} KB`,
        );
      }
      const parsed = intakeBody.safeParse(body);
      if (!parsed.success) {
        throw new PlatformError('VALIDATION_FAILED', 'The request body is not valid', {
          issues: parsed.error.issues.map((i) => ({
            path: ['body', ...i.path].join('.'),
            message: i.message,
          })),
        });
      }
      const key = requestIdempotencyKey(req.get(IDEMPOTENCY_HEADER));
      const answer = await service.receiveApiMessage(parsed.data, key);
      res.status(answer.status).json(answer.body);
    },
  }),
];
