import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../policy/src/duration.js';
import { MESH_SERVICES } from '../../policy/src/mesh-services.js';
import { PolicyError, parsePolicy } from '../../policy/src/parse-policy.js';

const MESH_DIR = join(import.meta.dirname, '../..');
const policyFiles = [
  'mesh-policy.yaml',
  ...readdirSync(join(MESH_DIR, 'policies')).map((file) => join('policies', file)),
];
const read = (file: string) => readFileSync(join(MESH_DIR, file), 'utf8');

/** The problems parsePolicy reports for `yaml`, or a failure when it accepts it. */
function problemsOf(yaml: string): string[] {
  try {
    parsePolicy(yaml);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  throw new Error('the policy was accepted');
}

const HEADER = 'trustDomain: conduit.journey\ncertificateTtl: 24h\n';
const withServices = (services: string) => `${HEADER}services:\n${services}`;

describe('the policy files shipped with the pattern', () => {
  it.each(policyFiles)('when %s is parsed, then it is valid', (file) => {
    expect(() => parsePolicy(read(file))).not.toThrow();
  });

  it('when the default is parsed, then it is what the tutorial says: a 24h certificate, v2 idle, authorization as drawn, no POST retried once sent', () => {
    const policy = parsePolicy(read('mesh-policy.yaml'));
    expect(policy.trustDomain).toBe('conduit.journey');
    expect(policy.certificateTtlMs).toBe(24 * 3_600_000);
    expect(policy.services.articles?.split).toEqual({ v1: 100, v2: 0 });
    const callers = Object.fromEntries(
      Object.entries(policy.services).map(([name, service]) => [
        name,
        service.authorization?.flatMap((r) => r.from),
      ]),
    );
    expect(callers).toEqual({
      identity: ['gateway', 'profiles'],
      profiles: ['gateway'],
      articles: ['gateway'],
      comments: ['gateway', 'articles'],
    });
    for (const service of Object.values(policy.services)) {
      expect(service.outlierDetection).toBeDefined();
      expect(service.faults).toBeUndefined();
      // A POST's route: the first one whose methods name it, or one matching every method.
      const posts = service.routes?.find(
        (route) => !route.match?.methods || route.match.methods.includes('POST'),
      );
      expect(posts?.retries?.retryOn).toEqual(['connect-failure']);
    }
    // The exercise's start: one route for every call to articles, retried only on connect-failure.
    expect(policy.services.articles?.routes).toEqual([
      { name: 'all', timeoutMs: 10_000, retries: { attempts: 2, retryOn: ['connect-failure'] } },
    ]);
    const identityPost = policy.services.identity?.routes?.find((route) =>
      route.match?.methods?.includes('POST'),
    );
    expect(identityPost?.timeoutMs).toBeGreaterThanOrEqual(30_000);
  });

  it('when the canary policy is parsed, then it is the default with one call to articles in ten sent to v2', () => {
    const canary = parsePolicy(read('policies/canary-10.yaml'));
    const standard = parsePolicy(read('mesh-policy.yaml'));
    expect(canary.services.articles?.split).toEqual({ v1: 90, v2: 10 });
    expect(canary).toEqual({
      ...standard,
      services: {
        ...standard.services,
        articles: { ...standard.services.articles, split: { v1: 90, v2: 10 } },
      },
    });
  });

  it('when the fault-injection policy is parsed, then only reads are aborted and POSTs are retried only before they were sent', () => {
    const policy = parsePolicy(read('policies/fault-injection.yaml'));
    for (const name of ['identity', 'profiles', 'articles', 'comments']) {
      const service = policy.services[name];
      const aborts = service?.faults?.filter((fault) => fault.abort) ?? [];
      expect(aborts.length).toBeGreaterThan(0);
      for (const fault of aborts) expect(fault.match?.methods).toEqual(['GET']);
      const reads = service?.routes?.find((route) => route.match?.methods?.includes('GET'));
      expect(reads?.retries?.retryOn).toContain('gateway-error');
      const posts = service?.routes?.find((route) => route.match?.methods?.includes('POST'));
      expect(posts?.retries?.retryOn).toEqual(['connect-failure']);
    }
    expect(policy.services.gateway?.faults).toBeUndefined();
  });
});

describe('a policy with mistakes', () => {
  it('when keys are unknown or misspelt, then each is named, with the key it probably meant', () => {
    expect(problemsOf(`${HEADER}services: {}\nretries: 3\n`)).toEqual([
      'retries: unknown key (expected trustDomain, certificateTtl, services)',
    ]);
    expect(problemsOf(withServices('  articles:\n    splt: { v1: 100 }\n'))).toEqual([
      'services.articles.splt: unknown key (did you mean split?)',
    ]);
  });

  it('when required keys are missing, then each is named', () => {
    expect(problemsOf('services: {}\n')).toEqual(['trustDomain: is required', 'certificateTtl: is required']);
  });

  it('when the file is empty, not a map or not YAML, then it says so', () => {
    expect(problemsOf('')).toEqual([
      'policy: the file is empty: it needs trustDomain, certificateTtl and services',
    ]);
    expect(problemsOf('- a\n- b\n')).toEqual(['policy: must be a map, got a list']);
    expect(problemsOf(`${HEADER}services: {}\nservices: {}\n`)).toEqual(['line 4: Map keys must be unique']);
    expect(problemsOf('trustDomain: [unclosed\n')[0]).toMatch(/^line \d+: /);
  });

  it('when a split does not add up to 100, names a version the service lacks, or a percent outside 0..100, then each is said once', () => {
    expect(problemsOf(withServices('  articles:\n    split: { v1: 90, v2: 20 }\n'))).toEqual([
      'services.articles.split: the percents add up to 110, not 100',
    ]);
    expect(problemsOf(withServices('  articles:\n    split: { v1: 100, v3: 0 }\n'))).toEqual([
      'services.articles.split.v3: articles has no version v3 (v1, v2)',
    ]);
    expect(problemsOf(withServices('  articles:\n    split: { v1: 110, v2: -10 }\n'))).toEqual([
      'services.articles.split.v1: must be a percent from 0 to 100, got 110',
      'services.articles.split.v2: must be a percent from 0 to 100, got -10',
    ]);
  });

  it('when a value is left empty, then it says what it must be', () => {
    expect(
      problemsOf(
        withServices('  articles:\n    split:\n    routes:\n      - name: reads\n        timeout:\n'),
      ),
    ).toEqual([
      'services.articles.split: must be a map, got nothing',
      'services.articles.routes[0].timeout: must be a duration like 250ms, 2s, 1m or 24h, got nothing',
    ]);
  });

  it('when a service is not in the mesh, then it says which are', () => {
    expect(problemsOf(withServices('  payments: {}\n'))).toEqual([
      'services.payments: no such service in the mesh (identity, profiles, articles, comments, gateway)',
    ]);
    expect(problemsOf(withServices('  article: {}\n'))).toEqual([
      'services.article: no such service in the mesh (did you mean articles?)',
    ]);
  });

  it('when a name is one every object has (constructor, toString, __proto__), then it is no service of the mesh', () => {
    expect(problemsOf(withServices('  constructor:\n    split: { v1: 100 }\n  toString: {}\n'))).toEqual([
      'services.constructor: no such service in the mesh (identity, profiles, articles, comments, gateway)',
      'services.toString: no such service in the mesh (identity, profiles, articles, comments, gateway)',
    ]);
    expect(problemsOf(withServices('  __proto__: {}\n'))).toEqual([
      'services.__proto__: no such service in the mesh (identity, profiles, articles, comments, gateway)',
    ]);
    expect(
      problemsOf(withServices('  identity:\n    authorization:\n      - from: [hasOwnProperty]\n')),
    ).toEqual([
      'services.identity.authorization[0].from[0]: no such service in the mesh: "hasOwnProperty" (identity, profiles, articles, comments, gateway, or * for any)',
    ]);
  });

  it('when an alias names no anchor, or aliases multiply past reason (a billion laughs), then it says so', () => {
    expect(problemsOf(`${HEADER}services: *nothing\n`)).toEqual([
      'line 3: the alias *nothing names no anchor above it',
    ]);
    const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [previous, next] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) {
      laughs.push(`${next}: &${next} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    expect(problemsOf(`${laughs.join('\n')}\n`)).toEqual([
      'policy: too many aliases (*name) for a policy file: write the values out',
    ]);
  });

  it('when durations are bad, then it shows how to write one', () => {
    const routes = (timeout: string) =>
      withServices(`  articles:\n    routes:\n      - name: all\n        timeout: ${timeout}\n`);
    expect(problemsOf(routes('2 seconds'))).toEqual([
      'services.articles.routes[0].timeout: must be a duration like 250ms, 2s, 1m or 24h, got "2 seconds"',
    ]);
    expect(problemsOf(routes('2'))).toEqual([
      'services.articles.routes[0].timeout: must be a duration like 250ms, 2s, 1m or 24h, got 2 (a bare number has no unit: write 2ms or 2s)',
    ]);
    expect(problemsOf('trustDomain: conduit.journey\ncertificateTtl: 10s\nservices: {}\n')).toEqual([
      'certificateTtl: must be 60000 ms to 2592000000 ms, got 10s',
    ]);
    // Past what HAProxy's timers hold, which it would refuse with a message about its own file.
    const outlier = (interval: string, ejection: string) =>
      withServices(
        `  articles:\n    outlierDetection: { consecutive5xxErrors: 5, interval: ${interval}, baseEjectionTime: ${ejection} }\n`,
      );
    expect(problemsOf(routes('600h'))).toEqual([
      'services.articles.routes[0].timeout: must be 1 ms to 86400000 ms, got 600h',
    ]);
    expect(problemsOf(outlier('999999h', '999999h'))).toEqual([
      'services.articles.outlierDetection.interval: must be 100 ms to 86400000 ms, got 999999h',
      'services.articles.outlierDetection.baseEjectionTime: must be 100 ms to 86400000 ms, got 999999h',
    ]);
    expect(() => parsePolicy(outlier('24h', '24h'))).not.toThrow();
  });

  it('when retries are wrong, then attempts, conditions and a per-try timeout longer than the call are each said', () => {
    const yaml = withServices(
      [
        '  comments:',
        '    routes:',
        '      - name: reads',
        '        timeout: 2s',
        '        retries: { attempts: -1, perTryTimeout: 5s, retryOn: [timeout] }',
        '      - name: writes',
        '        retries: { attempts: 2 }',
        '',
      ].join('\n'),
    );
    expect(problemsOf(yaml)).toEqual([
      'services.comments.routes[0].retries.attempts: must be a whole number from 0 to 10, got -1',
      'services.comments.routes[0].retries.retryOn[0]: must be one of connect-failure, reset, gateway-error, 5xx, got "timeout"',
      "services.comments.routes[0].retries.perTryTimeout: 5s is longer than the route's timeout (2s): no single try could time out before the whole call does",
      'services.comments.routes[1].retries.retryOn: is required with attempts: say which failures to retry (connect-failure, reset, gateway-error, 5xx)',
      'services.comments.routes[0]: matches every call, so the routes after it never apply: put it last',
    ]);
  });

  it('when routes repeat a name or match unknown methods, then it says so', () => {
    const yaml = withServices(
      [
        '  profiles:',
        '    routes:',
        '      - { name: reads, match: { methods: [get] } }',
        '      - { name: reads, match: { pathPrefix: profiles } }',
        '',
      ].join('\n'),
    );
    expect(problemsOf(yaml)).toEqual([
      'services.profiles.routes[0].match.methods[0]: must be one of GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, got "get"',
      'services.profiles.routes[1].match.pathPrefix: must be a URL path starting with / (letters, digits, - . _ ~ / :), got "profiles"',
      'services.profiles.routes[1]: a second route named reads',
    ]);
  });

  it('when authorization names a caller that is not in the mesh, then it says which are', () => {
    expect(
      problemsOf(withServices('  identity:\n    authorization:\n      - from: [gatway]\n      - from: []\n')),
    ).toEqual([
      'services.identity.authorization[0].from[0]: no such service in the mesh: "gatway" (did you mean gateway?)',
      'services.identity.authorization[1].from: must name at least one',
    ]);
    expect(() =>
      parsePolicy(withServices('  identity:\n    authorization:\n      - from: ["*"]\n')),
    ).not.toThrow();
  });

  it('when faults are incomplete or out of range, then each is said', () => {
    const yaml = withServices(
      [
        '  articles:',
        '    faults:',
        '      - { version: v3, abort: { percent: 120, status: 200 } }',
        '      - { delay: { percent: 10 } }',
        '      - { match: { methods: [GET] } }',
        '',
      ].join('\n'),
    );
    expect(problemsOf(yaml)).toEqual([
      'services.articles.faults[0].version: articles has no version v3 (v1, v2)',
      'services.articles.faults[0].abort.percent: must be a percent from 0 to 100, got 120',
      'services.articles.faults[0].abort.status: must be a whole number from 400 to 599, got 200',
      'services.articles.faults[1].delay.fixedDelay: is required',
      'services.articles.faults[2]: must say abort, delay or both',
    ]);
  });

  it('when the PolicyError is printed, then every problem is in its message', () => {
    const error = (() => {
      try {
        parsePolicy('services: {}\n');
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toBe(
      'the policy has 2 problem(s):\n  trustDomain: is required\n  certificateTtl: is required',
    );
  });
});

describe('durations and the services a policy may name', () => {
  it('when durations are written in each unit, then they are milliseconds, and print back the short way', () => {
    expect(['250ms', '2s', '1m', '24h'].map(parseDuration)).toEqual([250, 2_000, 60_000, 86_400_000]);
    expect([parseDuration('1.5s'), parseDuration('-1s'), parseDuration('1d'), parseDuration('')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect([250, 2_000, 90_000, 86_400_000, 1_500, 0].map(formatDuration)).toEqual([
      '250ms',
      '2s',
      '90s',
      '24h',
      '1500ms',
      '0ms',
    ]);
  });

  it('when the topology is read, then every pod is a version of its service, the canary included', () => {
    expect(MESH_SERVICES).toEqual({
      identity: ['v1'],
      profiles: ['v1'],
      articles: ['v1', 'v2'],
      comments: ['v1'],
      gateway: ['v1'],
    });
  });
});
