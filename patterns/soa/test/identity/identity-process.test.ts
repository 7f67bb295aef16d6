import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listServices } from '@journey/soa-registry';
import type { SpanRecord } from '@journey/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedRegistry, startRegistry } from '../registry/registry-support.js';
import { type SpawnedProcess, spawnProcess } from '../registry/spawned-process.js';
import { faultCode, post } from '../soap-kit/raw-soap.js';

const main = join(import.meta.dirname, '../../services/identity/src/main.ts');
const ENV11 = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Identity started by hand, as its README says: its main.ts in a process of its own. */
describe('when identity runs as its own process', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'journey-soa-identity-'));
  const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpanId = '00f067aa0ba902b7';
  let registry: StartedRegistry;
  let identity: SpawnedProcess;
  let endpoint: string;

  beforeAll(async () => {
    registry = await startRegistry();
    identity = await spawnProcess(main, 'identity', {
      DATABASE_URL: join(runDir, 'enterprise.sqlite'),
      REGISTRY_URL: registry.url,
      JWT_SECRET: 'identity-process-test',
      JOURNEY_RUN_DIR: runDir,
      JOURNEY_TRACING: 'on',
    });
    endpoint = `${identity.url}/soap/identity/v1`;
  }, 60_000);

  afterAll(async () => {
    await identity?.terminate();
    await registry?.close();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('then it is registered as identity 1.0 at the endpoint it listens on', async () => {
    const { services } = await listServices(registry.url);
    expect(services.map(({ name }) => name)).toEqual(['identity']);
    expect(services[0]!.versions[0]).toMatchObject({
      version: '1.0',
      instances: [expect.objectContaining({ endpoint, wsdlUrl: `${endpoint}?wsdl` })],
    });
  });

  it("then a SOAP call is answered in a server span that continues the caller's trace, and SIGTERM deregisters and exits 0", async () => {
    const answer = await post(
      endpoint,
      {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: '"urn:journey:conduit:identity:v1/GetProfile"',
        traceparent: `00-${callerTraceId}-${callerSpanId}-01`,
      },
      `<s:Envelope xmlns:s="${ENV11}"><s:Body><m:GetProfile xmlns:m="urn:journey:conduit:identity:v1"><m:username>nobody</m:username></m:GetProfile></s:Body></s:Envelope>`,
    );
    expect(faultCode(answer.body)).toBe('NOT_FOUND');

    // Spans are batched: stopping the process is what writes them out.
    expect(await identity.terminate()).toBe(0);
    expect((await listServices(registry.url)).services).toEqual([]);
    const spans = readdirSync(join(runDir, 'spans')).flatMap((file) =>
      readFileSync(join(runDir, 'spans', file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as SpanRecord),
    );
    expect(spans).toContainEqual(
      expect.objectContaining({
        traceId: callerTraceId,
        parentSpanId: callerSpanId,
        name: 'POST /soap/identity/v1',
        kind: 'server',
        service: 'identity',
      }),
    );
  });
});
