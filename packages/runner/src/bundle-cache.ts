import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle } from './build-bundle.js';
import { contentHash } from './content-hash.js';

/** What the cache remembers of one entry's last build. */
interface Manifest {
  toolchain: string;
  bundle: string;
  /** Input path (relative to the working directory) → hash of its content. */
  inputs: Record<string, string>;
}

/**
 * A process may start a bundle a while after it read its name from the manifest (a lab waiting for a
 * dependency's health): a bundle superseded this long ago is no longer started by anyone, and removed.
 */
const STALE_BUNDLE_MS = 10 * 60_000;

let toolchainCache: string | undefined;
/**
 * A new esbuild or Node may compile differently, and so may this runner's own code (its plugin, its
 * options): any of them changing invalidates every bundle.
 */
const toolchain = () => {
  if (toolchainCache) return toolchainCache;
  const esbuild = createRequire(import.meta.url)('esbuild/package.json') as { version: string };
  const ownDir = dirname(fileURLToPath(import.meta.url));
  const own = readdirSync(ownDir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => `${name}\0${readFileSync(join(ownDir, name), 'utf8')}`);
  toolchainCache = `esbuild ${esbuild.version}, node ${process.version}, runner ${contentHash(own.join('\0'))}`;
  return toolchainCache;
};

const readJson = <T>(file: string): T | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
};

const fileHash = (file: string) => {
  try {
    return contentHash(readFileSync(file));
  } catch {
    return undefined;
  }
};

/**
 * Temp file, then rename: several processes (test workers, a lab starting many services) may
 * compile the same entry at once, and none must ever see a half-written file.
 */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

/** The bundle of the manifest, if every input it was built from still has the same content. */
function freshBundle(
  manifest: Manifest | undefined,
  workingDir: string,
  cacheDir: string,
): string | undefined {
  if (!manifest || manifest.toolchain !== toolchain()) return undefined;
  for (const [input, hash] of Object.entries(manifest.inputs)) {
    if (fileHash(join(workingDir, input)) !== hash) return undefined;
  }
  const bundle = join(cacheDir, manifest.bundle);
  return statSync(bundle, { throwIfNoEntry: false }) ? bundle : undefined;
}

/**
 * Marks the bundle a new manifest replaces as superseded now: its mtime, from here on, is when the
 * manifest stopped naming it (it may have been built long ago yet been handed out a moment ago).
 */
function markSuperseded(cacheDir: string, bundle: string): void {
  const now = new Date();
  for (const file of [bundle, `${bundle}.map`]) {
    try {
      utimesSync(join(cacheDir, file), now, now);
    } catch {
      // Already removed by another process's sweep: nothing left to keep.
    }
  }
}

/**
 * Removes this entry's other bundles (and temp files of crashed writes) superseded more than
 * STALE_BUNDLE_MS ago. Every bundle is either current, or was marked when superseded, or lost a race
 * to a concurrent build of the same entry (then its mtime is its build, moments before it lost).
 */
function removeStale(cacheDir: string, entryKey: string, current: string): void {
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith(`${entryKey}-`) || name.startsWith(current)) continue;
    const file = join(cacheDir, name);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > STALE_BUNDLE_MS) rmSync(file, { force: true });
  }
}

export interface CompiledEntry {
  /** The bundle to run. */
  bundle: string;
  /** True when this call built it (a cold or invalidated cache). */
  built: boolean;
}

/**
 * The bundle of `entry` (absolute path) from the cache in `cacheDir`, built first when missing or
 * when any file it was made from has changed. A warm call reads and hashes the inputs; no build.
 */
export async function compileEntry(
  entry: string,
  workingDir: string,
  cacheDir: string,
): Promise<CompiledEntry> {
  const entryKey = contentHash(entry);
  const manifestFile = join(cacheDir, `${entryKey}.json`);
  const cached = freshBundle(readJson<Manifest>(manifestFile), workingDir, cacheDir);
  if (cached) return { bundle: cached, built: false };

  mkdirSync(cacheDir, { recursive: true });
  const built = await buildBundle(entry, workingDir, cacheDir);
  const inputs: Record<string, string> = {};
  for (const [input, hash] of built.inputs) inputs[relative(workingDir, input)] = hash;
  const version = contentHash(JSON.stringify(inputs) + toolchain());
  const name = `${entryKey}-${version}.mjs`;
  writeAtomically(join(cacheDir, `${name}.map`), built.map);
  writeAtomically(
    join(cacheDir, name),
    Buffer.concat([built.code, Buffer.from(`//# sourceMappingURL=${name}.map\n`)]),
  );
  const replaced = readJson<Manifest>(manifestFile)?.bundle;
  if (replaced && replaced !== name) markSuperseded(cacheDir, replaced);
  writeAtomically(
    manifestFile,
    JSON.stringify({ toolchain: toolchain(), bundle: name, inputs } satisfies Manifest),
  );
  removeStale(cacheDir, entryKey, `${entryKey}-${version}`);
  return { bundle: join(cacheDir, name), built: true };
}
