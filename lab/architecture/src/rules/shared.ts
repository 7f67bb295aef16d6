import type { DependencyType } from 'dependency-cruiser';
import type { ToCondition } from '../types.js';

/**
 * Helpers the rule files share. Paths in rules are relative to the pattern's folder (`src/…`); a
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

/** `src/modules/users/users.service.ts` → `modules/users/users.service.ts`: shorter, still findable. */
export const inSrc = (path: string) => path.replace(/^src\//, '');

/** The folder right below `src/` (`http`, `domain`, …), or the file's name when it sits in `src/` itself. */
export const topOf = (path: string) => inSrc(path).split('/')[0]!;
