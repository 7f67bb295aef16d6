import { join, resolve } from 'node:path';
import { dataDir } from '@journey/platform';

export { dataDir };

/** The progress database: `$JOURNEY_PROGRESS_DB` if set, else `progress.sqlite` in dataDir(). */
export function progressFile(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.JOURNEY_PROGRESS_DB;
  if (override) return override === ':memory:' ? override : resolve(override);
  return join(dataDir(env), 'progress.sqlite');
}
