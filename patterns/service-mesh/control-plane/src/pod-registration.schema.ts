import { type TSchema, Type } from '@sinclair/typebox';
import type { DeclaredPod } from '../../policy/src/mesh-services.js';
import type { PodRegistration } from './pod-registration.js';

// Every name, host and path a pod registers is written into its HAProxy configuration and used as a
// directory name: each is held to a shape that can do neither harm.
const Name = Type.String({ pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$' });
const Port = Type.Integer({ minimum: 1, maximum: 65_535 });
const Host = Type.String({ pattern: '^[A-Za-z0-9.-]{1,253}$' });
const HealthPath = Type.String({ pattern: '^/[A-Za-z0-9._~/-]{0,200}$' });

/** `POST /pods`, checked by Fastify before the control plane reads it (pod-registration.ts is the type). */
export const PodRegistrationBody = Type.Object(
  {
    process: Name,
    service: Name,
    version: Name,
    ingress: Type.Boolean(),
    inboundPort: Port,
    adminPort: Port,
    app: Type.Object({ port: Port, healthPath: HealthPath }, { additionalProperties: false }),
    upstreams: Type.Array(
      Type.Object(
        { service: Name, version: Name, process: Name, host: Host, port: Port },
        { additionalProperties: false },
      ),
      { maxItems: 64 },
    ),
    outboundPorts: Type.Record(Type.String({ pattern: '^[a-z0-9-]{1,63}$' }), Port),
  },
  { additionalProperties: false },
) satisfies TSchema;

/** What the schema cannot say: each service called has an outbound port, and no port is taken twice. */
export function registrationProblems(pod: PodRegistration): string[] {
  const problems: string[] = [];
  const called = new Set(pod.upstreams.map((upstream) => upstream.service));
  for (const service of called) {
    if (pod.outboundPorts[service] === undefined)
      problems.push(`outboundPorts: no port for ${service}, which it calls`);
  }
  for (const service of Object.keys(pod.outboundPorts)) {
    if (!called.has(service)) problems.push(`outboundPorts.${service}: no upstream of that service`);
  }
  const ports = [pod.inboundPort, pod.adminPort, pod.app.port, ...Object.values(pod.outboundPorts)];
  const repeated = ports.filter((port, i) => ports.indexOf(port) !== i);
  if (repeated.length > 0) problems.push(`ports: ${[...new Set(repeated)].join(', ')} used twice in one pod`);
  return problems;
}

/**
 * Why the pod may not have the identity it asks for, if it may not: it must be the pod the topology
 * declares under that process name.
 *
 * Trust assumption: on loopback any local process could post a registration, so the control plane
 * can only check that the claim matches the topology, not that it comes from that pod. In Kubernetes
 * the node agent proves the pod's service account to istiod (a projected token) before a certificate
 * is issued for it; here the lab's machine is the trust boundary.
 */
export function impersonation(pod: PodRegistration, declared: readonly DeclaredPod[]): string | undefined {
  const expected = declared.find((candidate) => candidate.process === pod.process);
  if (expected === undefined) {
    return `the mesh declares no pod ${pod.process} (${declared.map((d) => d.process).join(', ')})`;
  }
  if (
    expected.service !== pod.service ||
    expected.version !== pod.version ||
    expected.ingress !== pod.ingress
  ) {
    return `${pod.process} runs ${describe(expected)}, not ${describe(pod)}: a pod may only take its own identity`;
  }
  return undefined;
}

const describe = (pod: Pick<DeclaredPod, 'service' | 'version' | 'ingress'>) =>
  `${pod.service} ${pod.version}${pod.ingress ? ' (the ingress)' : ''}`;
