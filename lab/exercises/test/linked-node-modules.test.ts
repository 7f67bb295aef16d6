import { existsSync, lstatSync, mkdtempSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkNodeModules } from '../src/linked-node-modules.js';
import { fakeRepository, gitIn } from './fake-repository.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repositoryAndWorktree() {
  const repository = fakeRepository();
  const parent = mkdtempSync(join(tmpdir(), 'journey-fake-worktree-'));
  const worktree = join(parent, 'copy');
  made.push(repository, parent);
  gitIn(repository, 'worktree', 'add', '--quiet', '--detach', worktree, 'HEAD');
  return { repository, worktree };
}

describe('linkNodeModules', () => {
  it('when linked, then third-party packages and scopes are links to the repository’s', () => {
    const { repository, worktree } = repositoryAndWorktree();
    linkNodeModules(repository, worktree);
    expect(lstatSync(join(worktree, 'node_modules')).isSymbolicLink()).toBe(false);
    expect(readlinkSync(join(worktree, 'node_modules/left-pad'))).toBe(
      join(repository, 'node_modules/left-pad'),
    );
    expect(readlinkSync(join(worktree, 'node_modules/@types'))).toBe(join(repository, 'node_modules/@types'));
  });

  it('when linked, then a workspace package resolves to the worktree’s copy, not the repository’s', () => {
    const { repository, worktree } = repositoryAndWorktree();
    linkNodeModules(repository, worktree);
    const workspace = join(worktree, 'node_modules/@journey/kit');
    expect(lstatSync(workspace).isSymbolicLink()).toBe(true);
    expect(realpathSync(workspace)).toBe(realpathSync(join(worktree, 'packages/kit')));
  });

  it('when a workspace has a node_modules of its own, then the worktree’s copy gets one linking to its packages', () => {
    const { repository, worktree } = repositoryAndWorktree();
    linkNodeModules(repository, worktree);
    expect(lstatSync(join(worktree, 'packages/kit/node_modules')).isDirectory()).toBe(true);
    expect(readlinkSync(join(worktree, 'packages/kit/node_modules/only-kit'))).toBe(
      join(repository, 'packages/kit/node_modules/only-kit'),
    );
  });

  it('when linked, then git sees no change in the worktree (every node_modules is an ignored folder)', () => {
    const { repository, worktree } = repositoryAndWorktree();
    linkNodeModules(repository, worktree);
    expect(gitIn(worktree, 'status', '--porcelain')).toBe('');
  });

  it('when linked twice, then nothing is made again and nothing fails', () => {
    const { repository, worktree } = repositoryAndWorktree();
    expect(linkNodeModules(repository, worktree)).toBe(4);
    expect(linkNodeModules(repository, worktree)).toBe(0);
  });

  it('when the repository has no node_modules, then the error says to install first', () => {
    const { repository, worktree } = repositoryAndWorktree();
    rmSync(join(repository, 'node_modules'), { recursive: true });
    expect(() => linkNodeModules(repository, worktree)).toThrow(/npm ci/);
    expect(existsSync(join(worktree, 'node_modules'))).toBe(false);
  });

  it('when the worktree’s node_modules is removed, then the repository’s packages are untouched', () => {
    const { repository, worktree } = repositoryAndWorktree();
    linkNodeModules(repository, worktree);
    rmSync(join(worktree, 'node_modules'), { recursive: true, force: true });
    expect(existsSync(join(repository, 'node_modules/left-pad/index.js'))).toBe(true);
    expect(existsSync(join(repository, 'packages/kit/index.js'))).toBe(true);
  });
});
