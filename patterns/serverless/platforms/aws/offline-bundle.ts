import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { conduitFunctions, eventFunctions } from '../../functions/index.js';

/** patterns/serverless: the handler paths in serverless.yml are relative to it. */
export const PATTERN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where each function's entry lives, relative to the pattern's root: what serverless.yml names. */
export const handlerEntry = (name: string) => `platforms/aws/handlers/${name}.ts`;

export interface FunctionBundles {
  /** Holds platforms/aws/handlers/<name>.mjs for every function: serverless-offline's `location`. */
  dir: string;
  remove(): Promise<void>;
}

/**
 * One ES module per function, bundled the way template.yaml has `sam build` bundle it (esbuild,
 * dependencies inlined, CommonJS ones given `require`). A worker thread then loads a single file on its
 * cold start, as a Lambda instance does, instead of compiling the TypeScript module graph. The folder
 * sits under the pattern (dist/ is git-ignored), so the drivers left out resolve from node_modules;
 * each start gets its own, as several may run at once.
 */
export async function bundleFunctions(): Promise<FunctionBundles> {
  await mkdir(join(PATTERN_DIR, 'dist'), { recursive: true });
  const dir = await mkdtemp(join(PATTERN_DIR, 'dist', 'aws-offline-'));
  try {
    await build({
      entryPoints: [...conduitFunctions, ...eventFunctions].map((entry) =>
        join(PATTERN_DIR, handlerEntry(entry.name)),
      ),
      outbase: PATTERN_DIR,
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Native, or optional and never installed: loaded from node_modules when a function needs them.
      external: ['better-sqlite3', 'pg-native'],
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      logLevel: 'warning',
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`bundling the AWS function entries failed: ${(error as Error).message}`);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
