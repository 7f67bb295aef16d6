import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PublishedRun, publishRun, type Supervisor, startTopology } from '@journey/orchestrator';
import { defineTopology, type ProcessSpec } from '@journey/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyIn } from './journey-child.js';

const home = mkdtempSync(join(tmpdir(), 'journey-ps-hosted-'));
process.env.JOURNEY_HOME = home;

const journey = (...args: string[]) => journeyIn(home, ...args);

const fakeRuntime = (name: string, extra: Partial<ProcessSpec>): ProcessSpec => ({
  name,
  command: ['node', '--import', 'tsx', 'lab/cli/test/fixtures/fake-hosted-units.ts'],
  portEnv: 'PORT',
  health: '/health',
  ...extra,
});

// `runtime` reports its functions; `broken` declares a path it does not serve; `plain` declares none;
// `uncosted` reports its functions without a cost.
const topology = defineTopology({
  id: 'fixture-hosted',
  title: 'Hosted units fixture',
  processes: [
    fakeRuntime('runtime', { public: true, hostedUnits: '/functions' }),
    fakeRuntime('broken', { hostedUnits: '/not-served' }),
    fakeRuntime('plain', {}),
    fakeRuntime('uncosted', { hostedUnits: '/functions', env: { FAKE_NO_COST: '1' } }),
  ],
  infrastructure: [],
  edges: [{ from: 'client', to: 'runtime', protocol: 'http' }],
});

describe('journey ps on a process that hosts units', () => {
  let supervisor: Supervisor;
  let run: PublishedRun;

  beforeAll(async () => {
    supervisor = await startTopology(topology, { fresh: true });
    run = await publishRun(supervisor);
  });
  afterAll(async () => {
    await supervisor?.stop();
    await run?.close();
  });

  it('when ps runs, then each unit is listed under its process with instances, invocations, cold starts and latencies', async () => {
    const { code, stdout } = await journey('ps', 'fixture-hosted');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const runtimeRow = lines.findIndex((line) => line.startsWith('runtime '));
    expect(lines[runtimeRow + 1]).toBe('  runtime hosts 2 functions on a fake runtime');
    expect(lines[runtimeRow + 2]).toMatch(
      /^ {4}FUNCTION +TRIGGER +INSTANCES NOW\/PEAK +INVOCATIONS +COLD STARTS +COLD P50\/P99 +WARM P50\/P99$/,
    );
    expect(lines[runtimeRow + 3]).toMatch(/^ {4}users +http +2\/5 +40 +5 +120\/301 ms +3\/10 ms$/);
    expect(lines[runtimeRow + 4]).toMatch(/^ {4}notify-followers +article-published +0\/0 +0 +0 +- +-$/);
    expect(stdout).toContain('  estimated cost for default requests a month:');
    expect(stdout).toMatch(/ {4}AWS Lambda +\$12\.50 +requests \+ GB-seconds/);
  });

  it('when a process does not answer its report, then it is shown unavailable and the others still are', async () => {
    const { code, stdout } = await journey('ps', 'fixture-hosted');
    expect(code).toBe(0);
    expect(stdout).toContain("  broken's hosted units: unavailable (HTTP 404 from /not-served)");
    const plainRow = stdout.split('\n').findIndex((line) => line.startsWith('plain '));
    expect(stdout.split('\n')[plainRow + 1] ?? '').not.toMatch(/hosted|hosts/);
  });

  it('when a runtime reports no cost yet, then ps says so instead of a price', async () => {
    const { stdout } = await journey('ps', 'fixture-hosted');
    expect(stdout).toContain(
      '  no cost estimate yet: uncosted reports none before it has measured an invocation',
    );
  });

  it('when --requests-per-month is given, then the process is asked to price that workload', async () => {
    const { stdout } = await journey('ps', 'fixture-hosted', '--requests-per-month', '2000000');
    expect(stdout).toContain('  estimated cost for 2000000 requests a month:');
  });

  it('when --requests-per-month is not a whole number, then it is a usage error', async () => {
    const { code, stderr } = await journey('ps', 'fixture-hosted', '--requests-per-month', 'lots');
    expect(code).toBe(2);
    expect(stderr).toContain('--requests-per-month must be a whole number');
  });

  it('when asked for JSON, then each hosting process carries its report', async () => {
    const { stdout } = await journey('ps', 'fixture-hosted', '--json');
    const [report] = JSON.parse(stdout) as Array<{ processes: Array<Record<string, unknown>> }>;
    const byName = Object.fromEntries(report!.processes.map((p) => [p.name, p]));
    expect(byName.runtime!.hostedUnitsReport).toMatchObject({
      available: true,
      report: { unit: 'functions' },
    });
    expect(byName.broken!.hostedUnitsReport).toMatchObject({ available: false });
    expect(byName.plain!.hostedUnitsReport).toBeUndefined();
  });
});
