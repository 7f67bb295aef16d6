import { createLogger } from '@journey/platform';
import type { InstanceView, ResolvedService } from '@journey/soa-registry/client';
import type { SoapClient } from '@journey/soa-soap-kit';
import { describe, expect, it } from 'vitest';
import { ServiceUnavailable } from '../../bus/src/faults/service-unavailable.js';
import { createServiceRouter } from '../../bus/src/routing/service-router.js';

const instance = (port: number): InstanceView => ({
  id: `publishing-${port}`,
  version: '1.0',
  endpoint: `http://127.0.0.1:${port}/soap/publishing/v1`,
  wsdlUrl: `http://127.0.0.1:${port}/soap/publishing/v1?wsdl`,
  soapVersions: ['1.1', '1.2'],
  registeredAt: '2026-12-06T00:00:00.000Z',
  renewedAt: '2026-12-06T00:00:00.000Z',
  leaseLeftMs: 10_000,
});

/** A router over a registry answer the test sets, counting the clients it builds (and failing on demand). */
function routerOver(listed: { instances: InstanceView[] }, failingWsdl = new Set<string>()) {
  const built: string[] = [];
  const router = createServiceRouter({
    resolve: async (service, major): Promise<ResolvedService> => ({
      service,
      major,
      version: '1.0',
      instances: listed.instances,
    }),
    buildClient: async (wsdlUrl, options) => {
      built.push(`${wsdlUrl} → ${options.endpoint}`);
      if (failingWsdl.has(wsdlUrl)) throw new Error(`cannot read ${wsdlUrl}`);
      return { soapVersion: '1.1', call: async () => ({}) } as SoapClient;
    },
    timeoutMs: 1_000,
    log: createLogger('router-test', 'silent'),
  });
  return { router, built };
}

describe('the service router', () => {
  it('when the same instance is routed to again, then its client is reused', async () => {
    const { router, built } = routerOver({ instances: [instance(4001)] });
    const first = await router.route('publishing', 1);
    const second = await router.route('publishing', 1);
    expect(second.client).toBe(first.client);
    expect(built).toHaveLength(1);
  });

  it('when the registry lists another instance instead, then a client is built for it, calling its endpoint', async () => {
    const listed = { instances: [instance(4001)] };
    const { router, built } = routerOver(listed);
    await router.route('publishing', 1);
    listed.instances = [instance(4002)];
    const moved = await router.route('publishing', 1);
    expect(moved.endpoint).toBe('http://127.0.0.1:4002/soap/publishing/v1');
    expect(built.at(-1)).toBe(
      'http://127.0.0.1:4002/soap/publishing/v1?wsdl → http://127.0.0.1:4002/soap/publishing/v1',
    );
    // The instance came back: it was forgotten when it left, so its client is built anew.
    listed.instances = [instance(4001)];
    await router.route('publishing', 1);
    expect(built).toHaveLength(3);
  });

  it('when two instances are listed, then they are routed to in turn', async () => {
    const { router } = routerOver({ instances: [instance(4001), instance(4002)] });
    const ports = [];
    for (let i = 0; i < 4; i++) ports.push(new URL((await router.route('publishing', 1)).endpoint).port);
    expect(ports).toEqual(['4001', '4002', '4001', '4002']);
  });

  it('when a contract cannot be read, then the failure is not cached: the next call tries again', async () => {
    const failing = new Set([instance(4001).wsdlUrl]);
    const { router, built } = routerOver({ instances: [instance(4001)] }, failing);
    await expect(router.route('publishing', 1)).rejects.toThrow('cannot read');
    failing.clear();
    await expect(router.route('publishing', 1)).resolves.toMatchObject({ version: '1.0' });
    expect(built).toHaveLength(2);
  });

  it('when the registry lists no instance, then the service is unavailable, by name', async () => {
    const { router } = routerOver({ instances: [] });
    const failure = await router.route('publishing', 1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceUnavailable);
    expect(failure).toMatchObject({ service: 'publishing' });
  });
});
