import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openAccessLogSink } from '../fixtures/access-log-sink.js';
import { DataPlaneWorld, type TestPod } from '../fixtures/data-plane-world.js';
import { callAsPeer, type PeerOptions } from '../fixtures/mesh-client.js';
import { meshPrograms } from '../topology/mesh-programs.js';

const programs = await meshPrograms();
const DELAY_MS = 400;

describe.skipIf(!programs.available)(
  `sidecar faults and ingress${programs.reason ? ` (${programs.reason})` : ''}`,
  () => {
    let world: DataPlaneWorld;
    let sink: Awaited<ReturnType<typeof openAccessLogSink>>;
    let articles: TestPod;
    let comments: TestPod;
    let gateway: TestPod;
    let peer: PeerOptions;

    beforeAll(async () => {
      world = await DataPlaneWorld.open();
      sink = await openAccessLogSink();
      [articles, comments, gateway] = await Promise.all([
        world.startPod({
          process: 'articles',
          faults: [
            { match: { methods: ['GET'], pathPrefix: '/abort' }, abort: { percent: 100, status: 503 } },
            { match: { pathPrefix: '/slow' }, delay: { percent: 100, fixedDelayMs: DELAY_MS } },
          ],
        }),
        world.startPod({ process: 'comments', faults: [{ abort: { percent: 100, status: 500 } }] }),
        world.startPod({
          process: 'gateway',
          mode: 'ingress',
          accessLog: sink.address,
          faults: [{ match: { pathPrefix: '/teapot' }, abort: { percent: 100, status: 418 } }],
        }),
      ]);
      peer = {
        pem: await readFile(await world.certificateFile('gateway'), 'utf8'),
        caPem: await readFile(world.ca.certificateFile, 'utf8'),
      };
    });
    afterAll(async () => {
      await world?.close();
      await sink?.close();
    });

    it('when an abort matches every call, then the sidecar answers its status itself and the service is never called', async () => {
      const before = articles.app.calls.length;
      for (let n = 0; n < 5; n += 1) {
        const answer = await callAsPeer(articles.url, '/abort/1', peer);
        expect(answer.status).toBe(503);
        expect(JSON.parse(answer.body)).toEqual({
          errors: { mesh: ['fault injected by the articles sidecar'] },
        });
      }
      expect(articles.app.calls.length).toBe(before);
    });

    it("when a call is outside the abort's match, then it reaches the service", async () => {
      expect((await callAsPeer(articles.url, '/abort/1', { ...peer, method: 'POST' })).status).toBe(200);
      expect(articles.app.calls.at(-1)).toEqual({ method: 'POST', path: '/abort/1' });
    });

    it('when a delay matches every call, then the service is still called and the answer comes, no sooner than the delay', async () => {
      const before = articles.app.calls.length;
      const started = performance.now();
      const answer = await callAsPeer(articles.url, '/slow', peer);
      expect(answer.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(DELAY_MS);
      expect(articles.app.calls.length).toBe(before + 1);
    });

    it("when an abort takes every call, then it answers the peers' health checks too, so callers eject the instance", async () => {
      expect((await callAsPeer(comments.url, '/.mesh/ready', peer)).status).toBe(500);
      expect(comments.app.calls).toEqual([]);
    });

    it('when a client calls the ingress in plaintext, then the service answers and the access log names the client as caller', async () => {
      const ingress = `http://127.0.0.1:${gateway.config.inbound.port}`;
      expect((await fetch(`${ingress}/articles`)).status).toBe(200);
      expect((await fetch(`${ingress}/teapot`)).status).toBe(418);
      await vi.waitFor(() =>
        expect(sink.entries.map(({ from, to, status, method }) => ({ from, to, status, method }))).toEqual([
          { from: 'client', to: 'gateway', status: 200, method: 'GET' },
          { from: 'client', to: 'gateway', status: 418, method: 'GET' },
        ]),
      );
    });
  },
);
