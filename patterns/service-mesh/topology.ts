import microservices from '@journey/pattern-microservices/topology';
import {
  defineOverlay,
  type EdgeSpec,
  everyCapability,
  type ProcessReplacement,
  type ProcessSpec,
  resolveTopology,
  type Topology,
} from '@journey/topology';

/**
 * pattern: the mesh is injected, not written. Like Istio's sidecar injector rewriting a pod spec,
 * this overlay wraps each microservice's own command in a pod launcher that starts an HAProxy
 * sidecar beside it; the services' code is the microservices pattern's, unchanged except that their
 * hand-written retries and breakers are switched off (DOWNSTREAM_RESILIENCE=mesh) because the
 * sidecars now do that work.
 */
const POD_LAUNCHER = 'patterns/service-mesh/pod/src/main.ts';
const CONTROL_PLANE = 'mesh-control';

/** A version of a service other than the base's (which is v1): the canary the policy splits traffic to. */
const CANARIES = [{ service: 'articles', version: 'v2', process: 'articles-v2' }] as const;

export interface MeshUpstream {
  /** The service name, as the policy file names it. */
  service: string;
  version: string;
  /** The topology process of that version; the lab hands its address in `processUrlEnv(process)`. */
  process: string;
}

const baseProcesses = new Map(microservices.processes.map((p) => [p.name, p]));
const callsOf = (name: string) =>
  microservices.edges.filter((e) => e.from === name && e.protocol === 'http' && baseProcesses.has(e.to));

/** Every version of the services `process` calls; the pod reads their addresses from the lab's env. */
function upstreamsOf(name: string): MeshUpstream[] {
  return callsOf(name).flatMap(({ to }) => [
    { service: to, version: 'v1', process: to },
    ...CANARIES.filter((c) => c.service === to),
  ]);
}

const podCommand = (app: ProcessSpec) => ['node', '--import', 'tsx', POD_LAUNCHER, '--', ...app.command];

function podEnv(process: string, app: ProcessSpec, service: string, version: string): Record<string, string> {
  return {
    // What the injector knows about the pod and the pod cannot learn by itself (Istio's injector
    // writes the app's probes into the sidecar's environment the same way).
    MESH_PROCESS: process,
    MESH_APP_HEALTH: app.health,
    MESH_SERVICE: service,
    MESH_VERSION: version,
    MESH_UPSTREAMS: JSON.stringify(upstreamsOf(app.name)),
    DOWNSTREAM_RESILIENCE: 'mesh',
  };
}

/** Each base process becomes a pod: its port is the sidecar's (mTLS inside, plaintext at the ingress). */
const injected = (spec: ProcessSpec): ProcessReplacement => ({
  command: podCommand(spec),
  adminPortEnv: 'ADMIN_PORT',
  dependsOn: [CONTROL_PLANE, ...(spec.dependsOn ?? []), ...canariesCalledBy(spec.name)],
  env: {
    ...spec.env,
    ...podEnv(spec.name, spec, spec.name, 'v1'),
    // The public process's sidecar is the mesh's ingress: plaintext for clients, mTLS onwards.
    ...(spec.public ? { MESH_INGRESS: 'true' } : {}),
  },
});

const canariesCalledBy = (name: string) =>
  CANARIES.filter((c) => callsOf(name).some((e) => e.to === c.service)).map((c) => c.process);

const canaryPods: ProcessSpec[] = CANARIES.map(({ service, version, process }) => {
  const stable = baseProcesses.get(service)!;
  return {
    ...stable,
    name: process,
    command: podCommand(stable),
    adminPortEnv: 'ADMIN_PORT',
    // After the stable version: it has migrated the database both versions share.
    dependsOn: [CONTROL_PLANE, service, ...(stable.dependsOn ?? [])],
    env: { ...stable.env, ...podEnv(process, stable, service, version) },
  };
});

const controlPlane: ProcessSpec = {
  name: CONTROL_PLANE,
  command: ['node', '--import', 'tsx', 'patterns/service-mesh/control-plane/src/main.ts'],
  portEnv: 'PORT',
  health: '/health',
  traffic: '/traffic',
};

const pods = [...microservices.processes.map((p) => p.name), ...CANARIES.map((c) => c.process)];

const canaryEdges: EdgeSpec[] = CANARIES.flatMap(({ service, process }) => [
  ...microservices.edges.filter((e) => e.to === service).map((e) => ({ ...e, to: process })),
  ...microservices.edges.filter((e) => e.from === service).map((e) => ({ ...e, from: process })),
]);

const overlay = defineOverlay({
  id: 'service-mesh',
  title: 'Microservices in a service mesh (HAProxy sidecars, mTLS, policy)',
  extends: 'microservices',
  replace: Object.fromEntries(microservices.processes.map((p) => [p.name, injected(p)])),
  add: {
    processes: [controlPlane, ...canaryPods],
    edges: [
      ...canaryEdges,
      // Every sidecar registers with the control plane and is configured by it (istiod's xDS).
      ...pods.map((from) => ({ from, to: CONTROL_PLANE, protocol: 'http' })),
    ],
    experiments: [
      {
        name: 'fault-injection',
        title: 'the sidecars abort and delay a share of the calls every service receives',
        fault: {
          kind: 'command',
          inject: ['mesh', 'apply', 'patterns/service-mesh/policies/fault-injection.yaml'],
          lift: ['mesh', 'apply', 'patterns/service-mesh/mesh-policy.yaml'],
        },
        expect: everyCapability('kept working'),
        lesson:
          'The faults are real answers on the wire (503s and 200 ms stalls), injected by the receiving sidecars; ' +
          "the callers' sidecars retry the 503s, so the API keeps answering without a line of retry code in the " +
          'services, and the stalls show up only as latency. Retries are not free: every hidden failure is extra ' +
          'load on the callee, and only calls that are safe to repeat may be retried — the policy aborts and ' +
          'retries reads only, because a POST the service already applied would be applied twice.',
      },
    ],
  },
});

export default overlay;

/**
 * The overlay applied to its base, for the mesh's own code (the policy's known services, tests) to
 * read what the lab will run without loading it through the lab; only this file reads the base.
 */
export const meshTopology: Topology = resolveTopology(overlay, microservices);
