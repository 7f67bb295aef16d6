import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface SourceFile {
  /** Relative to `src/`, with forward slashes. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
}

/** The only package the core may use: the spec's pure rule helpers, shared by every pattern. */
const CORE_PACKAGES = new Set(['@journey/conduit-rules']);

/**
 * The hexagonal dependency rule, in words:
 *  1. the core (domain/, application/) imports no framework, database driver, crypto library or node:*
 *     module — only its own files and @journey/conduit-rules;
 *  2. the core imports nothing from adapters/ or bootstrap.ts: dependencies point inwards;
 *  3. the domain does not import the application layer around it.
 */
export function hexagonalViolations(files: SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const inDomain = file.path.startsWith('domain/');
    if (!inDomain && !file.path.startsWith('application/')) continue;
    for (const specifier of importsOf(file.text)) {
      if (!specifier.startsWith('.')) {
        if (!CORE_PACKAGES.has(specifier))
          violations.push({
            file: file.path,
            imports: specifier,
            rule: 'the core imports no framework, driver or node:* module',
          });
        continue;
      }
      const target = relative('/src', resolve('/src', dirname(file.path), specifier)).replaceAll('\\', '/');
      if (target.startsWith('adapters/') || target.startsWith('bootstrap'))
        violations.push({
          file: file.path,
          imports: specifier,
          rule: 'the core does not depend on adapters or the composition root',
        });
      else if (inDomain && target.startsWith('application/'))
        violations.push({
          file: file.path,
          imports: specifier,
          rule: 'the domain does not depend on the application layer',
        });
      else if (!target.startsWith('domain/') && !target.startsWith('application/'))
        violations.push({ file: file.path, imports: specifier, rule: 'the core imports only core files' });
    }
  }
  return violations;
}

export function readSources(root: string): SourceFile[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => ({ path: path.replaceAll('\\', '/'), text: readFileSync(join(root, path), 'utf8') }));
}
