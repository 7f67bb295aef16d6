import { CAPABILITIES, type Capability, defineTopology, type Topology } from '@journey/topology';
import { describe, expect, it, vi } from 'vitest';
import { checkClaims, deriveHypothesis } from '../src/chaos/hypothesis.js';
import { checkInvariants } from '../src/chaos/invariants.js';
import { runChaos } from '../src/chaos/run-chaos.js';
import { faultFor, reachedProcesses } from '../src/chaos/vocabulary.js';
import { DELAY_FILTER_LUA, relayConfig } from '../src/experiments/faults/haproxy-relay.js';
import { FaultRefused, prepareFault } from '../src/experiments/faults/index.js';
import { dropCounts, dropRuleset, namespacePlan } from '../src/experiments/faults/network-namespace.js';
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

  it('when nothing waits on the slowed piece, then every answer must keep its speed, judged against its own p50 before', () => {
    // Without the expectation event-driven states for this fault (its gateway's read-your-writes wait).
    const derivedOnly = { ...eventDriven, chaos: [] };
    const hypothesis = deriveHypothesis(derivedOnly, { kind: 'latency', target: 'broker', ms: 200 });
    expect(hypothesis.statement).toMatch(/answers keep their speed$/);
    expect(
      checkClaims(hypothesis, report(everywhere('kept working', figures(60)))).every((c) => c.held),
    ).toBe(true);
    // 5 ms before: twice that plus half the delay is 110 ms.
    const slowed = checkClaims(
      hypothesis,
      report({ comments: { verdict: 'kept working', figures: figures(110) } }),
    );
    expect(slowed.filter((c) => !c.held).map((c) => c.detail)).toEqual(['slowed: comments 5 → 110 ms']);
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

  it('drops the share of new connections to the relay port only, inside its own table, counting what it saw and dropped', () => {
    expect(dropRuleset(40123, 0.3)).toBe(
      [
        'table inet journey_chaos {',
        '  chain input {',
        '    type filter hook input priority filter; policy accept;',
        '    tcp dport 40123 ct state new counter',
        '    tcp dport 40123 ct state new numgen random mod 100 < 30 counter drop',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('reads the counters out of nft -j list table', () => {
    // What nftables 1.0.6 lists for dropRuleset(40123, 0.3), counters filled in.
    const match = (field: string, right: unknown) => ({
      match: { op: '==', left: { payload: { protocol: 'tcp', field } }, right },
    });
    const isNew = { match: { op: 'in', left: { ct: { key: 'state' } }, right: 'new' } };
    const rule = (expr: unknown[]) => ({
      rule: { family: 'inet', table: 'journey_chaos', chain: 'input', expr },
    });
    const listing = JSON.stringify({
      nftables: [
        { metainfo: { version: '1.0.6', json_schema_version: 1 } },
        { table: { family: 'inet', name: 'journey_chaos', handle: 1 } },
        { chain: { family: 'inet', table: 'journey_chaos', name: 'input', hook: 'input', policy: 'accept' } },
        rule([match('dport', 40123), isNew, { counter: { packets: 31, bytes: 1860 } }]),
        rule([
          match('dport', 40123),
          isNew,
          { match: { op: '<', left: { numgen: { mode: 'random', mod: 100, offset: 0 } }, right: 30 } },
          { counter: { packets: 9, bytes: 540 } },
          { drop: null },
        ]),
      ],
    });
    expect(dropCounts(listing)).toEqual({ seen: 31, dropped: 9 });
    expect(() => dropCounts(JSON.stringify({ nftables: [] }))).toThrow(
      /lacks its counting or its dropping rule/,
    );
  });

  it('refuses a share below 1%, which the whole-percent rule would never drop', async () => {
    await expect(
      prepareFault(
        { kind: 'drop', name: 'db', share: 0.004 },
        { topology: monolith, choices: { database: 'postgres' } },
      ),
    ).rejects.toThrow(
      new FaultRefused("a drop's share is between 0.01 and 1 (nftables draws whole percents), not 0.004"),
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

describe('a chaos fault the choices cannot take', () => {
  it('when the broker is Kafka, then the run is refused with the mock cluster as the reason, before any hypothesis is stated', async () => {
    const onHypothesis = vi.fn();
    await expect(
      runChaos({
        topology: eventDriven,
        request: { kind: 'away', target: 'broker' },
        start: { choices: { broker: 'kafka' } },
        onHypothesis,
        save: false,
      }),
    ).rejects.toThrow(
      new FaultRefused(
        'the broker "broker" runs as "kafka": a mock cluster the run starts, whose bootstrap answer hands ' +
          "clients its brokers' own addresses: a relay in front of the bootstrap address would carry only the " +
          'first request, and the rest would go round the fault. Run the experiment on a server: --broker rabbitmq or --broker nats.',
      ),
    );
    expect(onHypothesis).not.toHaveBeenCalled();
  });
});
