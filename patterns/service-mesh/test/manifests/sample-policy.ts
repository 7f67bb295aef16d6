import type { MeshPolicy } from '../../policy/src/mesh-policy.js';

/**
 * A policy using every feature at once, beyond what the repository's policy files do: a canary split,
 * every retry condition, faults for one version and for all, authorization rules that restrict
 * methods and paths, overlap, and name `*`.
 */
export const EVERY_FEATURE: MeshPolicy = {
  trustDomain: 'conduit.journey',
  certificateTtlMs: 86_400_000,
  services: {
    articles: {
      split: { v1: 90, v2: 10 },
      routes: [
        {
          name: 'reads',
          match: { methods: ['GET', 'HEAD'], pathPrefix: '/api/articles' },
          timeoutMs: 2_000,
          retries: {
            attempts: 3,
            perTryTimeoutMs: 500,
            retryOn: ['connect-failure', 'reset', 'gateway-error', '5xx'],
          },
        },
        {
          name: 'writes',
          match: { methods: ['POST'] },
          timeoutMs: 5_000,
          retries: { attempts: 1, retryOn: ['connect-failure'] },
        },
      ],
      outlierDetection: { consecutive5xxErrors: 5, intervalMs: 10_000, baseEjectionTimeMs: 30_000 },
      authorization: [
        { from: ['gateway'] },
        { from: ['comments'], to: { methods: ['GET'], pathPrefix: '/api/articles' } },
        { from: ['*'], to: { pathPrefix: '/api/articles/feed' } },
      ],
      faults: [
        { version: 'v2', match: { methods: ['GET'] }, abort: { percent: 10, status: 503 } },
        { delay: { percent: 5, fixedDelayMs: 300 } },
      ],
    },
    identity: {
      routes: [{ name: 'sessions', match: { pathPrefix: '/users/login' }, timeoutMs: 30_000 }],
      authorization: [{ from: ['gateway', 'profiles'] }],
    },
    profiles: { authorization: [{ from: ['*'] }] },
    comments: {
      split: { v1: 100 },
      faults: [
        {
          version: 'v1',
          abort: { percent: 20, status: 500 },
          match: { methods: ['GET'], pathPrefix: '/api' },
        },
      ],
      authorization: [],
    },
  },
};
