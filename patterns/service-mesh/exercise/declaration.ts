import type { ExerciseDeclaration } from '@journey/topology';

/**
 * The service mesh stage's exercise (roadmap/service-mesh.md, checkpoint `exercise`): the canary and
 * the retries written as policy, not code. pattern.ts declares it as `exercise`.
 */
export const canaryPolicyExercise: ExerciseDeclaration = {
  title: 'A canary that retries only what is safe to repeat: the policy, not the code',
  task: [
    'Edit patterns/service-mesh/mesh-policy.yaml, the policy the mesh starts from, so that (1) 10% of the calls',
    'to the articles service go to its v2 and 90% to v1, and (2) calls to articles are retried on a 5xx or a',
    "failed connection only when they are idempotent: GET and PUT, as the services' own client retried them",
    'before the mesh took over, never POST or DELETE (a retried POST may publish an article twice). Nothing in',
    "the services changes. The acceptance tests compile your policy into the gateway's sidecar and run it in a",
    'real HAProxy in front of two fake articles versions that fail every other call.',
  ],
  tests: ['exercise/canary-policy.test.ts'],
  rules: true,
  hints: [],
  solution: 'exercise/solution.patch',
};
