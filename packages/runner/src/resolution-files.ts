import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The file of this name in `dir` or the nearest directory above it. */
export function nearest(dir: string, name: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const file = join(at, name);
    if (existsSync(file)) return file;
    if (dirname(at) === at) return undefined;
  }
}

/**
 * The files besides the sources that decide what a build makes of them: each source's package.json
 * (its exports/main are how a workspace import found it; `type` is how Node reads it) and the
 * tsconfig.json esbuild applies to it (class-field and import semantics). Editing either changes the
 * bundle without touching a source, so the cache must hash them too.
 */
export function resolutionFiles(sources: Iterable<string>): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  for (const source of sources) {
    const dir = dirname(source);
    if (seen.has(dir)) continue;
    seen.add(dir);
    for (const name of ['package.json', 'tsconfig.json']) {
      const file = nearest(dir, name);
      if (file) files.add(file);
    }
  }
  return files;
}
