import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PublishedRun, publishRun, type Supervisor, startTopology } from '@journey/orchestrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trafficTopology } from '../../orchestrator/test/fixtures/fixture-topology.js';
import { journeyIn } from './journey-child.js';

const home = mkdtempSync(join(tmpdir(), 'journey-ps-traffic-'));
process.env.JOURNEY_HOME = home;

const journey = (...args: string[]) => journeyIn(home, ...args);

describe('journey ps on a topology whose control plane reports traffic on its admin port', () => {
  let supervisor: Supervisor;
  let run: PublishedRun;

  beforeAll(async () => {
    supervisor = await startTopology(trafficTopology(), { fresh: true, graceMs: 3_000 });
    run = await publishRun(supervisor);
  });
  afterAll(async () => {
    await supervisor?.stop();
    await run?.close();
  });

  const statusOf = async (name: string) => (await supervisor.status()).find((p) => p.name === name)!;

  it('when ps runs, then a process with an admin port shows both ports, healthy as probed there', async () => {
    const control = await statusOf('control');
    const { code, stdout } = await journey('ps', 'fixture-traffic');
    expect(code).toBe(0);
    const row = stdout.split('\n').find((line) => line.startsWith('control '))!;
    expect(row).toContain(`${control.port} admin :${control.adminPort}`);
    expect(row).toContain('healthy');
    expect(stdout.split('\n').find((line) => line.startsWith('front '))).not.toContain('admin');
  });

  it('when ps runs, then after the processes each edge is listed with its rate, errors, latencies and total, then each proxy', async () => {
    const { stdout } = await journey('ps', 'fixture-traffic');
    const lines = stdout.split('\n');
    const at = lines.indexOf('traffic reported by control (fake sidecars; rates over the last 10 s):');
    expect(at).toBeGreaterThan(lines.findIndex((line) => line.startsWith('silent ')));
    expect(lines[at + 1]).toMatch(/^ {2}FROM +TO +REQ\/S +ERRORS +P50 +P99 +TOTAL$/);
    expect(lines[at + 2]).toMatch(/^ {2}front +back +12\.3 +1\.3% +3 ms +13 ms +1234$/);
    expect(lines[at + 3]).toMatch(/^ {2}back +front +0\.0 +0\.0% +- +- +0$/);
    expect(lines[at + 4]).toBe('proxies:');
    expect(lines[at + 5]).toMatch(/^ {2}PROCESS +IDENTITY +RSS MiB +CPU s$/);
    expect(lines[at + 6]).toMatch(/^ {2}front +spiffe:\/\/fixture\/sa\/front +8\.5 +0\.42$/);
    expect(lines[at + 7]).toMatch(/^ {2}back +spiffe:\/\/fixture\/sa\/back +- +-$/);
    expect(stdout).toContain("silent's traffic: unavailable (HTTP 404 from /not-served)");
  });

  it('when asked for JSON, then the reporting process carries its report', async () => {
    const { stdout } = await journey('ps', 'fixture-traffic', '--json');
    const [report] = JSON.parse(stdout) as Array<{ processes: Array<Record<string, unknown>> }>;
    const byName = Object.fromEntries(report!.processes.map((p) => [p.name, p]));
    expect(byName.control!.trafficReport).toMatchObject({
      available: true,
      report: { source: 'fake sidecars' },
    });
    expect(byName.silent!.trafficReport).toMatchObject({ available: false });
    expect(byName.front!.trafficReport).toBeUndefined();
  });

  it('when the reporting process is down, then ps says so instead of a report', async () => {
    await supervisor.kill('control');
    try {
      const { code, stdout } = await journey('ps', 'fixture-traffic');
      expect(code).toBe(0);
      expect(stdout).toContain("control's traffic: unavailable (control is exited)");
    } finally {
      await supervisor.restart('control');
    }
  });
});
