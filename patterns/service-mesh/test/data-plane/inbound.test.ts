import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCertificateAuthority } from '../../control-plane/src/certificate-authority.js';
import { DataPlaneWorld, type TestPod, TRUST_DOMAIN } from '../fixtures/data-plane-world.js';
import { callAsPeer } from '../fixtures/mesh-client.js';
import { meshPrograms } from '../topology/mesh-programs.js';

const programs = await meshPrograms();

describe.skipIf(!programs.available)(
  `sidecar inbound: mTLS, authorization by identity, the admin port${programs.reason ? ` (${programs.reason})` : ''}`,
  () => {
    let world: DataPlaneWorld;
    let articles: TestPod;
    let caPem: string;
    const pemOf = async (service: string) => readFile(await world.certificateFile(service), 'utf8');

    beforeAll(async () => {
      world = await DataPlaneWorld.open();
      caPem = await readFile(world.ca.certificateFile, 'utf8');
      articles = await world.startPod({
        process: 'articles',
        authorization: [
          { from: ['gateway'] },
          { from: ['profiles'], to: { methods: ['GET'], pathPrefix: '/articles' } },
        ],
      });
    });
    afterAll(() => world?.close());

    it('when an allowed identity calls, then the service answers', async () => {
      const answer = await callAsPeer(articles.url, '/articles/feed', { pem: await pemOf('gateway'), caPem });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ servedBy: 'articles' });
    });

    it('when a caller speaks plaintext HTTP to the inbound, then no HTTP answer comes', async () => {
      await expect(fetch(articles.url.replace('https:', 'http:'))).rejects.toThrow();
    });

    it('when a caller offers no client certificate, then the handshake is refused', async () => {
      await expect(callAsPeer(articles.url, '/articles', { caPem })).rejects.toThrow();
    });

    it("when a caller's certificate comes from another CA, even naming an allowed service, then it is refused", async () => {
      const scratch = await mkdtemp(join(tmpdir(), 'mesh-foreign-ca-'));
      try {
        const foreign = await openCertificateAuthority(scratch, TRUST_DOMAIN);
        const impostor = (await foreign.issue('gateway', 3_600_000)).pem;
        await expect(callAsPeer(articles.url, '/articles', { pem: impostor, caPem })).rejects.toThrow();
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    });

    it('when an identity no rule names calls, then it gets a 403 in the API error shape and the service never sees it', async () => {
      const before = articles.app.calls.length;
      const answer = await callAsPeer(articles.url, '/articles/x?y=1', {
        pem: await pemOf('comments'),
        caPem,
        method: 'DELETE',
      });
      expect(answer.status).toBe(403);
      expect(answer.contentType).toBe('application/json');
      expect(JSON.parse(answer.body)).toEqual({
        errors: { mesh: ['comments may not call articles: DELETE /articles/x'] },
      });
      expect(articles.app.calls.length).toBe(before);
    });

    it('when a rule limits a caller to methods and a path prefix, then only calls inside them pass', async () => {
      const profiles = { pem: await pemOf('profiles'), caPem };
      expect((await callAsPeer(articles.url, '/articles/one', profiles)).status).toBe(200);
      expect((await callAsPeer(articles.url, '/articles/one', { ...profiles, method: 'POST' })).status).toBe(
        403,
      );
      expect((await callAsPeer(articles.url, '/tags', profiles)).status).toBe(403);
    });

    it("when any mesh identity asks the peer health path, then the service's own health answers it", async () => {
      const before = articles.app.calls.length;
      const answer = await callAsPeer(articles.url, '/.mesh/ready', { pem: await pemOf('comments'), caPem });
      expect(answer.status).toBe(200);
      // The fake service counts every path but its health paths: /.mesh/ready reached it as /ready.
      expect(articles.app.calls.length).toBe(before);
    });

    it('when the admin port is asked for the health path, metrics or stats, then it answers them and nothing else', async () => {
      const admin = `http://127.0.0.1:${articles.config.adminPort}`;
      expect((await fetch(`${admin}/ready`)).status).toBe(200);
      const metrics = await fetch(`${admin}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('haproxy_frontend_http_requests_total');
      expect((await fetch(`${admin}/stats`)).status).toBe(200);

      const before = articles.app.calls.length;
      const around = await fetch(`${admin}/articles/feed`);
      expect(around.status).toBe(404);
      expect((await around.json()) as unknown).toMatchObject({ errors: { admin: [expect.any(String)] } });
      expect((await fetch(`${admin}/ready`, { method: 'POST' })).status).toBe(404);
      expect(articles.app.calls.length).toBe(before);
    });
  },
);
