import type { PatternRules } from '@journey/architecture-rules';

/**
 * The service mesh (issue 16): a data plane (`sidecar/`: HAProxy's configuration rendered from a
 * SidecarConfig), a pod launcher (`pod/`) starting a sidecar beside each service, a control plane
 * (`control-plane/`) that compiles the policy (`policy/`) into every sidecar's configuration, cluster
 * manifests generated from the same policy (`manifests/`), and the lab's side (`lab/`: the `mesh`
 * command, the bench). The services inside the pods are the microservices pattern's, untouched.
 */

/** `control-plane/src/main.ts` → `control-plane`. */
const partOf = (path: string) => path.split('/')[0]!;

/** Code of the microservices pattern, by a relative path or through one of its packages. */
const MICROSERVICES_CODE =
  '^\\.\\./microservices/|(^|/)node_modules/@journey/(microservices-[^/]+|pattern-microservices)/';
/** The one file of it the mesh may read: its topology, the declaration the overlay is layered on. */
const MICROSERVICES_TOPOLOGY =
  '^\\.\\./microservices/topology\\.ts$|(^|/)node_modules/@journey/pattern-microservices/topology\\.ts$';

const rules: PatternRules = {
  shape:
    'a data plane that knows only its own configuration, configured by a control plane that compiles one policy, around services the mesh never imports',
  rules: [
    {
      name: 'data-plane-knows-no-control-plane',
      comment:
        'A sidecar is configured, it does not decide: the data plane renders whatever SidecarConfig it is ' +
        'handed. One that reached into the control plane (its policy compiler, its CA, its registry) could ' +
        'not be swapped for another proxy, which is the point of the split: Istio runs Envoy and Linkerd ' +
        'its own proxy under much the same control-plane ideas.',
      forbidden: [{ from: { path: '^sidecar/' }, to: { path: '^(control-plane|pod|manifests|lab)/' } }],
      explain: ({ from, to }) =>
        `the data plane (${from}) imports ${to}, ${partOf(to)} code; ` +
        'a sidecar renders the SidecarConfig it is given and imports only sidecar/ and policy/',
    },
    {
      name: 'pod-meets-control-plane-over-http',
      comment:
        'A pod registers with the control plane over HTTP and is configured through files and sockets, as ' +
        'a real sidecar is through xDS: it shares the registration contract and nothing else. A pod that ' +
        'imported the CA or the compiler would run them itself, and a policy change could no longer reach ' +
        'a pod that is already running.',
      forbidden: [
        {
          from: { path: '^pod/' },
          to: { path: '^control-plane/', pathNot: '^control-plane/src/pod-registration\\.ts$' },
        },
      ],
      explain: ({ from, to }) =>
        `the pod launcher (${from}) imports ${to}, an internal of the control plane; ` +
        'a pod shares only control-plane/src/pod-registration.ts with it and calls it over HTTP',
    },
    {
      name: 'control-plane-imports-no-pod',
      comment:
        'The control plane configures pods it did not start and outlives their restarts: what it knows of ' +
        'one is what the pod registered. Importing the launcher would tie it to how pods start, which is ' +
        'the platform’s business (the kubelet’s, on Kubernetes).',
      forbidden: [{ from: { path: '^control-plane/' }, to: { path: '^(pod|lab)/' } }],
      explain: ({ from, to }) =>
        `the control plane (${from}) imports ${to}; it knows a pod only by its registration (pod-registration.ts)`,
    },
    {
      name: 'policy-imports-no-mesh-part',
      comment:
        'The policy is the one document every part reads: the control plane compiles it, the manifests ' +
        'translate it, the data plane’s configuration carries pieces of it. If it imported any of them, ' +
        'each would depend on all the others through it.',
      forbidden: [
        { from: { path: '^policy/' }, to: { path: '^(control-plane|pod|sidecar|manifests|lab)/' } },
      ],
      explain: ({ from, to }) =>
        `the policy model (${from}) imports ${to}, ${partOf(to)} code; the policy imports nothing of the mesh`,
    },
    {
      name: 'manifests-come-from-the-policy',
      comment:
        'Istio, Linkerd and Consul resources are generated from the policy file alone, so what a cluster ' +
        'runs is what the lab runs. Reading the local control plane or data plane would put HAProxy’s ' +
        'details (ports, sockets, files) into a cluster’s manifests.',
      forbidden: [{ from: { path: '^manifests/' }, to: { path: '^(control-plane|pod|sidecar|lab)/' } }],
      explain: ({ from, to }) =>
        `the manifest generator (${from}) imports ${to}, ${partOf(to)} code; generate the manifests from policy/ only`,
    },
    {
      name: 'mesh-imports-no-microservice-code',
      comment:
        'The mesh is injected, not written: it wraps the services’ own commands and never links their ' +
        'code, so the same services run with or without it. Only the microservices’ topology, the ' +
        'declaration the overlay changes, may be read.',
      forbidden: [{ from: { path: '.' }, to: { path: MICROSERVICES_CODE, pathNot: MICROSERVICES_TOPOLOGY } }],
      explain: ({ from, to }) =>
        `${from} imports ${to}, code of the microservices pattern; the mesh talks to the services over ` +
        'the network only (their topology.ts is the one file it may read)',
    },
  ],
};

export default rules;
