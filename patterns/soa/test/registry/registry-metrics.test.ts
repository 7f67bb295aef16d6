import { createResolver, registerInstance } from '@journey/soa-registry/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcement, type StartedRegistry, startRegistry } from './registry-support.js';

/** The value of the first series of `metric` whose labels include every one given. */
function seriesValue(text: string, metric: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith(`${metric}{`) &&
        Object.entries(labels).every(([name, value]) => candidate.includes(`${name}="${value}"`)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

// The lab draws the registry's edges from these counts (lab/dashboard/src/server/traffic.ts): the
// registry's own requests served, and each client's calls to it by target.
describe('registry traffic in the metrics', () => {
  let registry: StartedRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.close());

  it('when an instance registers and is resolved, then the registry counts both requests by route and the caller counts its calls to the registry', async () => {
    const entry = announcement({ name: 'metered', id: 'metered-1' });
    const registration = await registerInstance(registry.url, entry);
    await createResolver(registry.url)('metered', 1);
    await registration.close();

    const served = await (await fetch(`${registry.url}/metrics`)).text();
    expect(
      seriesValue(served, 'http_server_requests_total', {
        method: 'PUT',
        route: '/services/:name/:version/instances/:id',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      seriesValue(served, 'http_server_requests_total', { method: 'GET', route: '/services/:name' }),
    ).toBeGreaterThanOrEqual(1);
    // This test process is the caller: its calls are labelled by the registry's routes, never by ids.
    expect(
      seriesValue(served, 'downstream_request_duration_seconds_count', {
        target: 'registry',
        route: 'GET /services/:name',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(served).not.toContain('metered-1');
  });
});
