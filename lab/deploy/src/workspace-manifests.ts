import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@journey/orchestrator/runtime';

/**
 * Every workspace's package.json, as the root's `workspaces` globs find them: `npm ci` with the
 * lockfile refuses to run unless all of them are there, so the deps stage copies them all (and only
 * them, so a source edit does not invalidate the cached install).
 */
export function workspaceManifests(root = repoRoot): string[] {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  return workspaces
    .flatMap((pattern) => {
      if (!pattern.endsWith('/*')) return [pattern];
      const parent = pattern.slice(0, -2);
      return readdirSync(join(root, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${parent}/${entry.name}`);
    })
    .map((folder) => `${folder}/package.json`)
    .filter((file) => existsSync(join(root, file)))
    .sort();
}

/** The version of tsx the lockfile pins: the images run TypeScript through it, as the lab does (ADR 0001). */
export function lockedTsxVersion(root = repoRoot): string {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const version = lock.packages['node_modules/tsx']?.version;
  if (version === undefined)
    throw new Error('package-lock.json pins no tsx: the images could not run TypeScript');
  return version;
}
