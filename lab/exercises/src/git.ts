import { execFileSync } from 'node:child_process';

/** A git command that failed, with what it was asked and what git said. */
export class GitFailed extends Error {
  constructor(args: string[], cwd: string, stderr: string) {
    super(`git ${args.join(' ')} (in ${cwd}) failed: ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
    this.name = 'GitFailed';
  }
}

/** Runs git in `cwd` and returns its stdout; a failure throws GitFailed with git's own words. */
export function git(cwd: string, args: string[], input?: string): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new GitFailed(args, cwd, failure.stderr || failure.message);
  }
}

/** Whether `git <args>` succeeds (`rev-parse --verify`, `show-ref`), without its output. */
export function gitSucceeds(cwd: string, args: string[]): boolean {
  try {
    git(cwd, args);
    return true;
  } catch {
    return false;
  }
}
