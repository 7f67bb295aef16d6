import type { DependencyType } from 'dependency-cruiser';
import type { ArchitectureRule, ToCondition } from './rule.js';

/**
 * Conditions the rule files share. Paths in rules are relative to the pattern's folder (`src/…`); a
 * package resolves into the repository's `node_modules` (workspace packages too: symlinks are kept).
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every kind of dependency that is not a file of the pattern itself: packages and node:* modules. */
const EXTERNAL: DependencyType[] = [
  'core',
  'npm',
  'npm-dev',
  'npm-optional',
  'npm-peer',
  'npm-bundled',
  'npm-no-pkg',
  'npm-unknown',
  'unknown',
  'undetermined',
];

/** Matches an import of one of these packages; a scope (`@fastify/`) matches every package in it. */
export function packages(...names: string[]): ToCondition {
  const alternatives = names.map((name) =>
    name.endsWith('/') ? `${escapeRegExp(name)}[^/]+` : escapeRegExp(name),
  );
  return { path: `(^|/)node_modules/(${alternatives.join('|')})/` };
}

/** Matches an import of any package or node:* module, except the listed packages. */
export function anyPackageExcept(...allowed: string[]): ToCondition {
  return {
    dependencyTypes: EXTERNAL,
    pathNot: allowed.map((name) => `(^|/)node_modules/${escapeRegExp(name)}/`),
  };
}

/**
 * Matches an import of a file (not a package) outside the listed paths: another folder of `src/`, a
 * test helper, another workspace's source reached by a relative path.
 */
export function anyFileExcept(...allowed: string[]): ToCondition {
  return { dependencyTypesNot: EXTERNAL, pathNot: allowed };
}

/**
 * Matches any code of another pattern: its folder reached by a relative path (`../<slug>/…`, paths
 * being relative to the checked pattern's folder) or one of its packages (`@journey/<slug>-*`,
 * `@journey/pattern-<slug>`).
 */
function patternCode(slug: string): ToCondition {
  const name = escapeRegExp(slug);
  return { path: `^\\.\\./${name}/|(^|/)node_modules/@journey/(${name}-[^/]+|pattern-${name})/` };
}

/** The rule that `pattern` imports no code of `other`: patterns with the same shape of folders drift into sharing. */
export function importsNothingFrom(other: string, pattern: string): ArchitectureRule {
  return {
    name: `imports-nothing-from-${other}`,
    comment:
      'Each pattern is run, measured and compared alone, so each must stand alone: what patterns share ' +
      'lives in packages/ (contract, conduit-http, conduit-sql, platform), never in one pattern’s code.',
    forbidden: [{ from: { path: '.' }, to: patternCode(other) }],
    explain: ({ from, to }) =>
      `${from} imports ${to}, code of the ${other} pattern; ` +
      `move what both need to packages/ or give ${pattern} its own version`,
  };
}
