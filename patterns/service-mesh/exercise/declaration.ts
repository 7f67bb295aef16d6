import type { ExerciseDeclaration } from '@journey/topology';

/**
 * The service mesh stage's exercise (roadmap/service-mesh.md, checkpoint `exercise`): the canary and
 * the retries written as policy, not code. pattern.ts declares it as `exercise`.
 */
export const canaryPolicyExercise: ExerciseDeclaration = {
  title: 'A canary that retries only what is safe to repeat: the policy, not the code',
  task: [
    'Edit patterns/service-mesh/mesh-policy.yaml, the policy the mesh starts from. Its articles block sends v2',
    'nothing and has one route for every call, retried only when the connection failed. Make it so that (1) about',
    "10% of the calls to the articles service go to its v2 and the rest to v1, and (2) articles' calls are retried",
    'on a failed try (a 503, a reset, a failed connection) when they are idempotent: GET, HEAD, PUT and DELETE,',
    'which leave the same state however often they run; a POST only when its connection failed, never once it',
    'reached the service, since a retried POST publishes the article twice. Nothing in the services changes. The',
    "acceptance tests compile your policy into the gateway's sidecar as mesh-control does and run it in a real",
    'HAProxy, in front of two fake articles versions.',
  ],
  tests: ['exercise/canary-policy.test.ts'],
  rules: true,
  hints: [
    "The split is the articles block's `split`: a percent per version (v1, v2), adding up to 100. A VirtualService says the same with weighted routes to a DestinationRule's subsets; read policies/canary-10.yaml's header for how it is applied live.",
    "Retries are per route, at the caller's sidecar: the first route whose `match` fits a call decides its `retries`. The start's one route, `all`, has no `match`, so it takes every call, POSTs included: adding gateway-error to it would retry POSTs too. Give the idempotent methods a route of their own (`match.methods`) with retryOn including gateway-error (a 503 is one) and reset; identity's, profiles' and comments' blocks show the shape.",
    'A POST must not be retried once it reached the service: give POSTs a route of their own with retryOn: [connect-failure] only (the connection never opened, so the service cannot have seen it), or keep a route matching every method after the idempotent one: a call matching no route gets connect-failure retries only.',
    "The tests build the gateway's sidecar from your file with the control plane's own compileSidecar and renderHaproxyConfig. On a running mesh, `journey mesh status` shows the split and routes in force, and the rendered $JOURNEY_RUN_DIR/mesh/pods/gateway/haproxy.cfg what they became: one backend per route with its `retries` and `retry-on`, each version a server with its `weight`.",
    'parsePolicy reports a file it cannot take as `path: what is wrong`; `journey mesh apply patterns/service-mesh/mesh-policy.yaml` on a running mesh checks it the same way and applies it without a restart.',
  ],
  solution: 'exercise/solution.patch',
};
