import { execFile } from 'node:child_process';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Replaces `file` whole or not at all (written beside it, then renamed): a sidecar reloading, or a
 * control plane restarting, never reads half a file.
 */
export async function writeAtomically(file: string, content: string, mode = 0o644): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const pending = `${file}.${process.pid}.next`;
  await writeFile(pending, content, { mode });
  await rename(pending, file);
}

export class ConfigRejectedError extends Error {
  override name = 'ConfigRejectedError';
}

/** A configuration HAProxy accepted (`haproxy -c`), not yet in the sidecar's place. */
export interface CheckedConfig {
  install(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Writes a sidecar's next configuration beside its current one and has HAProxy check it: only a
 * configuration HAProxy accepts is swapped in, so a bad render can never take a running sidecar down
 * at its next reload.
 */
export async function checkedConfig(configFile: string, text: string): Promise<CheckedConfig> {
  const candidate = `${configFile}.next`;
  await mkdir(dirname(configFile), { recursive: true });
  await writeFile(candidate, text);
  try {
    // Not -q: it silences the alerts too, and the refusal would not say what HAProxy refused.
    await run('haproxy', ['-c', '-f', candidate]);
  } catch (error) {
    await rm(candidate, { force: true });
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    const why = alerts(`${stdout ?? ''}${stderr ?? ''}`) || (error as Error).message;
    throw new ConfigRejectedError(`HAProxy refused the configuration for ${configFile}: ${why}`, {
      cause: error,
    });
  }
  return {
    install: () => rename(candidate, configFile),
    discard: () => rm(candidate, { force: true }),
  };
}

/** HAProxy's `[ALERT] (pid) : config : parsing [file:20] : …` lines, without the tag, pid and notices. */
const alerts = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('[ALERT]'))
    .map((line) => line.replace(/^\[ALERT\]\s+\(\d+\) : /, ''))
    .join('; ');
