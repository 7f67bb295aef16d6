import type { Logger } from '@journey/platform';
import type { MeshControl } from './mesh-control.js';
import type { RegisteredPod } from './pod-registry.js';

/** A certificate is renewed when this share of its life has passed, as istio-agent does by default. */
const RENEW_AT = 0.8;
const MIN_CHECK_MS = 1_000;
const MAX_CHECK_MS = 60_000;

export const dueForRotation = (now: number) => (pod: RegisteredPod) => {
  const issuedAt = Date.parse(pod.certificate.issuedAt);
  const notAfter = Date.parse(pod.certificate.notAfter);
  return now >= issuedAt + RENEW_AT * (notAfter - issuedAt);
};

/**
 * Rotates every certificate at 80% of its life, checking often enough for the policy's TTL (a
 * twentieth of it, between a second and a minute). Answers how to stop it.
 */
export function scheduleRotation(control: MeshControl, log: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const next = () => {
    if (stopped) return;
    const every = Math.min(MAX_CHECK_MS, Math.max(MIN_CHECK_MS, control.policy.certificateTtlMs / 20));
    timer = setTimeout(check, every);
    timer.unref();
  };
  const check = () => {
    control
      .rotate(dueForRotation(Date.now()))
      .catch((error: unknown) => log.error({ err: error }, 'automatic certificate rotation failed'))
      .finally(next);
  };
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
