import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labId } from '@journey/platform';
import { defineTopology, type ProcessSpec } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import { startTopology } from '../src/index.js';

process.env.JOURNEY_HOME = mkdtempSync(join(tmpdir(), 'journey-broker-topology-'));

const tiny = (name: string, extra: Partial<ProcessSpec>): ProcessSpec => ({
  name,
  command: ['node', '--import', 'tsx', 'lab/orchestrator/test/fixtures/tiny-service.ts'],
  portEnv: 'PORT',
  health: '/health',
  env: { SERVICE_NAME: name },
  ...extra,
});

describe('a topology with a broker', () => {
  it('when it starts, then exactly the processes that use the broker get BROKER_URL and BROKER_NAMESPACE, and a fresh run removes its log on stop', async () => {
    const topology = defineTopology({
      id: 'broker-fixture',
      title: 'a process that uses a broker and one that does not',
      processes: [tiny('front', { public: true }), tiny('consumer', { uses: ['events'] })],
      infrastructure: [{ name: 'events', kind: 'broker', urlEnv: 'BROKER_URL', groups: ['views'] }],
      edges: [
        { from: 'client', to: 'front', protocol: 'http' },
        { from: 'consumer', to: 'events', protocol: 'events' },
      ],
    });
    const runDir = mkdtempSync(join(tmpdir(), 'journey-broker-run-'));
    const provisioned: string[] = [];
    const running = await startTopology(topology, {
      db: 'sqlite',
      fresh: true,
      runDir,
      graceMs: 2_000,
      onEvent: (event) => {
        if (event.kind === 'provisioned') provisioned.push(`${event.name}: ${event.describe}`);
      },
    });
    const brokerOf = async (name: string) => {
      const { url } = running.snapshot().find((p) => p.name === name)!;
      return ((await (await fetch(url)).json()) as { broker: { url?: string; namespace?: string } }).broker;
    };
    const file = join(runDir, 'events.sqlite');
    try {
      expect(provisioned).toEqual([`events: embedded event log ${file}`]);
      expect(await brokerOf('consumer')).toEqual({
        url: `embedded:${file}`,
        namespace: expect.stringMatching(new RegExp(`^journey_${labId()}_broker_fixture_\\d+_`)),
      });
      expect(await brokerOf('front')).toEqual({});
      expect(running.ofKind('broker').map((piece) => piece.url)).toEqual([`embedded:${file}`]);
      // What the first consumer to open the log would leave: the file stop() has to remove.
      writeFileSync(file, '');
    } finally {
      await running.stop();
    }
    expect(existsSync(file)).toBe(false);
  });
});
