import { execFileSync } from 'node:child_process';

/**
 * Whether the tests that need `binary` (openssl, haproxy) can run: they skip with this reason on a
 * machine without it and fail under CI, where a missing binary is a broken pipeline, not a choice.
 */
export function installedBinary(
  binary: string,
  versionArgs: string[],
): { available: boolean; reason: string } {
  try {
    execFileSync(binary, versionArgs, { stdio: 'ignore' });
    return { available: true, reason: '' };
  } catch {
    const reason = `${binary} is not installed`;
    if (process.env.CI) throw new Error(`${reason}, and CI is set: install it (see .ci/run)`);
    return { available: false, reason: `skipped: ${reason}` };
  }
}
