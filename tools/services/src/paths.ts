import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root: the nearest folder above this file whose package.json declares workspaces. */
export function findRepoRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(start);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
        if (typeof parsed === 'object' && parsed !== null && 'workspaces' in parsed) return dir;
      } catch {
        // not a usable manifest: keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    dir = parent;
  }
}

export interface ProjectPaths {
  root: string;
  /** git-ignored runtime folder: state files and logs */
  run: string;
  logs: string;
  /** state of the services started by `cli up` */
  stateFile: string;
  /** state files of services owned by a running process (test runs, demos) */
  runsDir: string;
  /** git-ignored data folder (SQLite backends) */
  data: string;
  ferretdbBin: string;
}

export function projectPaths(root: string = findRepoRoot()): ProjectPaths {
  const run = join(root, '.run');
  return {
    root,
    run,
    logs: join(run, 'logs'),
    stateFile: join(run, 'services.json'),
    runsDir: join(run, 'services'),
    data: join(root, '.data'),
    ferretdbBin: join(root, '.tools', 'bin', 'ferretdb'),
  };
}
