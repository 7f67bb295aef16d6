import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { listServices } from '@journey/soa-registry';
import { afterAll, describe, expect, it } from 'vitest';
import { type SpawnedProcess, spawnProcess } from './spawned-process.js';

const registryMain = join(import.meta.dirname, '../../registry/src/main.ts');
const serviceFixture = join(import.meta.dirname, 'fixtures/registered-service.ts');

describe('the registry and a service as processes', () => {
  const started: SpawnedProcess[] = [];
  afterAll(() => Promise.all(started.map((process) => process.terminate())));

  it('when a registered service gets SIGTERM, then it deregisters every version before it exits, long before its lease would end', async () => {
    // A lease of ten minutes: only a deregistration can empty the listing within this test.
    const registry = await spawnProcess(registryMain, 'registry', { REGISTRY_LEASE_MS: '600000' });
    started.push(registry);
    const service = await spawnProcess(serviceFixture, 'engagement', { REGISTRY_URL: registry.url });
    started.push(service);

    const listed = await listServices(registry.url);
    expect(listed.services.map(({ name, versions }) => [name, versions.map((v) => v.version)])).toEqual([
      ['engagement', ['1.0', '2.0']],
    ]);
    expect(listed.services[0]!.versions[1]!.instances[0]!.endpoint).toBe(`${service.url}/engagement/v2`);

    expect(await service.terminate()).toBe(0);
    expect((await listServices(registry.url)).services).toEqual([]);
    expect(service.lines.filter((line) => line.msg === 'deregistered')).toHaveLength(2);
  });

  it('when the registry gets SIGTERM, then it closes cleanly and exits 0', async () => {
    const registry = await spawnProcess(registryMain, 'registry', {});
    started.push(registry);
    expect(registry.lines.find((line) => line.msg === 'registry listening')).toMatchObject({
      leaseMs: 10_000,
    });
    expect(await registry.terminate()).toBe(0);
    expect(registry.lines.map((line) => line.msg)).toContain('shutting down');
  });

  it('when the registry does not answer at start-up, then the service fails its start naming the registry', async () => {
    // A port held for the whole test by a listener that drops every connection: a stopped registry's
    // port could be taken meanwhile by any process of a parallel test, which would then answer.
    const silent = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const registryUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const failed = await spawnProcess(serviceFixture, 'engagement', { REGISTRY_URL: registryUrl }).catch(
        (error: unknown) => error as Error,
      );
      expect(failed).toBeInstanceOf(Error);
      expect((failed as Error).message).toContain('exited with 1 before listening');
      expect((failed as Error).message).toContain(`could not register engagement 1.0 instance engagement-`);
      expect((failed as Error).message).toContain(`the registry at ${registryUrl} did not answer`);
    } finally {
      silent.close();
    }
  });
});
