import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { freePort } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCertificate, workerPids } from '../../sidecar/src/haproxy-runtime.js';
import type { SidecarConfig } from '../../sidecar/src/sidecar-config.js';
import { DataPlaneWorld, type TestPod } from '../fixtures/data-plane-world.js';
import { type PeerOptions, presentedSerial } from '../fixtures/mesh-client.js';
import { meshPrograms } from '../topology/mesh-programs.js';

const programs = await meshPrograms();
/** Callers at once, as a service's connection pool sends them. */
const CALLERS = 4;

/**
 * Calls through the gateway's outbound listener, each caller one after the other on its keep-alive
 * connection, until stopped; every answer that is not a 200 (or no answer) is kept.
 */
function callInALoop(listenPort: number) {
  const failures: string[] = [];
  let answered = 0;
  let running = true;
  const caller = async () => {
    while (running) {
      try {
        const response = await fetch(`http://127.0.0.1:${listenPort}/articles`);
        await response.arrayBuffer();
        if (response.status === 200) answered += 1;
        else failures.push(`status ${response.status}`);
      } catch (error) {
        failures.push(String((error as Error).cause ?? error));
      }
    }
  };
  const callers = Array.from({ length: CALLERS }, caller);
  return {
    failures,
    answered: () => answered,
    stop: async () => {
      running = false;
      await Promise.all(callers);
    },
  };
}

/** Waits (without a clock) until the loop has made `count` more successful calls. */
async function afterCalls(loop: ReturnType<typeof callInALoop>, count: number) {
  const target = loop.answered() + count;
  while (loop.answered() < target && loop.failures.length === 0) await new Promise((r) => setImmediate(r));
}

describe.skipIf(!programs.available)(
  `sidecar runtime: hitless reload, certificate rotation${programs.reason ? ` (${programs.reason})` : ''}`,
  () => {
    let world: DataPlaneWorld;
    let articles: TestPod;
    let gateway: TestPod;
    let listenPort: number;
    let peer: PeerOptions;

    const withGeneration = (config: SidecarConfig, generation: number): SidecarConfig => ({
      ...config,
      generation,
    });

    beforeAll(async () => {
      world = await DataPlaneWorld.open();
      articles = await world.startPod({ process: 'articles', authorization: [{ from: ['gateway'] }] });
      listenPort = await freePort();
      gateway = await world.startPod({
        process: 'gateway',
        outbound: [
          {
            service: 'articles',
            listenPort,
            endpoints: [
              {
                process: 'articles',
                version: 'v1',
                host: '127.0.0.1',
                port: articles.config.inbound.port,
                weight: 100,
              },
            ],
            routes: [
              { name: 'reads', match: { methods: ['GET'] }, retries: { attempts: 2, retryOn: ['reset'] } },
            ],
            outlierDetection: { consecutive5xxErrors: 5, intervalMs: 1_000, baseEjectionTimeMs: 2_000 },
          },
        ],
      });
      peer = {
        pem: await readFile(await world.certificateFile('gateway', 'gateway-peer'), 'utf8'),
        caPem: await readFile(world.ca.certificateFile, 'utf8'),
      };
    });
    afterAll(() => world?.close());

    it('when both sidecars of a call reload while calls flow, then no call fails and new workers serve', async () => {
      const workersBefore = [
        await workerPids(gateway.config.sockets.master),
        await workerPids(articles.config.sockets.master),
      ];
      const loop = callInALoop(listenPort);
      try {
        for (let generation = 2; generation <= 4; generation += 1) {
          await afterCalls(loop, 50);
          await gateway.sidecar.reload(withGeneration(gateway.sidecar.settings, generation));
          await afterCalls(loop, 50);
          await articles.sidecar.reload(withGeneration(articles.sidecar.settings, generation));
        }
        await afterCalls(loop, 50);
      } finally {
        await loop.stop();
      }
      expect(loop.failures).toEqual([]);
      expect(await workerPids(gateway.config.sockets.master)).not.toEqual(workersBefore[0]);
      expect(await workerPids(articles.config.sockets.master)).not.toEqual(workersBefore[1]);
    });

    it('when a new certificate is pushed into both sidecars while calls flow, then it is presented at once and no call fails', async () => {
      const loop = callInALoop(listenPort);
      const renewed = await world.ca.issue('articles', 7_200_000);
      try {
        await afterCalls(loop, 50);
        await updateCertificate(
          articles.config.sockets.runtime,
          articles.config.files.certificate,
          renewed.pem,
        );
        await afterCalls(loop, 50);
        // The gateway's certificate is its client certificate too: the one its servers present.
        const gatewayRenewed = await world.ca.issue('gateway', 7_200_000);
        await updateCertificate(
          gateway.config.sockets.runtime,
          gateway.config.files.certificate,
          gatewayRenewed.pem,
        );
        await afterCalls(loop, 50);
      } finally {
        await loop.stop();
      }
      expect(loop.failures).toEqual([]);
      expect(await presentedSerial(articles.url, peer)).toBe(new X509Certificate(renewed.pem).serialNumber);
    });
  },
);
