import { existsSync, readFileSync } from 'node:fs';
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
 * Dependencies are bundled too: a process that loaded them from node_modules read, resolved and
 * compiled several hundred files on every start, most of its start-up time (issue 18: a monolith
 * answered in 2.6–3.6 s that way against 1.1–1.5 s bundled whole, on the same loaded machine). What
 * cannot be bundled stays an import, resolved at run time from the root node_modules (the bundle lives
 * below it): native modules, packages that run files of their own as programs or workers, and optional
 * dependencies that are not installed (requiring one throws at run time exactly as it would unbundled).
 */
const KEPT_EXTERNAL = [
  // Native: a .node file is loaded from its package's own directory.
  'better-sqlite3',
  'pg-native',
  'bufferutil',
  'utf-8-validate',
  'cpu-features',
  // Tools that start their own programs, workers or binaries from files beside their code.
  'esbuild',
  'tsx',
  'vite',
  'rollup',
  'playwright-core',
  'newman',
  'thread-stream',
];

/**
 * A part of the lab whose processes load such a tool says so where the tool is declared, in its
 * package.json: `"journey": { "runnerExternal": ["some-tool"] }`. The package.json nearest the entry is
 * read; it is one of the files the cache hashes, so changing the list rebuilds.
 */
function declaredExternal(entry: string): string[] {
  const manifest = nearest(dirname(entry), 'package.json');
  if (!manifest) return [];
  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { journey?: { runnerExternal?: unknown } };
  const declared = parsed.journey?.runnerExternal;
  if (declared === undefined) return [];
  if (!Array.isArray(declared) || !declared.every((name) => typeof name === 'string'))
    throw new Error(`${manifest}: journey.runnerExternal must be a list of package names`);
  return declared;
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
const packageName = (path: string) =>
  path
    .split('/')
    .slice(0, path.startsWith('@') ? 2 : 1)
    .join('/');

const NODE_MODULES = /[\\/]node_modules[\\/]/;

/**
 * A CommonJS file's `__dirname` and `__filename` are its own inside a bundle too (esbuild wraps each
 * in a function, where these declarations stay local), so a package that reads a file beside itself
 * still finds it.
 */
const ownLocation = (path: string) =>
  `var __filename = ${JSON.stringify(path)}, __dirname = ${JSON.stringify(dirname(path))};`;

/**
 * A bundled CommonJS module that requires an external (a native module, say) reaches esbuild's
 * `__require`, which calls the `require` in scope. An ES module has none: one is provided on
 * globalThis (a binding in the banner could clash with a module's own top-level `require`), resolving
 * from the bundle's place below the root node_modules, as the sources' imports would.
 */
const REQUIRE_BANNER =
  "import { createRequire as __journeyCreateRequire } from 'node:module';\n" +
  'globalThis.require ??= __journeyCreateRequire(import.meta.url);';

const bundleDependencies = (
  esbuild: typeof import('esbuild'),
  loaded: Map<string, string>,
  external: ReadonlySet<string>,
): Plugin => ({
  name: 'bundle-dependencies',
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
    /** Code that finds files beside itself must still see its own location, not the bundle's. */
    const withOwnLocation = async (path: string, source: string, loader: 'ts' | 'js') => {
      // `define` replaces expressions only, never text in strings; the inline source map carries the
      // lines through to the bundle's map.
      const { code } = await esbuild.transform(source, {
        loader,
        format: loader === 'js' ? undefined : 'esm',
        sourcefile: path,
        sourcemap: 'inline',
        tsconfigRaw: loader === 'ts' ? await tsconfigOf(path) : '{}',
        define: {
          'import.meta.url': JSON.stringify(pathToFileURL(path).href),
          'import.meta.filename': JSON.stringify(path),
          'import.meta.dirname': JSON.stringify(dirname(path)),
        },
      });
      return code;
    };
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@journey/') || args.pluginData === 'resolving') return undefined;
      if (args.path.startsWith('node:') || external.has(packageName(args.path)))
        return { path: args.path, external: true };
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      // Not installed (an optional dependency): left to fail at run time only if it is ever loaded.
      if (resolved.errors.length > 0) return { path: args.path, external: true };
      return resolved;
    });
    build.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      if (!NODE_MODULES.test(args.path)) return undefined;
      const source = await readFile(args.path, 'utf8');
      const usesOwnPath = source.includes('__dirname') || source.includes('__filename');
      const usesImportMeta = source.includes('import.meta');
      if (!usesOwnPath && !usesImportMeta) return { contents: source, loader: 'js' };
      const contents = usesImportMeta ? await withOwnLocation(args.path, source, 'js') : source;
      // An ES module has no `__dirname` to shadow: prepending a `var` there would only add a global.
      const commonJs = !/^\s*(import|export)\s/m.test(contents);
      return {
        contents: usesOwnPath && commonJs ? `${ownLocation(args.path)}${contents}` : contents,
        loader: 'js',
      };
    });
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // Hashed as read, so an edit saved during the build invalidates it on the next start.
      loaded.set(args.path, contentHash(source));
      if (!source.includes('import.meta')) return { contents: source, loader: 'ts' };
      return { contents: await withOwnLocation(args.path, source, 'ts'), loader: 'js' };
    });
  },
});

/**
 * What stands for a bundled node_modules file in the cache key: npm's record of the whole install
 * (`node_modules/.package-lock.json`, rewritten by every `npm ci` or `npm install`), hashed once
 * instead of several hundred files on every start. A file edited by hand inside node_modules is not
 * noticed: reinstall, or start with JOURNEY_RUNNER=tsx.
 */
function dependencyRecord(file: string): string {
  const match = NODE_MODULES.exec(file);
  if (!match) return file;
  const record = join(file.slice(0, match.index + match[0].length), '.package-lock.json');
  return existsSync(record) ? record : file;
}

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
    // V8 keeps a module's source for as long as the process lives (functions compile on first call):
    // the monolith's bundle is 2.6 MB instead of 4.0 this way, and its idle RSS ~6 MiB less. Names are
    // kept (no identifier minification): profiles and stack traces read as the code does.
    minifyWhitespace: true,
    minifySyntax: true,
    outfile: join(outDir, 'bundle.mjs'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    banner: { js: REQUIRE_BANNER },
    plugins: [bundleDependencies(esbuild, loaded, new Set([...KEPT_EXTERNAL, ...declaredExternal(entry)]))],
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'))!;
  const map = result.outputFiles.find((file) => file.path.endsWith('.map'))!;
  const files = Object.keys(result.metafile.inputs).map((input) => resolve(workingDir, input));
  const sources = files.filter((file) => !NODE_MODULES.test(file));
  const dependencies = new Set(files.filter((file) => NODE_MODULES.test(file)).map(dependencyRecord));
  const inputs = new Map<string, string>();
  for (const file of [...sources, ...resolutionFiles(sources), ...dependencies]) {
    inputs.set(file, loaded.get(file) ?? contentHash(readFileSync(file)));
  }
  return { code: code.contents, map: map.contents, inputs };
}
