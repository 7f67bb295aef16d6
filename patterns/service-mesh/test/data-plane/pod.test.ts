import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCertificateAuthority } from '../../control-plane/src/certificate-authority.js';
import { sidecarPids } from '../../sidecar/src/haproxy-runtime.js';
import { TRUST_DOMAIN } from '../fixtures/data-plane-world.js';
import { callAsPeer } from '../fixtures/mesh-client.js';
import { Spawned } from '../fixtures/spawned.js';
import { meshPrograms } from '../topology/mesh-programs.js';

const programs = await meshPrograms();
const POD = ['node', '--import', 'tsx', 'patterns/service-mesh/pod/src/main.ts', '--'];
const SERVICE = ['node', '--import', 'tsx', 'patterns/service-mesh/test/fixtures/fake-service.ts'];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!programs.available)(
  `the pod: its service and its sidecar, configured by mesh-control${programs.reason ? ` (${programs.reason})` : ''}`,
  () => {
    let runDir: string;
    let control: Spawned;
    let controlUrl: string;
    const started: Spawned[] = [];

    /** A pod of `service` as the lab starts it, on ports of its own. */
    async function startPod(service: string, env: Record<string, string> = {}) {
      const port = await freePort();
      const adminPort = await freePort();
      const pod = new Spawned([...POD, ...SERVICE], {
        PORT: String(port),
        ADMIN_PORT: String(adminPort),
        MESH_PROCESS: service,
        MESH_APP_HEALTH: '/ready',
        MESH_SERVICE: service,
        MESH_VERSION: 'v1',
        MESH_UPSTREAMS: '[]',
        MESH_CONTROL_URL: controlUrl,
        JOURNEY_RUN_DIR: runDir,
        ...env,
      });
      started.push(pod);
      const admin = `http://127.0.0.1:${adminPort}`;
      await vi.waitFor(
        async () => {
          if (!pod.running) throw new Error(`the pod exited:\n${pod.lines.join('\n')}`);
          expect((await fetch(`${admin}/ready`)).status).toBe(200);
        },
        { timeout: 60_000, interval: 200 },
      );
      // The pod's line saying it is up names the service's private port.
      const up = pod.lines
        .map((line) => JSON.parse(line.startsWith('{') ? line : '{}'))
        .find((line) => line.appPort);
      return {
        pod,
        port,
        admin,
        app: `http://127.0.0.1:${up.appPort}`,
        masterSocket: join(runDir, 'mesh', 'pods', service, 'master.sock'),
      };
    }

    beforeAll(async () => {
      runDir = await mkdtemp(join(tmpdir(), 'mesh-pod-'));
      const port = await freePort();
      controlUrl = `http://127.0.0.1:${port}`;
      control = new Spawned(['node', '--import', 'tsx', 'patterns/service-mesh/control-plane/src/main.ts'], {
        PORT: String(port),
        JOURNEY_RUN_DIR: runDir,
      });
      await vi.waitFor(async () => expect((await fetch(`${controlUrl}/health`)).status).toBe(200), {
        timeout: 60_000,
        interval: 200,
      });
    });
    afterAll(async () => {
      await Promise.all(started.map((pod) => pod.stop()));
      await control?.stop();
      await rm(runDir, { recursive: true, force: true });
    });

    it('when a pod calls another, then its service reaches it through both sidecars with its own identity', async () => {
      const identity = await startPod('identity');
      const profiles = await startPod('profiles', {
        MESH_UPSTREAMS: JSON.stringify([{ service: 'identity', version: 'v1', process: 'identity' }]),
        IDENTITY_URL: `http://127.0.0.1:${identity.port}`,
      });
      // The service runs on a private port and is told its dependency is at a sidecar listener.
      const env = (await (await fetch(`${profiles.app}/env`)).json()) as Record<string, string>;
      expect(env.PORT).toBe(new URL(profiles.app).port);
      expect(env.IDENTITY_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(env.IDENTITY_URL).not.toBe(`http://127.0.0.1:${identity.port}`);
      expect(env.ADMIN_PORT).toBeUndefined();
      const ca = await openCertificateAuthority(join(runDir, 'mesh', 'ca'), TRUST_DOMAIN);
      const caPem = await readFile(ca.certificateFile, 'utf8');
      const gateway = { pem: (await ca.issue('gateway', 3_600_000)).pem, caPem };
      const called = await callAsPeer(
        `https://127.0.0.1:${profiles.port}`,
        '/call?via=IDENTITY_URL',
        gateway,
      );
      expect(called.status).toBe(200);
      expect(JSON.parse(called.body)).toEqual({
        status: 200,
        body: { service: 'identity', path: '/called' },
      });
    });

    it('when the pod is told to stop, then it stops its service and its sidecar and exits 0', async () => {
      const { pod, masterSocket } = await startPod('comments');
      const sidecar = await sidecarPids(masterSocket);
      pod.signal('SIGTERM');
      expect(await pod.exited).toEqual({ code: 0, signal: null });
      expect(sidecar.filter(alive)).toEqual([]);
    });

    it('when the lab stops the pod’s whole process group, then it exits 0 and leaves nothing behind', async () => {
      const { pod, masterSocket } = await startPod('articles');
      const sidecar = await sidecarPids(masterSocket);
      pod.signal('SIGTERM', { group: true });
      expect(await pod.exited).toEqual({ code: 0, signal: null });
      expect(sidecar.filter(alive)).toEqual([]);
    });

    it('when its service dies on its own, then the pod stops its sidecar and exits 1 saying so', async () => {
      const { pod, app, masterSocket } = await startPod('identity');
      const sidecar = await sidecarPids(masterSocket);
      await fetch(`${app}/exit`);
      expect(await pod.exited).toEqual({ code: 1, signal: null });
      expect(pod.lines.join('\n')).toMatch(/service exited on its own \(code 3\)/);
      expect(sidecar.filter(alive)).toEqual([]);
    });

    it('when HAProxy is not on PATH, then the pod says so in one line and exits 1', async () => {
      const pod = new Spawned([process.execPath, '--import', 'tsx', ...POD.slice(3), ...SERVICE], {
        PATH: '/nonexistent',
      });
      expect(await pod.exited).toEqual({ code: 1, signal: null });
      expect(pod.lines).toEqual([
        "HAProxy is not installed: the mesh's sidecars are HAProxy 2.6 or newer (Debian/Ubuntu: apt-get install haproxy)",
      ]);
    });
  },
);
