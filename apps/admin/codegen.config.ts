import type { CodegenConfig } from '@graphql-codegen/cli';

// Result and variable types of every GraphQL document in src/, generated from the committed
// schema into src/api/generated/ (git-ignored; turbo runs `codegen` before typecheck and build).
// Generation validates each document against the schema, so a document that no longer matches
// fails the build before any type is checked.
const config: CodegenConfig = {
  schema: '../../packages/core/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/api/generated/**', '!src/**/*.test.ts'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    'src/api/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
      config: {
        // Plain strings on the wire: no GraphQL runtime in the browser bundle.
        documentMode: 'string',
        enumsAsTypes: true,
        futureProofEnums: false,
        skipTypename: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { ID: { input: 'string', output: 'string' }, DateTime: 'string', JSON: 'unknown' },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        dedupeFragments: true,
      },
    },
  },
};

export default config;
