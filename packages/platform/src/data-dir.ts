import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where the lab keeps the learner's own state (progress, run state, SQLite files): `$JOURNEY_HOME` if set,
 * else `$XDG_DATA_HOME/backend-journey`, else `~/.local/share/backend-journey`. Only computes the path; whoever
 * writes there creates the directory.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.JOURNEY_HOME;
  if (home) return resolve(home);
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  // https://specifications.freedesktop.org/basedir-spec/latest/#variables
  const xdg = env.XDG_DATA_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'backend-journey');
  return join(homedir(), '.local', 'share', 'backend-journey');
}
