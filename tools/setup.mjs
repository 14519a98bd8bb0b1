#!/usr/bin/env node
// Project setup: builds the project-local FerretDB binary (.tools/bin/ferretdb) from the pinned
// Go module in tools/ferretdb/. Plain Node ESM with no dependencies, so it runs before or without
// `npm ci`. Run it with `npm run setup` (or `node tools/setup.mjs`).
//
// - Skips the build when MONGODB_URI is set (an external MongoDB-compatible server is used).
// - Rebuilds when the binary is missing, when tools/ferretdb/{go.mod,go.sum,*.go} are newer
//   than it, or when their content hash differs from .tools/bin/ferretdb.stamp.
// - Finds `go` on PATH, then /usr/local/go/bin/go (or GO_BIN).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const moduleDir = join(root, 'tools', 'ferretdb');
const binDir = join(root, '.tools', 'bin');
const binary = join(binDir, 'ferretdb');
const stampFile = join(binDir, 'ferretdb.stamp');
// go.mod, go.sum and every (non-test) Go source file of the tool module
const sources = [
  'go.mod',
  'go.sum',
  ...readdirSync(moduleDir)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
    .sort(),
].map((f) => join(moduleDir, f));

function log(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

function fail(code, message) {
  process.stderr.write(`[setup] ${code}: ${message}\n`);
  process.exit(1);
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function findGo() {
  if (process.env.GO_BIN) {
    if (isExecutable(process.env.GO_BIN)) return process.env.GO_BIN;
    fail('SETUP_GO_NOT_FOUND', `GO_BIN=${process.env.GO_BIN} is not an executable file.`);
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'go'))) return join(dir, 'go');
  }
  for (const candidate of ['/usr/local/go/bin/go', '/usr/lib/go/bin/go']) {
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of sources) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Returns the reason a build is needed, or undefined when the binary is current. */
function buildReason(hash) {
  if (!existsSync(binary)) return 'binary missing';
  const stamp = readStamp();
  if (stamp)
    return stamp.hash === hash ? undefined : 'tools/ferretdb sources changed (hash differs from stamp)';
  // No stamp yet: fall back to modification times.
  const binTime = statSync(binary).mtimeMs;
  const newer = sources.filter((f) => statSync(f).mtimeMs > binTime);
  if (newer.length > 0) return `${newer.map((f) => relative(root, f)).join(', ')} newer than the binary`;
  writeStamp(hash, undefined); // built before stamps existed and newer than its sources: adopt it
  return undefined;
}

function writeStamp(hash, goVersion) {
  writeFileSync(
    stampFile,
    `${JSON.stringify({ hash, goVersion: goVersion ?? null, builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
}

/**
 * A fresh clone has no node_modules: install them from the lockfile (npm ci), and again when the
 * lockfile is newer than the installed tree. So `npm run dev` and `npm test` work on a fresh machine.
 */
function installNodeModules() {
  const lock = join(root, 'package-lock.json');
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log(existsSync(installed) ? 'package-lock.json changed: npm ci' : 'no node_modules: npm ci');
  const started = process.hrtime.bigint();
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.error || result.status !== 0) {
    fail('SETUP_NPM_CI_FAILED', `npm ci failed (${result.error?.message ?? `exit code ${result.status}`})`);
  }
  log(`npm ci took ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
}

function main() {
  installNodeModules();
  if (process.env.MONGODB_URI) {
    log('MONGODB_URI is set: using that server, FerretDB build skipped.');
    return;
  }
  for (const file of sources) {
    if (!existsSync(file)) fail('SETUP_FERRETDB_MODULE_MISSING', `${relative(root, file)} not found.`);
  }
  mkdirSync(binDir, { recursive: true });

  const hash = sourceHash();
  const reason = buildReason(hash);
  if (!reason) {
    log(`FerretDB up to date: ${relative(root, binary)}`);
    return;
  }

  const go = findGo();
  if (!go) {
    fail(
      'SETUP_GO_NOT_FOUND',
      'Go (1.24 or newer) is needed to build FerretDB but `go` is neither on PATH nor at /usr/local/go/bin/go. ' +
        'Install Go from https://go.dev/dl/ (or set GO_BIN), or set MONGODB_URI to use an existing MongoDB.',
    );
  }
  const version = spawnSync(go, ['version'], { encoding: 'utf8' });
  const goVersion = version.status === 0 ? version.stdout.trim() : 'unknown';

  log(`building FerretDB (${reason}) with ${goVersion} ...`);
  const tmp = `${binary}.tmp-${process.pid}`;
  const started = process.hrtime.bigint();
  const result = spawnSync(go, ['build', '-trimpath', '-o', tmp, '.'], {
    cwd: moduleDir,
    stdio: 'inherit',
    env: {
      ...process.env,
      // FerretDB's SQLite driver is pure Go: no C toolchain needed.
      CGO_ENABLED: process.env.CGO_ENABLED ?? '0',
      GOFLAGS: process.env.GOFLAGS ?? '-buildvcs=false',
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error || result.status !== 0) {
    rmSync(tmp, { force: true });
    fail(
      'SETUP_FERRETDB_BUILD_FAILED',
      `go build failed after ${seconds.toFixed(1)} s (${result.error?.message ?? `exit code ${result.status}`}). ` +
        'It needs the Go module proxy (or a filled module cache) for github.com/FerretDB/FerretDB v1.24.2.',
    );
  }
  renameSync(tmp, binary);
  writeStamp(hash, goVersion);
  log(`built ${relative(root, binary)} in ${seconds.toFixed(1)} s`);
}

main();
