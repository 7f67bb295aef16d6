import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a check ran against when it cannot be told (not a git checkout, or git missing). */
export const UNKNOWN_CODE = 'unknown';

// Long enough to tell a learner's attempts apart, short enough to read in a table.
const CHANGES_HASH_LENGTH = 8;

/**
 * The code a check ran against: `git rev-parse --short HEAD` of `dir`, followed by `+<hash>` when the
 * tree has uncommitted changes: a hash of `git diff HEAD` and of the untracked files' names and contents,
 * so two different edits on one commit read differently and the same edit reads the same. 'unknown' when
 * `dir` is not in a git checkout or git is missing.
 */
export function codeVersion(dir: string): string {
  try {
    // From the top, so a subfolder's version covers the whole tree, untracked files included.
    const top = git(dir, ['rev-parse', '--show-toplevel']).trim();
    const commit = git(top, ['rev-parse', '--short', 'HEAD']).trim();
    const status = git(top, ['status', '--porcelain']);
    if (status.trim() === '') return commit;
    const hash = createHash('sha256');
    hash.update(git(top, ['diff', 'HEAD', '--binary']));
    const untracked = git(top, ['ls-files', '--others', '--exclude-standard', '-z'])
      .split('\0')
      .filter(Boolean)
      .sort();
    for (const file of untracked) {
      hash.update(`\0${file}\0`);
      hash.update(readUntracked(join(top, file)));
    }
    return `${commit}+${hash.digest('hex').slice(0, CHANGES_HASH_LENGTH)}`;
  } catch {
    return UNKNOWN_CODE;
  }
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** An untracked path may be a symlink to a folder (an exercise worktree's node_modules): its name is enough. */
function readUntracked(path: string): Buffer | string {
  try {
    return readFileSync(path);
  } catch {
    return '';
  }
}
