import { POSTGRES_ADMIN_URL, postgresAvailable } from '@journey/orchestrator';

export interface ServiceAvailability {
  available: boolean;
  /** Why the tests that need it are skipped; shown in the test name. */
  reason: string;
}

/**
 * Tests that need a real server skip with a clear message when it is absent on a developer's
 * machine, and fail when CI is set, where a missing service is a broken pipeline, not a choice.
 */
async function requireService(
  name: string,
  url: string,
  isUp: () => Promise<boolean>,
): Promise<ServiceAvailability> {
  if (await isUp()) return { available: true, reason: '' };
  const reason = `${name} is not reachable at ${url}`;
  if (process.env.CI) throw new Error(`${reason}, and CI is set: start it (see .ci/run)`);
  return { available: false, reason: `skipped: ${reason}` };
}

export const postgres = () =>
  requireService('PostgreSQL', new URL(POSTGRES_ADMIN_URL).host, postgresAvailable);
