import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createDownstream,
  IN_CODE_RESILIENCE,
  MESH_RESILIENCE,
  resilienceFor,
} from '@journey/microservices-service-client';
import { createLogger } from '@journey/platform';
import { DEFAULT_CALL_BUDGET, DownstreamUnavailable } from '@journey/platform/downstream';
import { describe, expect, it } from 'vitest';

describe('DOWNSTREAM_RESILIENCE: who retries and breaks, the service or the mesh', () => {
  it('when it is unset, then the service retries and breaks itself', () => {
    expect(resilienceFor({})).toBe(IN_CODE_RESILIENCE);
    expect(IN_CODE_RESILIENCE).toMatchObject({ retries: 2, breakAfter: DEFAULT_CALL_BUDGET.breakAfter });
  });

  it('when it is mesh, then no retry, a breaker that never opens, and the per-attempt timeout kept as a backstop', () => {
    expect(resilienceFor({ DOWNSTREAM_RESILIENCE: 'mesh' })).toBe(MESH_RESILIENCE);
    expect(MESH_RESILIENCE).toEqual({
      ...DEFAULT_CALL_BUDGET,
      retries: 0,
      breakAfter: Number.POSITIVE_INFINITY,
    });
  });

  it('when it is anything else, then the process is told what the variable takes', () => {
    expect(() => resilienceFor({ DOWNSTREAM_RESILIENCE: 'sidecar' })).toThrow(/must be "mesh" or unset/);
  });

  it('when a mesh-mode client meets failing answers, then each call is sent once and the breaker stays closed', async () => {
    let requests = 0;
    const server = createServer((request, response) => {
      requests += 1;
      request.resume();
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":{"body":["boom"]}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const downstream = createDownstream(
      'things',
      `http://127.0.0.1:${port}`,
      createLogger('test', 'silent'),
      MESH_RESILIENCE,
    );
    try {
      const calls = 2 * DEFAULT_CALL_BUDGET.breakAfter;
      for (let n = 0; n < calls; n += 1) {
        await expect(downstream.call({ method: 'GET', route: '/things' })).rejects.toBeInstanceOf(
          DownstreamUnavailable,
        );
      }
      expect(requests).toBe(calls);
      expect(downstream.breakerState()).toBe('closed');
    } finally {
      await downstream.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
