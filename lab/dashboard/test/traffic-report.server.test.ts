import { loadTopology, type Supervisor, startTopology } from '@journey/orchestrator';
import { openProgress } from '@journey/roadmap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trafficTopology } from '../../orchestrator/test/fixtures/fixture-topology.js';
import { buildDashboard } from '../src/server/app.js';
import { withReports } from '../src/server/local-lab/status-probes.js';
import { topologyGraph } from '../src/server/patterns.routes.js';
import { recordingCli, recordingLab } from './fake-lab.js';

const HOST = '127.0.0.1:4000';

describe('a process that reports traffic, as the dashboard sees it', () => {
  it('when a topology declares one, then its graph marks that process, and only it, as reporting traffic', async () => {
    const graph = topologyGraph(trafficTopology());
    expect(graph.nodes.filter((node) => node.reportsTraffic).map((node) => node.id)).toEqual([
      'control',
      'silent',
    ]);
  });

  it('when the service mesh stage is opened, then its control plane is the process drawn as reporting traffic', async () => {
    const progress = openProgress(':memory:');
    const app = await buildDashboard({
      lab: recordingLab().lab,
      cli: recordingCli().cli,
      progress,
      token: 't',
    });
    try {
      const response = await app.inject({ url: '/api/patterns/service-mesh', headers: { host: HOST } });
      expect(response.statusCode).toBe(200);
      const { graph } = response.json() as { graph: ReturnType<typeof topologyGraph> };
      const mesh = await loadTopology('service-mesh');
      const reporting = mesh.processes.filter((p) => p.traffic !== undefined).map((p) => p.name);
      expect(reporting.length).toBeGreaterThan(0);
      expect(graph.nodes.filter((node) => node.reportsTraffic).map((node) => node.id)).toEqual(reporting);
    } finally {
      await app.close();
      progress.close();
    }
  });
});

describe('probing a running topology whose control plane reports traffic on its admin port', () => {
  let supervisor: Supervisor;

  beforeAll(async () => {
    supervisor = await startTopology(trafficTopology('dashboard-traffic'), { fresh: true, graceMs: 3_000 });
  });
  afterAll(() => supervisor?.stop());

  const probed = async () =>
    Object.fromEntries((await withReports(await supervisor.status())).map((s) => [s.name, s]));

  it('when probed, then the report is asked on the admin port, a path not served is unavailable, and others report none', async () => {
    const statuses = await probed();
    expect(statuses.control).toMatchObject({
      healthy: true,
      adminPort: expect.any(Number),
      traffic: { available: true, report: { source: 'fake sidecars', windowSeconds: 10 } },
    });
    expect(statuses.control!.adminPort).not.toBe(statuses.control!.port);
    expect(statuses.silent!.traffic).toEqual({ available: false, detail: 'HTTP 404 from /not-served' });
    expect(statuses.front!.traffic).toBeNull();
    expect(statuses.front!.adminPort).toBeUndefined();
  });

  it('when the reporting process is down, then the probe says so instead of a report', async () => {
    await supervisor.kill('control');
    try {
      expect((await probed()).control!.traffic).toEqual({ available: false, detail: 'control is exited' });
    } finally {
      await supervisor.restart('control');
    }
  });
});
