import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** The npm scope of the repository's own workspaces: linked to the worktree's copies, not the repository's. */
const WORKSPACE_SCOPE = '@journey';

/**
 * Gives `worktree` the repository's installed packages without installing anything: a real
 * `node_modules` whose entries are symlinks to the repository's, except the workspace scope, whose
 * links are made again with the same relative targets so they land inside the worktree: the code that
 * runs is the learner's edited copy of every workspace, and third-party packages are shared.
 * Workspaces with a `node_modules` of their own get the same treatment in the same place.
 * Returns the number of links made.
 */
export function linkNodeModules(repository: string, worktree: string): number {
  const source = join(repository, 'node_modules');
  if (!existsSync(source)) {
    throw new Error(`${source} does not exist: run \`npm ci\` in ${repository} before starting an exercise`);
  }
  const target = join(worktree, 'node_modules');
  mkdirSync(target, { recursive: true });
  let links = 0;
  for (const entry of readdirSync(source)) {
    if (entry === WORKSPACE_SCOPE) continue;
    links += linkOnce(join(source, entry), join(target, entry));
  }
  const scope = join(source, WORKSPACE_SCOPE);
  if (existsSync(scope)) {
    mkdirSync(join(target, WORKSPACE_SCOPE), { recursive: true });
    for (const entry of readdirSync(scope)) {
      const installed = join(scope, entry);
      const linked = join(target, WORKSPACE_SCOPE, entry);
      if (existsSync(linked) || isLink(linked)) continue;
      if (!lstatSync(installed).isSymbolicLink()) {
        // Installed as a copy rather than a workspace link: share it like any other package.
        links += linkOnce(installed, linked);
        continue;
      }
      const pointsTo = readlinkSync(installed);
      const workspace = resolve(scope, pointsTo);
      symlinkSync(isAbsolute(pointsTo) ? join(worktree, relative(repository, pointsTo)) : pointsTo, linked);
      links++;
      links += linkNestedNodeModules(workspace, repository, worktree);
    }
  }
  return links;
}

function linkNestedNodeModules(workspace: string, repository: string, worktree: string): number {
  const nested = join(workspace, 'node_modules');
  const inRepository = relative(repository, nested);
  if (!existsSync(nested) || inRepository.startsWith('..')) return 0;
  const at = join(worktree, inRepository);
  // A workspace the worktree does not have (untracked in the repository) needs no packages.
  if (!existsSync(dirname(at))) return 0;
  // A real folder of links, like the top one: .gitignore's `node_modules/` matches folders, not a link.
  mkdirSync(at, { recursive: true });
  let links = 0;
  for (const entry of readdirSync(nested)) links += linkOnce(join(nested, entry), join(at, entry));
  return links;
}

function linkOnce(from: string, at: string): number {
  if (existsSync(at) || isLink(at)) return 0;
  symlinkSync(from, at);
  return 1;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
