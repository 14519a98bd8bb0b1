// The API runs from source with tsx, but imports the *built* @tandem/sdk (its package exports
// point at dist/), as `npm run dev` does after `npm run build`. So does the bench itself, through
// tests/support → @tandem/core/testing: build the SDK before anything imports the core (a turbo
// cache hit when it is current). This module imports nothing of the core.
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../../tests/support/process.js';

export function buildSdk(): void {
  process.stderr.write('[bench] building @tandem/sdk (the core imports its dist/)\n');
  const r = spawnSync('npx', ['turbo', 'run', 'build', '--filter=@tandem/sdk', '--output-logs=errors-only'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 300_000,
  });
  if (r.status !== 0)
    throw new Error(`building @tandem/sdk failed (${r.error?.message ?? `exit ${r.status}`})`);
}
