import { formatDuration } from '../../policy/src/duration.js';
import type { FaultInjection } from '../../policy/src/mesh-policy.js';
import type { ClusterService } from './cluster-services.js';
import { describeMatch } from './route-match.js';

/** `articles'`, `gateway's`: notes name services in the possessive a lot. */
export const possessive = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);

/**
 * The lab's ingress sidecar takes clients' plaintext; under strict mTLS a cluster lets clients in only
 * through an ingress of the mesh's own, which the policy does not describe.
 */
export const ingressNotes = (services: ClusterService[], mesh: string, ingress: string) =>
  services
    .filter((service) => service.ingress)
    .map(
      (service) =>
        `${service.name} is the lab's plaintext ingress: under ${mesh}'s mTLS, clients reach it through ${ingress}, which the policy does not describe and these manifests do not include`,
    );

/** `articles' abort (503 for 10% of calls) on GET /api/articles* of v2`. */
export const describeFault = (service: string, { abort, delay, match, version }: FaultInjection) =>
  `${possessive(service)} ${[
    abort && `abort (${abort.status} for ${abort.percent}% of calls)`,
    delay && `delay (${formatDuration(delay.fixedDelayMs)} for ${delay.percent}% of calls)`,
  ]
    .filter(Boolean)
    .join(' and ')} on ${describeMatch(match)}${version ? ` of ${version}` : ''}`;
