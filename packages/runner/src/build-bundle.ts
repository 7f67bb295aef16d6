import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { contentHash } from './content-hash.js';
import { nearest, resolutionFiles } from './resolution-files.js';

/** What one build produced: the bundle and its source map, and every file it was made from. */
export interface BuiltBundle {
  code: Uint8Array;
  map: Uint8Array;
  /** Absolute path of each input → hash of the content built: the bundle is valid while they match. */
  inputs: Map<string, string>;
}

/**
 * Only the workspace is bundled: its TypeScript is what tsx would compile on every start. Everything
 * from node_modules stays an import, resolved at run time from the root node_modules (the bundle
 * lives below it), so native modules and packages that read their own files keep working.
 */
const workspaceOnly = (esbuild: typeof import('esbuild'), loaded: Map<string, string>): Plugin => ({
  name: 'workspace-only',
  setup(build) {
    const tsconfigs = new Map<string, Promise<string>>();
    // The tsconfig.json esbuild's build would apply to the file, so a transformed file gets the same
    // class-field and import semantics as the rest of the bundle.
    const tsconfigOf = (file: string) => {
      const tsconfig = nearest(dirname(file), 'tsconfig.json');
      if (!tsconfig) return Promise.resolve('{}');
      if (!tsconfigs.has(tsconfig)) tsconfigs.set(tsconfig, readFile(tsconfig, 'utf8'));
      return tsconfigs.get(tsconfig)!;
    };
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@journey/') ? undefined : { path: args.path, external: true },
    );
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // Hashed as read, so an edit saved during the build invalidates it on the next start.
      loaded.set(args.path, contentHash(source));
      if (!source.includes('import.meta')) return { contents: source, loader: 'ts' };
      // Code that finds files beside itself (migrations, configs, child entry points) must still see
      // its own location, not the bundle's. `define` replaces expressions only, never text in strings;
      // the inline source map carries the lines through to the bundle's map.
      const { code } = await esbuild.transform(source, {
        loader: 'ts',
        sourcefile: args.path,
        sourcemap: 'inline',
        tsconfigRaw: await tsconfigOf(args.path),
        define: {
          'import.meta.url': JSON.stringify(pathToFileURL(args.path).href),
          'import.meta.filename': JSON.stringify(args.path),
          'import.meta.dirname': JSON.stringify(dirname(args.path)),
        },
      });
      return { contents: code, loader: 'js' };
    });
  },
});

/**
 * Bundles `entry` (absolute) into one ESM file meant to be written in `outDir`, with its source map
 * beside it (sources relative to there, so stack traces name the .ts lines). The caller names the
 * files and links them with a `sourceMappingURL` comment.
 */
export async function buildBundle(entry: string, workingDir: string, outDir: string): Promise<BuiltBundle> {
  // Loaded only when a build is needed: a warm start never pays for esbuild.
  const esbuild = await import('esbuild');
  const loaded = new Map<string, string>();
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: workingDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    sourcemap: 'external',
    // The .ts files are on disk beside the map: copies of them in it would only cost every process memory.
    sourcesContent: false,
    outfile: join(outDir, 'bundle.mjs'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [workspaceOnly(esbuild, loaded)],
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'))!;
  const map = result.outputFiles.find((file) => file.path.endsWith('.map'))!;
  const sources = Object.keys(result.metafile.inputs).map((input) => resolve(workingDir, input));
  const inputs = new Map<string, string>();
  for (const file of [...sources, ...resolutionFiles(sources)]) {
    inputs.set(file, loaded.get(file) ?? contentHash(readFileSync(file)));
  }
  return { code: code.contents, map: map.contents, inputs };
}
