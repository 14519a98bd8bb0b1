// A complete small module, used by tests/integration/module-contract.integration.test.ts to show
// that a module plugs in from its declaration alone. Its shape is the one every module copies.
import { z } from 'zod';
import { resolver } from '../../../packages/core/src/platform/graphql/policy.js';
import { anyQuery, defineRoute, noBody } from '../../../packages/core/src/platform/http/routes.js';
import { defineModule, defineQueue } from '../../../packages/core/src/platform/module.js';
import { NOTES_ERRORS } from './errors.js';
import { NoteModel, type NoteRecord } from './model.js';
import { NotesRepository } from './repository.js';
import { NotesService, notesIds } from './service.js';

const dto = (n: NoteRecord) => ({ id: n._id, text: n.text, processed: n.processedAt !== null });
const noteId = notesIds.schema('note');

export const notesModule = defineModule({
  // First: the service type of everything below is inferred from what create() returns.
  create: ({ platform }) => new NotesService(new NotesRepository(platform.db)),
  name: 'notes',
  summary: 'Test notes: a worked example of the module contract',
  ids: notesIds,
  models: [NoteModel],
  errors: NOTES_ERRORS,
  scopes: { NOTES_READ: 'Read test notes' },
  graphql: {
    typeDefs: /* GraphQL */ `
      type Note {
        id: ID!
        text: String!
        processed: Boolean!
      }
      type Query {
        """
        Tenant users; API keys with NOTES_READ.
        """
        note(id: ID!): Note!
      }
      type Mutation {
        """
        Tenant admins.
        """
        addNote(text: String!): Note!
      }
    `,
    typePolicies: { Note: 'inherit-from-parent' },
    resolvers: ({ service }) => ({
      Query: {
        note: resolver(
          { tenant: ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT'], apiKey: ['NOTES_READ'] },
          z.object({ id: noteId }),
          async (a) => dto(await service.get(a.id)),
        ),
      },
      Mutation: {
        addNote: resolver({ tenant: ['TENANT_ADMIN'] }, z.object({ text: z.string() }), async (a) =>
          dto(await service.add(a.text)),
        ),
      },
    }),
  },
  routes: ({ service }) => [
    defineRoute({
      method: 'get',
      path: '/v1/test-notes/:id',
      summary: 'One note, as JSON',
      policy: { tenant: ['TENANT_ADMIN'], apiKey: ['NOTES_READ'] },
      params: z.object({ id: noteId }).strict(),
      query: anyQuery,
      body: noBody,
      async handler({ params, res }) {
        res.json(dto(await service.get(params.id)));
      },
    }),
  ],
  queues: ({ service }) => [
    defineQueue({
      name: 'test-notes',
      concurrency: 1,
      perTenant: { max: 10, durationMs: 1000 },
      payload: z.object({ noteId }),
      handle: (p) => service.process(p.noteId),
    }),
  ],
  tenantData: { kind: 'models' },
});
