import { definePattern } from '@journey/topology';
import { canaryPolicyExercise } from './exercise/declaration.js';
import mesh from './topology.js';

/**
 * The pods the overlay declares: a process the lab probes on a sidecar's admin port has a sidecar
 * beside it, whether the overlay wrapped a microservice or added it (the canary). Read from the
 * declaration alone, so counting them starts nothing.
 */
const pods = [
  ...Object.entries(mesh.replace ?? {})
    .filter(([, replacement]) => replacement.adminPortEnv !== undefined)
    .map(([name]) => name),
  ...(mesh.add?.processes ?? []).filter((process) => process.adminPortEnv !== undefined).map((p) => p.name),
];

export default definePattern({
  slug: 'service-mesh',
  sources: ['control-plane', 'pod', 'sidecar', 'policy', 'manifests', 'lab'],
  // What the README is about is the sidecars the mesh injects; the services inside the pods are the
  // microservices pattern's, counted there.
  structure: [{ unit: 'sidecars', names: pods }],
  rules: './architecture.rules.ts',
  commands: [
    {
      name: 'mesh',
      usage:
        'mesh apply <policy.yaml> | status | rotate | verify-mtls | manifests --target istio|linkerd|consul [--out dir]',
      summary:
        'the running mesh: apply a policy live, show what each sidecar runs, rotate the certificates, prove mTLS is enforced, generate cluster manifests',
      module: './lab/mesh-command.ts',
    },
  ],
  benches: [
    {
      name: 'sidecar-hop',
      title:
        'the same call straight to a service and through a sidecar pair (caller outbound → callee inbound, mTLS): p50/p99 added per proxy hop, sidecar CPU and memory',
      module: './lab/sidecar-hop.bench.ts',
      options: [
        {
          name: 'requests',
          description: 'calls on each path, the two paths interleaved',
          default: 2_000,
          min: 100,
          max: 100_000,
        },
        {
          name: 'hop-connections',
          description:
            'keep-alive connections on each path, each carrying one call at a time (1: unloaded, as issue 16’s per-hop goal is set)',
          default: 1,
          min: 1,
          max: 64,
        },
      ],
    },
  ],
  exercise: canaryPolicyExercise,
});
