import { createLogger } from '@journey/platform';
import { type InstanceAnnouncement, listServices, registeredProcess } from '@journey/soa-registry';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { type StartedRegistry, startRegistry } from './registry-support.js';

let registry: StartedRegistry;
afterEach(() => registry?.close());

/** A service process around a bare Fastify app, announcing v1 and v2 of `engagement` at its address. */
function engagementProcess(registryUrl: string) {
  const app = Fastify({ loggerInstance: createLogger('engagement', 'silent') });
  const announce = (address: string): InstanceAnnouncement[] =>
    ['1.0', '2.0'].map((version) => ({
      name: 'engagement',
      version,
      id: 'engagement-1',
      endpoint: `${address}/v${version[0]}`,
      wsdlUrl: `${address}/v${version[0]}?wsdl`,
      soapVersions: ['1.1'],
    }));
  return { app, process: registeredProcess({ app, close: () => app.close() }, registryUrl, announce) };
}

const versionsListed = async () =>
  (await listServices(registry.url)).services.flatMap(({ versions }) =>
    versions.map(({ version }) => version),
  );

describe('registeredProcess', () => {
  it('when it listens, then each version it serves is registered at its real address; when it closes, then none is', async () => {
    registry = await startRegistry();
    const { app, process } = engagementProcess(registry.url);
    const address = await process.app.listen({ port: 0, host: '127.0.0.1' });
    const listing = await listServices(registry.url);
    expect(listing.services[0]!.versions.map(({ instances }) => instances[0]!.endpoint)).toEqual([
      `${address}/v1`,
      `${address}/v2`,
    ]);
    await process.close();
    expect(await versionsListed()).toEqual([]);
    expect(app.server.listening).toBe(false);
  });

  it('when it is closed while still starting, then the registrations under way are withdrawn too', async () => {
    registry = await startRegistry();
    const { process } = engagementProcess(registry.url);
    const listening = process.app.listen({ port: 0, host: '127.0.0.1' });
    await process.close();
    await listening;
    expect(await versionsListed()).toEqual([]);
  });

  it('when the registry refuses it, then listen fails with the registry’s words', async () => {
    registry = await startRegistry({ maxInstances: 1 });
    const { process } = engagementProcess(registry.url);
    await expect(process.app.listen({ port: 0, host: '127.0.0.1' })).rejects.toThrow(
      'refused engagement 2.0 instance engagement-1 with 503',
    );
    // The version that did get in is withdrawn: a process that failed to start leaves nothing behind.
    expect(await versionsListed()).toEqual([]);
    await process.close();
  });
});
