import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from '@journey/conformance/eventually';
import { installedProgram } from '@journey/testkit';
import { Pool } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCertificateAuthority } from '../control-plane/src/certificate-authority.js';
import { compileSidecar } from '../control-plane/src/compile-sidecar.js';
import type { PodRegistration } from '../control-plane/src/pod-registration.js';
import type { MeshPolicy } from '../policy/src/mesh-policy.js';
import { parsePolicy } from '../policy/src/parse-policy.js';
import { renderHaproxyConfig } from '../sidecar/src/haproxy-config.js';

/**
 * The exercise's acceptance tests: your mesh-policy.yaml, compiled by the control plane into the
 * gateway's sidecar exactly as `journey up service-mesh` would, run in a real HAProxy. Behind the
 * sidecar's outbound listener for articles stand two fake articles pods, v1 and v2, speaking mTLS with
 * certificates from a CA of the test's own; they count the calls that reach them and, when told, fail
 * the first try of each call with a 503, as a flaky instance would.
 */
const POLICY = fileURLToPath(new URL('../mesh-policy.yaml', import.meta.url));
const CALL_ID = 'x-exercise-call';
const haproxy = await installedProgram(
  'HAProxy',
  'haproxy',
  'Debian package haproxy: apt-get install haproxy',
);

/** What the fakes saw: tries per version, and per call id how many tries reached any of them. */
interface Seen {
  tries: Record<string, number>;
  triesOfCall: Map<string, number>;
}

async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(!haproxy.available)(
  `your policy in the gateway's sidecar: articles split 90/10, only idempotent calls retried ${haproxy.reason}`,
  () => {
    let scratch: string;
    let policy: MeshPolicy;
    let sidecar: ChildProcess;
    let outbound: Pool;
    const fakes: Server[] = [];
    const seen: Seen = { tries: {}, triesOfCall: new Map() };
    let failFirstTry = false;

    /** A fake articles pod: mTLS with the articles identity, every try counted, the first try of a call failed when told. */
    async function fakeArticles(version: string, pem: string, caPem: string): Promise<number> {
      const server = createServer(
        { cert: pem, key: pem, ca: caPem, requestCert: true },
        (request, response) => {
          const call = request.headers[CALL_ID];
          request.resume();
          // The sidecar's own health checks (outlier detection) are not calls: answered, never counted.
          if (typeof call !== 'string') return void response.end();
          const tries = (seen.triesOfCall.get(call) ?? 0) + 1;
          seen.triesOfCall.set(call, tries);
          seen.tries[version] = (seen.tries[version] ?? 0) + 1;
          const status = failFirstTry && tries === 1 ? 503 : 200;
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ version }));
        },
      );
      fakes.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    }

    let sequence = 0;
    /** One call from the gateway's service to articles, through its sidecar; answers the status the service got. */
    const call = async (method: string) => {
      const { statusCode, body } = await outbound.request({
        path: '/articles',
        method: method as 'GET',
        headers: { [CALL_ID]: String(++sequence), 'content-type': 'application/json' },
        body: method === 'GET' ? null : '{}',
      });
      await body.dump();
      return statusCode;
    };

    beforeAll(async () => {
      policy = parsePolicy(readFileSync(POLICY, 'utf8'));
      scratch = mkdtempSync(join(tmpdir(), 'mesh-exercise-'));
      const ca = await openCertificateAuthority(join(scratch, 'ca'), policy.trustDomain);
      const caPem = readFileSync(ca.certificateFile, 'utf8');
      const articlesPem = (await ca.issue('articles', 3_600_000)).pem;
      const gatewayCertificate = join(scratch, 'gateway.pem');
      writeFileSync(gatewayCertificate, (await ca.issue('gateway', 3_600_000)).pem);

      const upstream = async (version: string, process: string) => ({
        service: 'articles',
        version,
        process,
        host: '127.0.0.1',
        port: await fakeArticles(version, articlesPem, caPem),
      });
      const outboundPort = await freePort();
      const gateway: PodRegistration = {
        process: 'gateway',
        service: 'gateway',
        version: 'v1',
        ingress: true,
        inboundPort: await freePort(),
        adminPort: await freePort(),
        app: { port: await freePort(), healthPath: '/health' },
        upstreams: [await upstream('v1', 'articles'), await upstream('v2', 'articles-v2')],
        outboundPorts: { articles: outboundPort },
      };
      const config = compileSidecar(policy, gateway, {
        generation: 1,
        files: { certificate: gatewayCertificate, caBundle: ca.certificateFile },
        sockets: { runtime: join(scratch, 'runtime.sock'), master: join(scratch, 'master.sock') },
        accessLog: null,
      });
      const configFile = join(scratch, 'haproxy.cfg');
      writeFileSync(configFile, renderHaproxyConfig(config));
      sidecar = spawn('haproxy', ['-W', '-db', '-S', config.sockets.master, '-f', configFile], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let complaints = '';
      sidecar.stderr?.setEncoding('utf8').on('data', (text: string) => {
        complaints += text;
      });
      outbound = new Pool(`http://127.0.0.1:${outboundPort}`, { connections: 1 });
      await eventually(
        async () => {
          if (sidecar.exitCode !== null) throw new Error(`HAProxy refused the configuration:\n${complaints}`);
          expect([200, 503]).toContain(await call('GET'));
        },
        { timeoutMs: 30_000 },
      );
    });

    afterAll(async () => {
      await outbound?.close();
      sidecar?.kill('SIGTERM');
      for (const fake of fakes) fake.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    beforeEach(() => {
      failFirstTry = false;
      seen.tries = {};
      seen.triesOfCall.clear();
    });

    it('when 200 calls go to articles, then about one in ten reaches v2 and the rest v1', async () => {
      for (let i = 0; i < 200; i++) expect(await call('GET')).toBe(200);
      const v1 = seen.tries.v1 ?? 0;
      const v2 = seen.tries.v2 ?? 0;
      expect(v1 + v2).toBe(200);
      expect(v2, `v2 got ${v2} of 200 calls: the split should send it about 20`).toBeGreaterThanOrEqual(10);
      expect(v2, `v2 got ${v2} of 200 calls: the split should send it about 20`).toBeLessThanOrEqual(40);
    });

    // RFC 9110's idempotent methods: running one twice leaves what running it once does.
    for (const method of ['GET', 'PUT', 'DELETE']) {
      it(`when the first try of each ${method} fails with a 503, then every ${method} is answered 200: the sidecar retried it`, async () => {
        failFirstTry = true;
        for (let i = 0; i < 20; i++)
          expect(await call(method), `a ${method} the sidecar did not retry`).toBe(200);
      });
    }

    it('when the first try of each POST fails with a 503, then the caller gets the 503 and articles saw each POST once: it is never repeated', async () => {
      failFirstTry = true;
      for (let i = 0; i < 10; i++) expect(await call('POST'), 'a POST the sidecar retried').toBe(503);
      expect([...seen.triesOfCall.values()].every((tries) => tries === 1)).toBe(true);
    });
  },
);
