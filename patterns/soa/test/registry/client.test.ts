import {
  createResolver,
  listServices,
  type RegistryClientLog,
  RegistryError,
  registerInstance,
} from '@journey/soa-registry';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announcement, manualClock, type StartedRegistry, startRegistry } from './registry-support.js';

const running: StartedRegistry[] = [];
const start = async (options: Parameters<typeof startRegistry>[0] = {}) => {
  const registry = await startRegistry(options);
  running.push(registry);
  return registry;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((registry) => registry.close()));
});

const listedIds = async (url: string) =>
  (await listServices(url)).services.flatMap(({ name, versions }) =>
    versions.flatMap(({ version, instances }) => instances.map(({ id }) => `${name} ${version} ${id}`)),
  );

/** A log that keeps its messages, to see what the client said happened. */
function recordingLog() {
  const messages: string[] = [];
  const log: RegistryClientLog = {
    info: (_, message) => messages.push(message),
    warn: (_, message) => messages.push(message),
  };
  return { log, messages };
}

describe('registerInstance', () => {
  it('when an instance registers, then it is listed until close() deregisters it, and a second close is harmless', async () => {
    const registry = await start();
    const registration = await registerInstance(registry.url, announcement({ id: 'e-1' }));
    expect(registration.leaseMs).toBe(10_000);
    expect(registration.heartbeatMs).toBe(3_333);
    expect(await listedIds(registry.url)).toEqual(['engagement 1.0 e-1']);
    await registration.close();
    await registration.close();
    expect(await listedIds(registry.url)).toEqual([]);
    await expect(registration.renew()).rejects.toThrow('engagement 1.0 instance e-1 is closed');
  });

  it('when the registry restarts empty, then the next heartbeat registers the instance again', async () => {
    const first = await start({ leaseMs: 60_000 });
    const registration = await registerInstance(first.url, announcement({ id: 'e-1' }));
    await first.close();
    await expect(registration.renew()).rejects.toThrow(
      `could not register engagement 1.0 instance e-1: the registry at ${first.url} did not answer`,
    );

    const second = await start({ leaseMs: 60_000, port: first.port });
    expect(await listedIds(second.url)).toEqual([]);
    await registration.renew();
    expect(await listedIds(second.url)).toEqual(['engagement 1.0 e-1']);
    await registration.close();
  });

  it('when the registry restarts and nobody calls renew(), then the heartbeat timer alone brings the instance back', async () => {
    // A short lease so heartbeats (a third of it) come quickly; the test polls, it asserts no timing.
    const first = await start({ leaseMs: 300 });
    const { log, messages } = recordingLog();
    const registration = await registerInstance(first.url, announcement({ id: 'e-1' }), { log });
    await first.close();
    const second = await start({ leaseMs: 300, port: first.port });
    await vi.waitFor(async () => expect(await listedIds(second.url)).toEqual(['engagement 1.0 e-1']), {
      timeout: 10_000,
      interval: 50,
    });
    // Within one lease: the first heartbeat the new registry sees registers the instance again (201),
    // and heartbeats come more often than a lease lasts.
    expect(second.answered.find((line) => line.startsWith('PUT '))).toBe(
      'PUT /services/engagement/1.0/instances/e-1 201',
    );
    expect(registration.heartbeatMs).toBe(100);
    await registration.close();
    expect(messages).toContain(
      'registered again: the registry had forgotten this instance (restart or lapsed lease)',
    );
    expect(await listedIds(second.url)).toEqual([]);
  });

  it('when a heartbeat is in flight as close() is called, then the deregistration waits for it and wins', async () => {
    let holding = false;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const registry = await start({
      gate: (method) => (method === 'PUT' && holding ? held : Promise.resolve()),
    });
    const registration = await registerInstance(registry.url, announcement({ id: 'e-1' }));
    holding = true;
    const renewing = registration.renew();
    const closing = registration.close();
    // A DELETE sent now would be handled before the held heartbeat, which would then register the
    // instance again. Give it the chance: wait until a DELETE is answered or close() keeps waiting.
    await Promise.race([
      vi.waitFor(() => expect(registry.answered.some((line) => line.startsWith('DELETE'))).toBe(true), {
        timeout: 1_000,
      }),
      closing,
    ]).catch(() => {});
    release();
    await Promise.all([renewing, closing]);
    expect(registry.answered.map((line) => line.split(' ')[0])).toEqual(['PUT', 'PUT', 'DELETE']);
    expect(await listedIds(registry.url)).toEqual([]);
  });

  it('when the registry refuses the first registration, then it rejects with the registry’s own words', async () => {
    const registry = await start();
    const error = await registerInstance(
      registry.url,
      announcement({ id: 'e-1', wsdlUrl: 'ftp://host/e.wsdl' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({
      status: 422,
      message: `the registry at ${registry.url} refused engagement 1.0 instance e-1 with 422: wsdlUrl must be an http:// or https:// URL (2048 characters at most)`,
    });
  });

  it('when the registry is gone at close(), then close() still resolves and says the lease will run out', async () => {
    const registry = await start();
    const { log, messages } = recordingLog();
    const registration = await registerInstance(registry.url, announcement(), { log });
    await registry.close();
    await registration.close();
    expect(messages.at(-1)).toBe('could not deregister; the lease will run out instead');
  });

  it('when the heartbeat would not come within a lease, then registerInstance refuses before calling anyone', async () => {
    await expect(
      registerInstance('http://127.0.0.1:1', announcement(), { heartbeatFraction: 1 }),
    ).rejects.toThrow('heartbeatFraction must be between 0 and 1 (a beat per lease or more), got 1');
  });
});

describe('createResolver', () => {
  it('when asked twice within the cache time, then the second answer comes from the cache; after it, from the registry', async () => {
    const registry = await start();
    const clock = manualClock();
    const resolve = createResolver(registry.url, { cacheMs: 2_000, now: clock.now });
    const registration = await registerInstance(registry.url, announcement({ id: 'e-1' }));

    const first = await resolve('engagement', 1);
    expect(first).toMatchObject({
      service: 'engagement',
      major: 1,
      version: '1.0',
      instances: [{ id: 'e-1' }],
    });
    await registration.close();
    clock.advance(1_999);
    expect(await resolve('engagement', 1)).toBe(first);
    clock.advance(1);
    await expect(resolve('engagement', 1)).rejects.toThrow(
      `cannot resolve engagement v1: the registry at ${registry.url} answered 404: service no live instance of engagement v1 (no version of it is registered)`,
    );
  });

  it('when nothing was found, then that is not cached: an instance registered right after is resolved at once', async () => {
    const registry = await start();
    const resolve = createResolver(registry.url, { now: manualClock().now });
    await expect(resolve('identity', 2)).rejects.toMatchObject({ status: 404 });
    const registration = await registerInstance(
      registry.url,
      announcement({ name: 'identity', version: '2.3' }),
    );
    expect(await resolve('identity', 2)).toMatchObject({ version: '2.3' });
    await registration.close();
  });

  it('when the registry is down, then the error names the service, the major and the registry', async () => {
    const registry = await start();
    await registry.close();
    const error = await createResolver(registry.url)('identity', 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).message).toMatch(
      new RegExp(
        `^cannot resolve identity v2: the registry at ${registry.url} did not answer: .*ECONNREFUSED`,
      ),
    );
  });
});
