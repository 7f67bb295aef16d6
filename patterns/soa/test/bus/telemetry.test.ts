import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type StartedRegistry, startRegistry } from '../registry/registry-support.js';
import {
  type FakeService,
  faulting,
  type StartedBus,
  startBus,
  startFakeService,
  startRecordingProxy,
} from './bus-support.js';

// Tracing is on inside the lab only (JOURNEY_RUN_DIR); read when the bus builds its server.
const runDir = mkdtempSync(join(tmpdir(), 'soa-bus-trace-'));
process.env.JOURNEY_RUN_DIR = runDir;

describe('telemetry of every SOAP call', () => {
  let registry: StartedRegistry;
  let publishing: FakeService;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let bus: StartedBus;
  const logger = createLogger('bus-test', 'debug');
  const info = vi.spyOn(logger, 'info').mockImplementation(() => {});
  const debug = vi.spyOn(logger, 'debug').mockImplementation(() => {});

  beforeAll(async () => {
    registry = await startRegistry();
    publishing = await startFakeService(registry.url, 'publishing', 1, {
      ListTags: () => ({ tag: ['soa'] }),
      GetArticle: faulting('NOT_FOUND', { article: ['not found'] }),
    });
    // The proxy sees the HTTP headers of each call, which the kit's handlers do not.
    proxy = await startRecordingProxy(publishing.url);
    await publishing.register({ endpoint: proxy.url });
    bus = await startBus(registry.url, { logger });
    expect((await bus.send('GET', '/api/tags')).status).toBe(200);
    expect((await bus.send('GET', '/api/articles/missing')).status).toBe(404);
  });
  afterAll(async () => {
    await bus.close();
    await proxy.close();
    await publishing.close();
    await registry.close();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('when the bus calls a service, then the call carries a W3C traceparent', () => {
    const posts = proxy.seen.filter((headers) => headers['content-type']?.includes('xml'));
    expect(posts).toHaveLength(2);
    expect(posts[0]?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  it('when the bus calls a service, then the downstream metric and the message sizes are recorded by target', async () => {
    const metrics = await fetch(`${bus.url}/metrics`).then((response) => response.text());
    expect(metrics).toMatch(
      /downstream_request_duration_seconds_count\{target="publishing",route="v1\/ListTags",outcome="ok"\} 1/,
    );
    // A declared fault is the service's answer, as an HTTP 4xx would be.
    expect(metrics).toMatch(
      /downstream_request_duration_seconds_count\{target="publishing",route="v1\/GetArticle",outcome="ok"\} 1/,
    );
    expect(metrics).toMatch(/soap_message_bytes_count\{target="publishing",direction="request"\} 2/);
    expect(metrics).toMatch(/soap_message_bytes_count\{target="publishing",direction="response"\} 2/);
  });

  it('when the bus calls a service, then one message-log line names the exchange, and debug holds the envelopes', () => {
    const lines = info.mock.calls.filter(([, message]) => message === 'soap exchange');
    expect(lines).toHaveLength(2);
    expect(lines[0]![0]).toMatchObject({
      service: 'publishing',
      version: '1.0',
      operation: 'ListTags',
      endpoint: proxy.url,
      outcome: 'ok',
      requestBytes: expect.any(Number),
      responseBytes: expect.any(Number),
      durationMs: expect.any(Number),
    });
    // A fault is an exchange too: its envelope is measured like an answer.
    expect(lines[1]![0]).toMatchObject({ operation: 'GetArticle', outcome: 'fault NOT_FOUND' });
    expect((lines[1]![0] as { responseBytes: number }).responseBytes).toBeGreaterThan(200);
    const envelopes = debug.mock.calls.find(([, message]) => message === 'soap envelopes')?.[0] as
      | { request: string; response: string }
      | undefined;
    expect(envelopes?.request).toContain('ListTags');
    expect(envelopes?.response).toContain('ListTagsResponse');
  });
});
