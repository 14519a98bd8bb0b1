import { z } from 'zod';

export const graphqlErrorItemSchema = z.looseObject({
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  extensions: z.looseObject({ code: z.string().optional() }).optional(),
});

/** The GraphQL-over-HTTP response body; extra members are tolerated, as the spec allows. */
export const graphqlResponseSchema = z.looseObject({
  data: z.unknown().optional(),
  errors: z.array(graphqlErrorItemSchema).optional(),
});

export type GraphQLErrorItem = z.infer<typeof graphqlErrorItemSchema>;
export type GraphQLResponse = z.infer<typeof graphqlResponseSchema>;
