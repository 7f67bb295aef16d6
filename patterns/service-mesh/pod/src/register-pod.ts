import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@journey/platform';
import type { PodConfigured, PodRegistration } from '../../control-plane/src/pod-registration.js';

/** mesh-control may be restarting (a lab experiment kills it): it is given this long to come back. */
const REGISTRATION_PATIENCE_MS = 30_000;
const RETRY_EVERY_MS = 500;

export class RegistrationRefusedError extends Error {
  override name = 'RegistrationRefusedError';
}

/**
 * `POST /pods`: the pod says who it is and where it listens; mesh-control issues its certificate, writes
 * its sidecar's configuration and says where. An unreachable or failing control plane is asked again
 * for a while; a refusal (4xx: a registration it will never take) is final.
 */
export async function registerPod(
  controlUrl: string,
  registration: PodRegistration,
  log: Logger,
): Promise<PodConfigured> {
  const deadline = Date.now() + REGISTRATION_PATIENCE_MS;
  for (;;) {
    let problem: string;
    try {
      const response = await fetch(new URL('/pods', controlUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(registration),
        signal: AbortSignal.timeout(REGISTRATION_PATIENCE_MS),
      });
      const text = await response.text();
      if (response.ok) return JSON.parse(text) as PodConfigured;
      if (response.status < 500) {
        throw new RegistrationRefusedError(
          `mesh-control refused the registration (${response.status}): ${text}`,
        );
      }
      problem = `mesh-control answered ${response.status}: ${text}`;
    } catch (error) {
      if (error instanceof RegistrationRefusedError) throw error;
      problem = `mesh-control is unreachable at ${controlUrl}: ${String((error as Error).cause ?? error)}`;
    }
    if (Date.now() >= deadline) throw new Error(`${problem} (gave up after ${REGISTRATION_PATIENCE_MS} ms)`);
    log.warn({ problem }, 'registering with mesh-control, trying again');
    await sleep(RETRY_EVERY_MS);
  }
}
