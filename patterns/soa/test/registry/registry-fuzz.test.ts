import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedRegistry, startRegistry } from './registry-support.js';

let registry: StartedRegistry;
beforeAll(async () => {
  registry = await startRegistry({ maxInstances: 50 });
});
afterAll(() => registry.close());

const segment = fc.oneof(
  fc.constantFrom('identity', 'engagement', '1.0', '2.3', 'a', '', '..', '%2F', '%00', '%E0%A4%A'),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.string({ minLength: 100, maxLength: 300 }).map(encodeURIComponent),
);
const anyJson = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      version: fc.oneof(fc.constantFrom('1.0', '1.1', '2.0'), fc.jsonValue()),
      wsdlUrl: fc.oneof(fc.webUrl(), fc.jsonValue()),
      endpoint: fc.oneof(fc.webUrl(), fc.jsonValue()),
      soapVersions: fc.oneof(fc.subarray(['1.1', '1.2'] as const), fc.jsonValue()),
    },
    { requiredKeys: [] },
  ),
);
const requests = fc.record({
  method: fc.constantFrom('GET', 'PUT', 'DELETE', 'POST'),
  path: fc.oneof(
    fc.tuple(segment, segment, segment).map(([n, v, i]) => `/services/${n}/${v}/instances/${i}`),
    fc.tuple(segment, segment).map(([n, v]) => `/services/${n}?version=${v}`),
    segment.map((s) => `/${s}`),
  ),
  body: fc.oneof(
    anyJson.map((value) => ({ text: JSON.stringify(value) ?? 'null', type: 'application/json' })),
    fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'application/json' })),
    fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'text/xml' })),
    fc.constant(undefined),
  ),
});

describe('the registry, given generated requests', () => {
  it('when sent any method, path and body, then it answers a known status in the error shape and never fails', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(requests, async ({ method, path, body }) => {
        const withBody = body !== undefined && method !== 'GET';
        const response = await request(new URL(path, registry.url), {
          method,
          headers: withBody ? { 'content-type': body.type } : {},
          body: withBody ? body.text : undefined,
        });
        const text = await response.body.text();
        statuses.add(response.statusCode);
        expect([200, 201, 204, 400, 404, 413, 415, 422, 503]).toContain(response.statusCode);
        if (response.statusCode >= 400) expect(Object.keys(JSON.parse(text).errors)).toHaveLength(1);
      }),
      { numRuns: 400 },
    );
    // The volley reached the rules, not only the router.
    expect(statuses).toContain(422);
    expect((await request(new URL('/health', registry.url))).statusCode).toBe(200);
  });
});
