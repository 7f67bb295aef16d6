import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { processExists } from '@journey/platform';
import { installedProgram, postgres } from '@journey/testkit';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { type ChaosRequest, loadTopology, runChaos } from '../src/index.js';
import { storedRuns } from '../src/results/index.js';

// Each kind of the vocabulary run for real on the monolith on PostgreSQL, judged as `journey chaos`
// judges it. A fault in front of the server needs a copy started behind it, so each run starts its own.
const home = mkdtempSync(join(tmpdir(), 'journey-chaos-'));
process.env.JOURNEY_HOME = home;
afterAll(() => rmSync(home, { recursive: true, force: true }));

const haproxy = await installedProgram('HAProxy', 'haproxy', 'apt-get install haproxy');
const needs = [
  haproxy,
  ...(await Promise.all([
    postgres(),
    installedProgram('nftables', 'nft', 'apt-get install nftables'),
    installedProgram('iproute2', 'ip', 'apt-get install iproute2'),
  ])),
];
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
/** The pid of a process that has ended: what a chaos run killed with SIGKILL leaves in its namespace's name. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['--eval', '']);
  await once(child, 'exit');
  return child.pid!;
}

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
      // Every request makes a round trip through the delay: no noise makes one faster than that.
      expect(report.figures.fault.users.p50Ms).toBeGreaterThanOrEqual(150);
      // Lifted: the same open connections answer faster than under the delay (phases compared, no clock).
      expect(report.figures.recovered.users.p50Ms).toBeLessThan(report.figures.fault.users.p50Ms);
    });

    it('away db: requests fail with an error, none hangs, every write acknowledged is there afterwards', async () => {
      const { run: chaos } = await run({ kind: 'away', target: 'db' });
      expect(chaos.because).toBeUndefined();
      expect(chaos.verdict).toBe('confirmed');
      expect(chaos.availabilityDuring).toBeLessThan(1);
      expect(chaos.invariants.every((check) => check.held)).toBe(true);
    });

    // Half, so that the ~20 connects after the cut all getting through (and the run refuted for it)
    // is a one-in-a-million draw. A connect is held back at most by the fault's 3 s, and the lift
    // waits for every one held back, so none outlasts the probes' timeout.
    it.skipIf(!root)(
      "drop db --share 0.5: most requests still answer, nftables counted its drops, and no namespace is left, not even a dead run's",
      async () => {
        const leftover = `journey-chaos-0a0b0c-${await deadPid()}`;
        execFileSync('ip', ['netns', 'add', leftover]);
        const { run: chaos, report } = await run({ kind: 'drop', target: 'db', share: 0.5 });
        expect(chaos.because).toBeUndefined();
        expect(chaos.verdict).toBe('confirmed');
        expect(report.findings.join()).toMatch(/open connections to postgres cut as the drop began/);
        expect(report.findings.join()).toMatch(/nftables dropped [1-9]\d* of \d+ SYNs to db/);
        expect(namespaces()).not.toMatch(new RegExp(`journey-chaos-\\w+-${process.pid}`));
        expect(namespaces()).not.toContain(leftover);
      },
    );
  },
);

describe.skipIf(!haproxy.available)(
  `the relay HAProxy${haproxy.reason ? ` (${haproxy.reason})` : ''}`,
  () => {
    it('when the process that started it is killed (SIGKILL: no exit hook runs), then the relay goes too', async () => {
      // Its configuration folder, which only close() removes, goes with the test's own.
      const tmp = mkdtempSync(join(tmpdir(), 'journey-chaos-relay-test-'));
      onTestFinished(() => rmSync(tmp, { recursive: true, force: true }));
      const starter = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--eval',
          "const { startHaproxyRelay } = await import('./lab/orchestrator/src/experiments/faults/haproxy-relay.ts'); " +
            "const { freePort } = await import('@journey/platform'); " +
            "await startHaproxyRelay({ listen: { host: '127.0.0.1', port: await freePort() }, target: { host: '127.0.0.1', port: 9 } }); " +
            "console.log('relaying');",
        ],
        { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TMPDIR: tmp } },
      );
      const [line] = (await once(createInterface({ input: starter.stdout! }), 'line')) as [string];
      expect(line).toBe('relaying');
      const relay = Number(
        execFileSync('pgrep', ['-P', String(starter.pid), 'haproxy'], { encoding: 'utf8' }),
      );
      expect(processExists(relay)).toBe(true);
      onTestFinished(() => {
        if (processExists(relay)) process.kill(relay, 'SIGTERM');
      });
      starter.kill('SIGKILL');
      await once(starter, 'exit');
      await expect.poll(() => processExists(relay), { timeout: 10_000 }).toBe(false);
    });
  },
);
