import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedProgram, postgres } from '@journey/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChaosRequest, loadTopology, runChaos } from '../src/index.js';
import { storedRuns } from '../src/results/index.js';

// Each kind of the vocabulary run for real on the monolith on PostgreSQL, judged as `journey chaos`
// judges it. A fault in front of the server needs a copy started behind it, so each run starts its own.
const home = mkdtempSync(join(tmpdir(), 'journey-chaos-'));
process.env.JOURNEY_HOME = home;
afterAll(() => rmSync(home, { recursive: true, force: true }));

const needs = await Promise.all([
  postgres(),
  installedProgram('HAProxy', 'haproxy', 'apt-get install haproxy'),
  installedProgram('nftables', 'nft', 'apt-get install nftables'),
  installedProgram('iproute2', 'ip', 'apt-get install iproute2'),
]);
const missing = needs.find((need) => !need.available);
const root = process.getuid?.() === 0;
if (!root && process.env.CI)
  throw new Error('the chaos tests create a network namespace: CI runs them as root');

const topology = await loadTopology('monolith');
const run = (request: ChaosRequest) =>
  runChaos({
    topology,
    request,
    faultSeconds: 3,
    phaseMs: { steady: 1_000, recovered: 1_000 },
    start: { choices: { database: 'postgres' }, log: () => {} },
  });
const namespaces = () => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });

describe.skipIf(missing)(
  `chaos on the monolith on PostgreSQL${missing ? ` (${missing.reason})` : ''}`,
  () => {
    it('kill app: every capability is down until the restart, nothing acknowledged is lost', async () => {
      const { run: chaos } = await run({ kind: 'kill', target: 'app' });
      expect(chaos.because).toBeUndefined();
      expect(chaos).toMatchObject({ verdict: 'confirmed', availabilityDuring: 0, reached: ['app'] });
      expect(chaos.invariants.map((check) => [check.name, check.held])).toContainEqual([
        'no acknowledged write lost',
        true,
      ]);
      expect(storedRuns('chaos', home)[0]?.data).toEqual(chaos);
    });

    it('latency db --ms 150: everything keeps answering, every capability slower by the delay', async () => {
      const { run: chaos, report } = await run({ kind: 'latency', target: 'db', ms: 150 });
      expect(chaos.because).toBeUndefined();
      expect(chaos.verdict).toBe('confirmed');
      expect(chaos.availabilityDuring).toBe(1);
      expect(report.figures.fault.users.p50Ms).toBeGreaterThanOrEqual(150);
      // Lifted: the same open connections answer at full speed again.
      expect(report.figures.recovered.users.p50Ms).toBeLessThan(150);
    });

    it('away db: requests fail with an error, none hangs, every write acknowledged is there afterwards', async () => {
      const { run: chaos } = await run({ kind: 'away', target: 'db' });
      expect(chaos.because).toBeUndefined();
      expect(chaos.verdict).toBe('confirmed');
      expect(chaos.availabilityDuring).toBeLessThan(1);
      expect(chaos.invariants.every((check) => check.held)).toBe(true);
    });

    it.skipIf(!root)(
      'drop db --share 0.5: most requests still answer, and the namespace is gone afterwards',
      async () => {
        const { run: chaos, report } = await run({ kind: 'drop', target: 'db', share: 0.5 });
        expect(chaos.because).toBeUndefined();
        expect(chaos.verdict).toBe('confirmed');
        expect(report.findings.join()).toMatch(/open connections to postgres cut as the drop began/);
        expect(namespaces()).not.toMatch(new RegExp(`journey-chaos-\\w+-${process.pid}`));
      },
    );
  },
);
