import { createHash } from 'node:crypto';
import { dataDir } from './data-dir.js';

/**
 * A short id of this lab: the first 6 hex digits of a SHA-256 of its data directory. Two labs on one
 * machine (two JOURNEY_HOMEs, or a test run beside the learner's lab) get different ids.
 */
export const labId = (env: NodeJS.ProcessEnv = process.env) =>
  createHash('sha256').update(dataDir(env)).digest('hex').slice(0, 6);

/**
 * A name on a server every lab of the machine shares (a PostgreSQL database, a broker namespace):
 * `journey_<lab id>_<parts>`, lower-case letters, digits and underscores only, so two labs never
 * read or write each other's data.
 */
export const labScopedName = (...parts: ReadonlyArray<string | number>) =>
  ['journey', labId(), ...parts]
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
