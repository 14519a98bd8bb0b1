// The one test configuration of the monorepo: `npm test` runs
// `vitest run --config tests/vitest.config.ts` from the root.
//
// - Real services: tests/setup/global-setup.ts starts FerretDB and Redis once per run (unless
//   MONGODB_URI / REDIS_URL are given, or `cli up` left them running) and stops them at the end.
//   Tests read the URIs with `inject('mongoUri')` / `inject('redisUrl')`; child processes get
//   MONGODB_URI / REDIS_URL in their environment. Each suite uses its own database
//   (`freshDatabaseName` from @tandem/services).
// - Workspace packages are imported from source (no build needed to test).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromRoot = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

export default defineConfig({
  root: fromRoot(''),
  resolve: {
    alias: [
      // graphql 16 has no exports map: Node loads its CJS build (main) for libraries such as
      // Apollo and graphql-tools, while Vite would pick the ESM build (module) for our sources —
      // two realms, and "Cannot use GraphQLObjectType from another module". One build for all.
      { find: /^graphql$/, replacement: fromRoot('node_modules/graphql/index.js') },
      { find: /^@tandem\/core\/testing$/, replacement: fromRoot('packages/core/src/testing/index.ts') },
      { find: /^@tandem\/core$/, replacement: fromRoot('packages/core/src/index.ts') },
      {
        find: /^@tandem\/sdk\/(client|plugin|events|webhooks)$/,
        replacement: fromRoot('packages/sdk/src/$1/index.ts'),
      },
      { find: /^@tandem\/sdk$/, replacement: fromRoot('packages/sdk/src/index.ts') },
      { find: /^@tandem\/services$/, replacement: fromRoot('tools/services/src/index.ts') },
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'tests/**/*.test.ts',
      'apps/admin/src/**/*.test.ts',
      'apps/admin/e2e/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '**/.turbo/**', 'bench/**', 'tests/bench/**'],
    globalSetup: [fromRoot('tests/setup/global-setup.ts')],
    environment: 'node',
    pool: 'forks',
    // every test file runs in a fresh module graph; nothing leaks between files
    isolate: true,
    // an empty workspace (no tests yet) is not a failure; a typo'd filter still reports "no files"
    passWithNoTests: true,
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: fromRoot('.run/test-results.json') }]],
    // integration tests talk to real servers over sockets
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    // mocks, stubbed globals and env never carry over from one test to the next
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
    sequence: { shuffle: false },
  },
});
