import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompiledEntry, compileEntry } from './bundle-cache.js';
import { SERVICE_FLAGS } from './service-flags.js';
import { parseTsxCommand } from './tsx-command.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/**
 * Below the root node_modules, so the packages a bundle keeps as imports (native modules, tools)
 * resolve exactly as they do from the sources.
 */
const DEFAULT_CACHE_DIR = resolve(REPO_ROOT, 'node_modules/.cache/journey-runner');

export interface CompileOptions {
  /** The directory the command runs in: a relative entry is relative to it. */
  cwd?: string;
  /** Where bundles are kept (tests use their own). */
  cacheDir?: string;
  /** Environment to read the `JOURNEY_RUNNER` switch from. */
  env?: NodeJS.ProcessEnv;
  /** Told when a bundle had to be built (absent: one line on stderr). */
  onBuild?(message: string): void;
}

/** One build per entry at a time within this process; other processes are kept apart by atomic writes. */
const inFlight = new Map<string, Promise<CompiledEntry>>();

function compileOnce(entry: string, cacheDir: string): Promise<CompiledEntry> {
  const key = `${cacheDir}\0${entry}`;
  const underWay = inFlight.get(key);
  // Only the call that started the build reports it.
  if (underWay) return underWay.then((compiled) => ({ ...compiled, built: false }));
  const compiling = compileEntry(entry, REPO_ROOT, cacheDir).finally(() => inFlight.delete(key));
  inFlight.set(key, compiling);
  return compiling;
}

/**
 * Turns `node --import tsx <entry.ts> …args` into `node <flags> <bundle.mjs> …args`: the entry, the
 * workspace code and the packages it imports compiled once by esbuild into a cached bundle, so the
 * process skips the loader's start-up and memory and reads one file instead of hundreds (ADR 18). `node` means this very Node binary. Any other command
 * comes back unchanged, and so does every command when JOURNEY_RUNNER=tsx (the loader, for comparison
 * or debugging).
 */
export async function compileCommand(command: string[], options: CompileOptions = {}): Promise<string[]> {
  const env = options.env ?? process.env;
  const tsx = parseTsxCommand(command);
  if (!tsx || env.JOURNEY_RUNNER === 'tsx') return command;
  const entry = resolve(options.cwd ?? process.cwd(), tsx.entry);
  const started = performance.now();
  const compiled = await compileOnce(entry, options.cacheDir ?? DEFAULT_CACHE_DIR);
  if (compiled.built) {
    const shown = isAbsolute(tsx.entry) ? relative(REPO_ROOT, entry) : tsx.entry;
    const message = `compiled ${shown} in ${Math.round(performance.now() - started)} ms (esbuild, cached until a source changes)`;
    if (options.onBuild) options.onBuild(message);
    else process.stderr.write(`[runner] ${message}\n`);
  }
  return [tsx.node, ...tsx.nodeFlags, '--enable-source-maps', ...SERVICE_FLAGS, compiled.bundle, ...tsx.args];
}
