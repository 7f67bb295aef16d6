import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { env } from './config.js';
import { dataDir } from './data-dir.js';
import type { Logger } from './logger.js';

export interface JwtSecretSetting {
  jwtSecret: string;
  /** The lab's secret file it was read from when JWT_SECRET was not set (the process says so once); else null. */
  jwtSecretFile: string | null;
}

/** Where the lab keeps its signing secret: in its data directory, readable by its owner only. */
export const labSecretFile = () => join(dataDir(), 'jwt-secret');

/**
 * `JWT_SECRET`, else the lab's own secret from its data directory, made on first use. Every process
 * the lab starts, and one started by hand with the same data directory, signs and verifies with it,
 * and no other lab's tokens pass.
 */
export function readJwtSecret(): JwtSecretSetting {
  const secret = env.string('JWT_SECRET');
  if (secret !== undefined) return { jwtSecret: secret, jwtSecretFile: null };
  const file = labSecretFile();
  return { jwtSecret: labSecret(file), jwtSecretFile: file };
}

/** The secret to sign or verify tokens with; the log says where it came from when it is the lab's. */
export function jwtSecretOf(setting: JwtSecretSetting, log: Logger): string {
  if (setting.jwtSecretFile)
    log.info(`JWT_SECRET is not set: signing tokens with this lab's secret from ${setting.jwtSecretFile}`);
  return setting.jwtSecret;
}

/**
 * Reads the lab's secret, making it first if there is none. A new one is written whole under a name of
 * this process's own, with owner-only permissions, then linked to its real name: the link fails when
 * another process got there first, so processes starting at once all end up reading the same secret.
 */
function labSecret(file: string): string {
  const existing = readSecret(file);
  if (existing !== undefined) return existing;
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new Error(
        `cannot keep the lab's signing secret in ${file} (${(error as Error).message}); set JWT_SECRET, or JOURNEY_HOME to a writable directory`,
        { cause: error },
      );
    }
  } finally {
    rmSync(temporary, { force: true });
  }
  const made = readSecret(file);
  if (made === undefined) throw new Error(`the lab's signing secret ${file} vanished as it was made`);
  return made;
}

/** The secret in `file`, or undefined when there is no such file. */
function readSecret(file: string): string | undefined {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the lab's signing secret ${file} (${(error as Error).message})`, {
      cause: error,
    });
  }
  const secret = content.trim();
  if (secret === '')
    throw new Error(`the lab's signing secret ${file} is empty; delete it and the lab makes a new one`);
  return secret;
}
