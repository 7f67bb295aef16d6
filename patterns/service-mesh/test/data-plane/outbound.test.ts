import { freePort } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { showStat } from '../../sidecar/src/haproxy-runtime.js';
import type { OutboundListener } from '../../sidecar/src/sidecar-config.js';
import { openAccessLogSink } from '../fixtures/access-log-sink.js';
import { DataPlaneWorld, type TestPod } from '../fixtures/data-plane-world.js';
import { meshPrograms } from '../topology/mesh-programs.js';

const programs = await meshPrograms();

/** An endpoint of an outbound listener: the pod's inbound, weighted. */
const endpoint = (pod: TestPod, weight: number) => ({
  process: pod.config.process,
  version: pod.config.version,
  host: '127.0.0.1',
  port: pod.config.inbound.port,
  weight,
});

describe.skipIf(!programs.available)(
  `sidecar outbound: split, retries, outlier ejection, peer identity${programs.reason ? ` (${programs.reason})` : ''}`,
  () => {
    let world: DataPlaneWorld;
    let sink: Awaited<ReturnType<typeof openAccessLogSink>>;
    let articles: TestPod;
    let articlesV2: TestPod;
    let profiles: TestPod;
    let comments: TestPod;
    let commentsV2: TestPod;
    let single: TestPod;
    let tags: TestPod;
    let tagsV2: TestPod;
    let gateway: TestPod;
    let listeners: Record<string, OutboundListener>;
    /** A call as the gateway's own service makes it: plaintext to its sidecar's listener for `service`. */
    const call = async (service: string, path = '/x', method = 'GET') => {
      const response = await fetch(`http://127.0.0.1:${listeners[service]!.listenPort}${path}`, { method });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const calls = async (count: number, service: string, method = 'GET') => {
      const statuses: number[] = [];
      for (let n = 0; n < count; n += 1) statuses.push((await call(service, '/x', method)).status);
      return statuses;
    };

    beforeAll(async () => {
      world = await DataPlaneWorld.open();
      sink = await openAccessLogSink();
      [articles, articlesV2, profiles, comments, commentsV2, single, tags, tagsV2] = await Promise.all([
        world.startPod({ process: 'articles', authorization: [{ from: ['gateway'] }] }),
        world.startPod({ process: 'articles-v2', service: 'articles', version: 'v2' }),
        world.startPod({ process: 'profiles' }),
        world.startPod({ process: 'comments' }),
        world.startPod({ process: 'comments-v2', service: 'comments', version: 'v2' }),
        world.startPod({ process: 'identity' }),
        world.startPod({ process: 'tags' }),
        world.startPod({ process: 'tags-v2', service: 'tags', version: 'v2' }),
      ]);
      const ejection = { consecutive5xxErrors: 3, intervalMs: 60_000, baseEjectionTimeMs: 120_000 };
      const ports = await Promise.all([1, 2, 3, 4, 5, 6].map(() => freePort()));
      listeners = {
        articles: {
          service: 'articles',
          listenPort: ports[0]!,
          endpoints: [endpoint(articles, 90), endpoint(articlesV2, 10)],
          routes: [],
        },
        profiles: {
          service: 'profiles',
          listenPort: ports[1]!,
          endpoints: [endpoint(profiles, 100)],
          routes: [
            {
              name: 'reads',
              match: { methods: ['GET'] },
              retries: { attempts: 2, retryOn: ['gateway-error'] },
            },
            {
              name: 'writes',
              match: { methods: ['POST'] },
              retries: { attempts: 2, retryOn: ['connect-failure'] },
            },
          ],
        },
        comments: {
          service: 'comments',
          listenPort: ports[2]!,
          endpoints: [endpoint(comments, 50), endpoint(commentsV2, 50)],
          routes: [],
          outlierDetection: ejection,
        },
        identity: {
          service: 'identity',
          listenPort: ports[3]!,
          endpoints: [endpoint(single, 100)],
          routes: [],
          outlierDetection: ejection,
        },
        tags: {
          service: 'tags',
          listenPort: ports[5]!,
          endpoints: [endpoint(tags, 50), endpoint(tagsV2, 50)],
          routes: [
            {
              name: 'reads',
              match: { methods: ['GET'] },
              retries: { attempts: 2, retryOn: ['gateway-error'] },
            },
          ],
          outlierDetection: ejection,
        },
        // A listener for `users` whose only endpoint is really the profiles pod: another identity.
        users: {
          service: 'users',
          listenPort: ports[4]!,
          endpoints: [{ ...endpoint(profiles, 100), process: 'users' }],
          routes: [],
        },
      };
      gateway = await world.startPod({
        process: 'gateway',
        outbound: Object.values(listeners),
        accessLog: sink.address,
      });
    });
    afterAll(async () => {
      await world?.close();
      await sink?.close();
    });

    it('when articles is split 90/10, then about one call in ten reaches v2, and the access log names each pod', async () => {
      const statuses = await calls(200, 'articles');
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(articles.app.calls.length + articlesV2.app.calls.length).toBe(200);
      expect(articlesV2.app.calls.length).toBeGreaterThanOrEqual(5);
      expect(articlesV2.app.calls.length).toBeLessThanOrEqual(40);
      await vi.waitFor(() => {
        const logged = (to: string) =>
          sink.entries.filter((entry) => entry.from === 'gateway' && entry.to === to && entry.status === 200)
            .length;
        expect(logged('articles-v2')).toBe(articlesV2.app.calls.length);
        expect(logged('articles')).toBe(articles.app.calls.length);
      });
    });

    it('when v2 is weighted 0, then it gets no call', async () => {
      const before = articlesV2.app.calls.length;
      const idle = { ...listeners.articles!, endpoints: [endpoint(articles, 100), endpoint(articlesV2, 0)] };
      await gateway.sidecar.reload({
        ...gateway.sidecar.settings,
        outbound: gateway.sidecar.settings.outbound.map((listener) =>
          listener.service === 'articles' ? idle : listener,
        ),
      });
      expect((await calls(100, 'articles')).every((status) => status === 200)).toBe(true);
      expect(articlesV2.app.calls.length).toBe(before);
    });

    it('when a route retries gateway errors and the service fails every other call with 503, then every call succeeds', async () => {
      profiles.app.answer = (_request, n) => (n % 2 === 1 ? 503 : 200);
      const before = profiles.app.calls.length;
      const statuses = await calls(20, 'profiles');
      expect(statuses.every((status) => status === 200)).toBe(true);
      // Each call took two tries: the 503, then the retry answered.
      expect(profiles.app.calls.length - before).toBe(40);
    });

    it('when a route retries only connection failures, then a 503 is not tried again', async () => {
      profiles.app.answer = () => 503;
      const before = profiles.app.calls.length;
      const statuses = await calls(10, 'profiles', 'POST');
      expect(statuses.every((status) => status === 503)).toBe(true);
      expect(profiles.app.calls.length - before).toBe(10);
    });

    it('when one of two endpoints always answers 503, then after the error limit every call goes to the healthy one', async () => {
      commentsV2.app.answer = () => 503;
      await calls(20, 'comments');
      const failing = commentsV2.app.calls.length;
      expect(failing).toBeGreaterThanOrEqual(3);
      expect((await calls(20, 'comments')).every((status) => status === 200)).toBe(true);
      expect(commentsV2.app.calls.length).toBe(failing);
      const row = (await showStat(gateway.config.sockets.runtime)).find(
        (stat) => stat.pxname === 'comments' && stat.svname === 'comments-v2',
      );
      expect(row?.status).toMatch(/^DOWN/);
    });

    it('when a route retries the 503s of a failing endpoint, then its retried tries still count and it is ejected', async () => {
      tagsV2.app.answer = () => 503;
      await vi.waitFor(
        async () => {
          expect((await calls(5, 'tags')).every((status) => status === 200)).toBe(true);
          const row = (await showStat(gateway.config.sockets.runtime)).find(
            (stat) => stat.pxname === 'tags.1.reads' && stat.svname === 'tags-v2',
          );
          expect(row?.status).toMatch(/^DOWN/);
        },
        { timeout: 30_000, interval: 100 },
      );
      const failing = tagsV2.app.calls.length;
      expect((await calls(20, 'tags')).every((status) => status === 200)).toBe(true);
      expect(tagsV2.app.calls.length).toBe(failing);
    });

    it('when the only endpoint is ejected, then calls still reach it and it is back the moment it heals', async () => {
      single.app.answer = () => 503;
      expect((await calls(10, 'identity')).every((status) => status === 503)).toBe(true);
      expect(single.app.calls.length).toBe(10);
      single.app.answer = () => 200;
      expect((await calls(5, 'identity')).every((status) => status === 200)).toBe(true);
    });

    it('when an endpoint presents the certificate of another service, then the caller refuses it', async () => {
      const before = profiles.app.calls.length;
      const refused = await call('users');
      expect(refused).toEqual({
        status: 503,
        body: {
          errors: { mesh: ['the gateway sidecar has no instance of the service to send the call to'] },
        },
      });
      expect(profiles.app.calls.length).toBe(before);
    });
  },
);
