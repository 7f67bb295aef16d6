import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProvisionedBroker } from '@journey/orchestrator';
import { afterAll, describe, expect, it } from 'vitest';
import { probeBroker } from '../src/server/broker-probe.js';
import { portOwner } from '../src/server/port-owner.js';

const provisioned = (url: string, describe: string): ProvisionedBroker => ({
  url,
  namespace: 'journey_event_driven',
  describe,
  dispose: async () => {},
});

const listening = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );

describe('broker probe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journey-broker-probe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the embedded log file exists, then the broker is healthy and shows the log’s size; when it is gone, unhealthy', async () => {
    const file = join(dir, 'broker.sqlite');
    writeFileSync(file, Buffer.alloc(3 * 1024));
    const broker = provisioned(`embedded:${file}`, `embedded event log ${file}`);
    expect(await probeBroker('broker', broker)).toEqual({
      name: 'broker',
      choice: 'embedded',
      describe: `embedded event log ${file}`,
      healthy: true,
      healthDetail: 'log file present',
      logBytes: 3 * 1024,
      rssBytes: null,
    });
    rmSync(file);
    expect(await probeBroker('broker', broker)).toMatchObject({ healthy: false, healthDetail: 'ENOENT' });
  });

  it('when a broker server’s port takes connections, then healthy with its process’s memory; once it is closed, unhealthy with the reason', async () => {
    const server = createServer((socket) => socket.destroy());
    const port = await listening(server);
    const broker = provisioned(`nats://127.0.0.1:${port}`, `NATS JetStream 127.0.0.1:${port}`);
    // The listener is this test's own process, so the server's process is ours.
    expect(portOwner(port)).toBe(process.pid);
    const open = await probeBroker('broker', broker);
    expect(open).toMatchObject({ choice: 'nats', healthy: true, healthDetail: 'port open', logBytes: null });
    expect(open.rssBytes).toBeGreaterThan(0);
    await new Promise((resolve) => server.close(resolve));
    expect(await probeBroker('broker', broker)).toMatchObject({
      healthy: false,
      healthDetail: 'ECONNREFUSED',
      rssBytes: null,
    });
    expect(portOwner(port)).toBeNull();
    expect((await probeBroker('b', provisioned(`amqp://guest:guest@127.0.0.1:${port}`, 'x'))).choice).toBe(
      'rabbitmq',
    );
  });
});
