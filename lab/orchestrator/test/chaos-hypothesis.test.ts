import { CAPABILITIES, type Capability, defineTopology, type Topology } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import { checkClaims, deriveHypothesis } from '../src/chaos/hypothesis.js';
import { checkInvariants } from '../src/chaos/invariants.js';
import { faultFor, reachedProcesses } from '../src/chaos/vocabulary.js';
import { DELAY_FILTER_LUA, relayConfig } from '../src/experiments/faults/haproxy-relay.js';
import { dropRuleset, namespacePlan } from '../src/experiments/faults/network-namespace.js';
import { type FaultReport, loadTopology, PHASES, type PhaseFigures, type Verdict } from '../src/index.js';

const figures = (p50Ms: number, ok = 10): PhaseFigures => ({
  requests: 10,
  ok,
  unavailable: 0,
  errorStatuses: {},
  noAnswer: 10 - ok,
  timeouts: 0,
  p50Ms,
  p99Ms: p50Ms * 2,
  maxMs: p50Ms * 3,
});

/** A run where every phase kept working at 5 ms, but for what `fault` says of the fault phase. */
function report(
  fault: Partial<Record<Capability, { verdict: Verdict; figures: PhaseFigures }>> = {},
): FaultReport {
  const each = <T>(value: (phase: string, c: Capability) => T) =>
    Object.fromEntries(
      PHASES.map((p) => [p, Object.fromEntries(CAPABILITIES.map((c) => [c, value(p, c)]))]),
    ) as Record<(typeof PHASES)[number], Record<Capability, T>>;
  return {
    during: 'during',
    afterwards: 'after',
    figures: each((p, c) => (p === 'fault' && fault[c] ? fault[c].figures : figures(5))),
    verdicts: each((p, c) => (p === 'fault' && fault[c] ? fault[c].verdict : 'kept working')),
    liftMs: 1,
    recoveryMs: 10,
    writes: { lost: [], committedDespiteError: [], duplicated: [], articles: 3, comments: 4 },
    convergedMs: 5,
    findings: [],
    faultProblems: [],
  };
}
const everywhere = (verdict: Verdict, f: PhaseFigures) =>
  Object.fromEntries(CAPABILITIES.map((c) => [c, { verdict, figures: f }]));

const [monolith, microservices, eventDriven] = (await Promise.all(
  (['monolith', 'microservices', 'event-driven'] as const).map((slug) => loadTopology(slug)),
)) as [Topology, Topology, Topology];

describe('the hypothesis a chaos run states, derived from the edges', () => {
  it('when the public process is killed, then every capability is expected down with no answer', () => {
    const hypothesis = deriveHypothesis(monolith, { kind: 'kill', target: 'app' });
    expect(hypothesis.reached).toEqual(['app']);
    expect(hypothesis.claims.map((c) => c.claim)).toEqual(CAPABILITIES.map((c) => `${c}: down (no answer)`));
    const checks = checkClaims(hypothesis, report(everywhere('down (no answer)', figures(1, 0))));
    expect(checks.every((check) => check.held)).toBe(true);
  });

  it('when a service others call is killed, then its callers are reached and the failure must stay contained', () => {
    const hypothesis = deriveHypothesis(microservices, { kind: 'kill', target: 'comments' });
    expect(hypothesis.reached).toEqual(['articles', 'comments', 'gateway']);
    const everythingHit = checkClaims(hypothesis, report(everywhere('failed fast (503)', figures(1, 0))));
    expect(everythingHit.find((c) => !c.held)?.name).toMatch(/at least one capability keeps working/);
  });

  it('when a database on a shared server is slowed, then every service on that server is reached', () => {
    const hypothesis = deriveHypothesis(microservices, { kind: 'latency', target: 'comments-db', ms: 100 });
    expect(hypothesis.reached).toEqual(['identity', 'profiles', 'articles', 'comments', 'gateway']);
    expect(hypothesis.statement).toMatch(
      /comments-db's server \(shared with identity-db, profiles-db, articles-db\)/,
    );
    const slowed = checkClaims(hypothesis, report(everywhere('kept working', figures(120))));
    expect(slowed.every((c) => c.held)).toBe(true);
    const notSlowed = checkClaims(hypothesis, report(everywhere('kept working', figures(40))));
    expect(notSlowed.filter((c) => !c.held).map((c) => c.detail)).toEqual([
      'not slowed enough: users 5 → 40 ms, profiles 5 → 40 ms, articles 5 → 40 ms, favorites 5 → 40 ms, comments 5 → 40 ms',
    ]);
  });

  it('when the broker is away, then no process waits on it (events are asynchronous) and everything keeps working', () => {
    expect(reachedProcesses(eventDriven, { kind: 'away', target: 'broker' })).toEqual([]);
    const hypothesis = deriveHypothesis(eventDriven, { kind: 'away', target: 'broker' });
    expect(hypothesis.claims.map((c) => c.claim)).toEqual(CAPABILITIES.map((c) => `${c}: kept working`));
  });

  it('when a drop is asked, then at most its share of requests may fail', () => {
    const hypothesis = deriveHypothesis(monolith, { kind: 'drop', target: 'db', share: 0.25 });
    const [availability] = checkClaims(
      hypothesis,
      report({ users: { verdict: 'degraded', figures: figures(5, 0) } }),
    );
    expect(availability).toMatchObject({ held: true, detail: '80% answered 2xx' });
  });

  it('when the topology states its own expectation, then it wins over the derived one', () => {
    const stated: Topology = defineTopology({
      ...monolith,
      chaos: [
        { kind: 'away', target: 'db', expect: { users: 'kept working' }, because: 'sign-in reads a cache' },
      ],
    });
    const hypothesis = deriveHypothesis(stated, { kind: 'away', target: 'db' });
    expect(hypothesis).toMatchObject({
      source: 'topology',
      statement: 'monolith says: sign-in reads a cache',
    });
    expect(hypothesis.claims.map((c) => c.claim)).toEqual([
      'users: kept working',
      'no capability hangs (every probe gets an answer within 5 s)',
    ]);
  });

  it('when a chaos expectation names something the topology lacks, then the topology is refused', () => {
    expect(() =>
      defineTopology({ ...monolith, chaos: [{ kind: 'kill', target: 'db', expect: {}, because: '' }] }),
    ).toThrow('chaos expectation for kill names unknown "db"');
  });
});

describe('the vocabulary as faults', () => {
  it('maps each kind onto the fault the experiments inject', () => {
    expect(faultFor({ kind: 'kill', target: 'app' })).toEqual({
      kind: 'kill',
      processes: ['app'],
      signal: 'SIGKILL',
    });
    expect(faultFor({ kind: 'latency', target: 'db', ms: 50 })).toEqual({
      kind: 'latency',
      name: 'db',
      ms: 50,
    });
    expect(faultFor({ kind: 'drop', target: 'db' })).toEqual({ kind: 'drop', name: 'db', share: 0.3 });
    expect(faultFor({ kind: 'away', target: 'db' })).toEqual({ kind: 'cut-infrastructure', name: 'db' });
  });
});

describe('the invariants after a fault', () => {
  it('names each one that did not hold', () => {
    const broken = report();
    broken.writes.lost.push('comment "c1"');
    broken.writes.duplicated.push('article "a2" ×2');
    broken.convergedMs = undefined;
    expect(
      checkInvariants(broken)
        .filter((c) => !c.held)
        .map((c) => `${c.name}: ${c.detail}`),
    ).toEqual([
      'no acknowledged write lost: comment "c1"',
      'counts exact: article "a2" ×2',
      'read models converged: the read side never showed every acknowledged write',
    ]);
  });
});

describe('the network namespace plan', () => {
  it('names the namespace after the lab and the process, keeps interface names within 15 characters and hands out a /30', () => {
    const plan = namespacePlan('a1b2c3', 4_194_303, 1);
    expect(plan.name).toBe('journey-chaos-a1b2c3-4194303');
    expect(plan.hostVeth).toBe('jca1b2c32hwcfh');
    expect(plan.hostVeth.length).toBeLessThanOrEqual(15);
    expect([plan.hostAddress, plan.namespaceAddress]).toEqual(['10.231.0.5', '10.231.0.6']);
    expect(plan.setup[0]).toEqual(['netns', 'add', plan.name]);
    expect(plan.setup).toContainEqual([
      '-n',
      plan.name,
      'addr',
      'add',
      '10.231.0.6/30',
      'dev',
      plan.namespaceVeth,
    ]);
    expect(plan.teardown[0]).toEqual(['netns', 'delete', plan.name]);
    expect(namespacePlan('a1b2c3', 1, 16_383).namespaceAddress).toBe('10.231.255.254');
  });

  it('drops the share of new connections to the relay port only, inside its own table', () => {
    expect(dropRuleset(40123, 0.3)).toBe(
      [
        'table inet journey_chaos {',
        '  chain input {',
        '    type filter hook input priority filter; policy accept;',
        '    tcp dport 40123 ct state new numgen random mod 100 < 30 drop',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('relays with the delay filter only when asked', () => {
    const relay = { listen: { host: '10.231.0.6', port: 1 }, target: { host: '10.231.0.5', port: 2 } };
    expect(relayConfig(relay, '/s')).not.toContain('lua');
    const delaying = relayConfig({ ...relay, delayFilter: true }, '/s');
    expect(delaying).toContain(`lua-load ${DELAY_FILTER_LUA}`);
    expect(delaying).toContain('  filter lua.chaos_delay');
  });
});
