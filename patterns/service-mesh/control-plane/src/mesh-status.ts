import { formatDuration } from '../../policy/src/duration.js';
import { workerPids } from '../../sidecar/src/haproxy-runtime.js';
import type { MeshControl } from './mesh-control.js';
import type { PodRegistration } from './pod-registration.js';

export interface ServiceSummary {
  /** Percent per version; absent: every call to v1. */
  split?: Record<string, number>;
  routes: string[];
  /** Services whose identity may call it; `any` when the policy restricts nothing. */
  callers: string[] | 'any';
  faults: number;
}

/** A pod as it registered (its ports, its upstreams), and what the control plane gave it. */
export interface PodStatus extends PodRegistration {
  identity: string;
  /** Its workload certificate and key: a local file, for a check that must present the pod's identity. */
  certificateFile: string;
  certificateNotAfter: string;
  /** The policy generation its configuration last changed at: a pod a change left alone keeps an older one. */
  generation: number;
  /** Its HAProxy workers (two for a while after a reload: the old one finishing its calls); null when unknown. */
  workers: number[] | null;
  /** Why its workers could not be listed: its pod is down, or still starting. */
  error?: string;
}

/** `GET /status`: the policy in force and each pod's sidecar as the control plane configured it. */
export interface MeshStatus {
  generation: number;
  /** The mesh CA's certificate, the trust bundle a client of the pods verifies them against. */
  caFile: string;
  policy: { trustDomain: string; certificateTtl: string; services: Record<string, ServiceSummary> };
  pods: PodStatus[];
}

export async function meshStatus(control: MeshControl): Promise<MeshStatus> {
  const { policy } = control;
  const services = Object.fromEntries(
    Object.entries(policy.services).map(([name, service]): [string, ServiceSummary] => [
      name,
      {
        ...(service.split ? { split: service.split } : {}),
        routes: (service.routes ?? []).map((route) => route.name),
        callers: service.authorization
          ? [...new Set(service.authorization.flatMap((rule) => rule.from))]
          : 'any',
        faults: service.faults?.length ?? 0,
      },
    ]),
  );
  const pods = await Promise.all(
    control.registeredPods().map(async ({ registration, config, certificate }): Promise<PodStatus> => {
      const base = {
        ...registration,
        identity: certificate.identity,
        certificateFile: config.files.certificate,
        certificateNotAfter: certificate.notAfter,
        generation: config.generation,
      };
      try {
        return { ...base, workers: await workerPids(config.sockets.master) };
      } catch (error) {
        return { ...base, workers: null, error: (error as Error).message };
      }
    }),
  );
  return {
    generation: control.generation,
    caFile: control.caFile,
    policy: {
      trustDomain: policy.trustDomain,
      certificateTtl: formatDuration(policy.certificateTtlMs),
      services,
    },
    pods,
  };
}
