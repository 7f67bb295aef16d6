import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the lab keeps the learner's data (progress, SQLite databases, run state):
 * `$JOURNEY_HOME`, else `$XDG_DATA_HOME/backend-journey`, else `~/.local/share/backend-journey`.
 */
export function dataDir(): string {
  if (process.env.JOURNEY_HOME) return process.env.JOURNEY_HOME;
  const xdg = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'backend-journey');
}
