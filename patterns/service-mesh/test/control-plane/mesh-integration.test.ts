import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@journey/conformance/eventually';
import { createLogger, freePort } from '@journey/platform';
import { installedProgram } from '@journey/testkit';
import type { PatternCheckResult, PatternCommandContext, TrafficReport } from '@journey/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMeshControl } from '../../control-plane/src/app.js';
import type { CertificateRotated, PolicyApplied } from '../../control-plane/src/mesh-control.js';
import mesh from '../../lab/mesh-command.js';

const REPO_ROOT = join(import.meta.dirname, '../../../..');
const MESH_DIR = join(REPO_ROOT, 'patterns/service-mesh');
const POD = join(MESH_DIR, 'pod/src/main.ts');
const FAKE_SERVICE = join(import.meta.dirname, 'fake-service.ts');
const CANARY = readFileSync(join(MESH_DIR, 'policies/canary-10.yaml'), 'utf8');

const haproxy = await installedProgram('HAProxy', 'haproxy', 'apt-get install haproxy');
const openssl = await installedProgram('OpenSSL', 'openssl', 'apt-get install openssl');
const missing = [haproxy.reason, openssl.reason].filter(Boolean).join('; ');

interface RunningPod {
  process: string;
  port: number;
  adminPort: number;
  child: ChildProcess;
  lines: string[];
}

/** What the calls of a loop got: statuses, and errors where no answer came at all. */
interface Calls {
  statuses: number[];
  failures: string[];
  servedBy: string[];
}

describe.skipIf(missing !== '')(`the control plane driving real pods ${missing}`, () => {
  let runDir: string;
  let meshControl: Awaited<ReturnType<typeof buildMeshControl>>;
  let controlUrl: string;
  const pods = new Map<string, RunningPod>();

  /** A pod as the lab starts it: the launcher wrapping a service, with the env the overlay gives. */
  async function startPod(process: string, env: Record<string, string>): Promise<RunningPod> {
    const port = await freePort();
    const adminPort = await freePort();
    const child = spawn(
      globalThis.process.execPath,
      ['--import', 'tsx', POD, '--', 'node', '--import', 'tsx', FAKE_SERVICE],
      {
        cwd: REPO_ROOT,
        env: {
          ...globalThis.process.env,
          PORT: String(port),
          ADMIN_PORT: String(adminPort),
          MESH_CONTROL_URL: controlUrl,
          MESH_PROCESS: process,
          MESH_APP_HEALTH: '/ready',
          JOURNEY_RUN_DIR: runDir,
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const pod: RunningPod = { process, port, adminPort, child, lines: [] };
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => pod.lines.push(...chunk.toString().split('\n').filter(Boolean)));
    }
    pods.set(process, pod);
    return pod;
  }

  const health = (pod: RunningPod, path: string) =>
    eventually(
      async () => {
        if (pod.child.exitCode !== null) throw new Error(`${pod.process} exited:\n${pod.lines.join('\n')}`);
        const answer = await fetch(`http://127.0.0.1:${pod.adminPort}${path}`);
        expect(answer.status).toBe(200);
      },
      { timeoutMs: 90_000, maxIntervalMs: 250 },
    );

  const viaGateway = async (calls: Calls) => {
    try {
      const answer = await fetch(`http://127.0.0.1:${pods.get('gateway')!.port}/via/articles/articles`);
      const body = (await answer.json()) as { servedBy?: string };
      calls.statuses.push(answer.status);
      if (body.servedBy) calls.servedBy.push(body.servedBy);
    } catch (error) {
      calls.failures.push((error as Error).message);
    }
  };

  /** Calls the gateway one after another while `during` runs, then a few more on the same connections. */
  async function callsDuring<T>(during: () => Promise<T>): Promise<{ calls: Calls; result: T }> {
    const calls: Calls = { statuses: [], failures: [], servedBy: [] };
    let busy = true;
    const loop = (async () => {
      while (busy) await viaGateway(calls);
      for (let i = 0; i < 20; i++) await viaGateway(calls);
    })();
    try {
      return { calls, result: await during() };
    } finally {
      busy = false;
      await loop;
    }
  }

  const post = async <T>(path: string, body?: string) => {
    const answer = await fetch(new URL(path, controlUrl), {
      method: 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/yaml' }, body }),
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
    return (await answer.json()) as T;
  };

  const command = async (...args: string[]) => {
    const printed: string[] = [];
    const recorded: PatternCheckResult[] = [];
    const context: PatternCommandContext = {
      pattern: 'service-mesh',
      running: () => ({
        url: `http://127.0.0.1:${pods.get('gateway')!.port}`,
        processes: [
          { name: 'mesh-control', url: controlUrl },
          ...[...pods.values()].map((pod) => ({ name: pod.process, url: `http://127.0.0.1:${pod.port}` })),
        ],
      }),
      infrastructure: () => [],
      print: (line) => printed.push(line),
      progress: () => {},
      record: (result) => recorded.push(result),
    };
    return { code: await mesh(args, context), printed, recorded };
  };

  beforeAll(async () => {
    runDir = mkdtempSync(join(tmpdir(), 'mesh-integration-'));
    meshControl = await buildMeshControl(createLogger('mesh-control', 'warn'), {
      runDir,
      defaultPolicyFile: join(MESH_DIR, 'mesh-policy.yaml'),
    });
    controlUrl = await meshControl.app.listen({ port: 0, host: '127.0.0.1' });
    const articles = await startPod('articles', {
      MESH_SERVICE: 'articles',
      MESH_VERSION: 'v1',
      MESH_UPSTREAMS: '[]',
    });
    const canary = await startPod('articles-v2', {
      MESH_SERVICE: 'articles',
      MESH_VERSION: 'v2',
      MESH_UPSTREAMS: '[]',
    });
    await Promise.all([health(articles, '/ready'), health(canary, '/ready')]);
    const gateway = await startPod('gateway', {
      MESH_SERVICE: 'gateway',
      MESH_VERSION: 'v1',
      MESH_INGRESS: 'true',
      // The gateway's health path, as the overlay hands it (the services' is /ready).
      MESH_APP_HEALTH: '/health',
      MESH_UPSTREAMS: JSON.stringify([
        { service: 'articles', version: 'v1', process: 'articles' },
        { service: 'articles', version: 'v2', process: 'articles-v2' },
      ]),
      ARTICLES_URL: `http://127.0.0.1:${articles.port}`,
      ARTICLES_V2_URL: `http://127.0.0.1:${canary.port}`,
    });
    await health(gateway, '/health');
  }, 180_000);

  afterAll(async () => {
    await Promise.all(
      [...pods.values()].map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await meshControl?.close();
    // Every sidecar stopped with its pod: none is left running on this run's files.
    const left = (() => {
      try {
        return execFileSync('pgrep', ['-f', runDir], { encoding: 'utf8' });
      } catch {
        return '';
      }
    })();
    rmSync(runDir, { recursive: true, force: true });
    expect(left).toBe('');
  }, 60_000);

  it('when the pods have started, then a call through the ingress reaches articles v1 over mTLS', async () => {
    const calls: Calls = { statuses: [], failures: [], servedBy: [] };
    for (let i = 0; i < 10; i++) await viaGateway(calls);
    expect(calls).toEqual({
      statuses: Array(10).fill(200),
      failures: [],
      servedBy: Array(10).fill('articles v1'),
    });
  });

  it('when the canary split is applied while calls flow, then the gateway’s sidecar reloads, no call fails, and v2 gets calls', async () => {
    const { calls, result } = await callsDuring(() => post<PolicyApplied>('/policy', CANARY));
    expect(calls.failures).toEqual([]);
    expect(calls.statuses.filter((status) => status !== 200)).toEqual([]);
    expect(result.pods.find((pod) => pod.process === 'gateway')).toEqual({
      process: 'gateway',
      changes: ['calls to articles: v1 100 → 90, v2 0 → 10'],
      reloaded: true,
    });
    expect(result.pods.filter((pod) => pod.process !== 'gateway').map((pod) => pod.reloaded)).toEqual([
      null,
      null,
    ]);
    // One call in ten on average: within a few hundred, some reach v2.
    const after: Calls = { statuses: [], failures: [], servedBy: [] };
    for (let i = 0; i < 500 && !after.servedBy.includes('articles v2'); i++) await viaGateway(after);
    expect(after.servedBy).toContain('articles v2');
    expect(after.statuses.filter((status) => status !== 200)).toEqual([]);
  });

  it('when the certificates are rotated while calls flow, then no call fails and every pod has a new certificate in use', async () => {
    const serial = (process: string) =>
      new X509Certificate(readFileSync(join(runDir, 'mesh/pods', process, 'cert.pem'))).serialNumber;
    const before = new Map([...pods.keys()].map((process) => [process, serial(process)]));
    const { calls, result } = await callsDuring(() => post<{ pods: CertificateRotated[] }>('/rotate'));
    expect(calls.failures).toEqual([]);
    expect(calls.statuses.filter((status) => status !== 200)).toEqual([]);
    expect(result.pods.map((pod) => [pod.process, pod.pushed]).sort()).toEqual([
      ['articles', true],
      ['articles-v2', true],
      ['gateway', true],
    ]);
    for (const process of pods.keys()) expect(serial(process), process).not.toBe(before.get(process));
    // New handshakes present the new certificates: calls keep succeeding on fresh connections.
    const fresh = await fetch(`http://127.0.0.1:${pods.get('gateway')!.port}/via/articles/articles`, {
      headers: { connection: 'close' },
    });
    expect(fresh.status).toBe(200);
  });

  it('when calls have crossed the mesh, then /traffic reports each edge and what each sidecar costs', async () => {
    const report = await eventually(
      async () => {
        const traffic = (await (await fetch(new URL('/traffic', controlUrl))).json()) as TrafficReport;
        const edges = traffic.edges.map((edge) => `${edge.from}→${edge.to}`);
        expect(edges).toEqual(
          expect.arrayContaining(['client→gateway', 'gateway→articles', 'gateway→articles-v2']),
        );
        return traffic;
      },
      { timeoutMs: 30_000, maxIntervalMs: 250 },
    );
    const toArticles = report.edges.find((edge) => edge.from === 'gateway' && edge.to === 'articles');
    expect(toArticles?.total).toBeGreaterThan(10);
    expect(toArticles?.errorRate).toBe(0);
    expect(toArticles?.p50Ms).not.toBeNull();
    for (const proxy of report.proxies) {
      expect(proxy.rssBytes, proxy.process).toBeGreaterThan(0);
      expect(proxy.cpuSeconds, proxy.process).not.toBeNull();
    }
    expect(report.proxies.map((proxy) => proxy.process).sort()).toEqual([
      'articles',
      'articles-v2',
      'gateway',
    ]);
  });

  it('when journey mesh verify-mtls runs, then every internal pod passes its four checks and the check is recorded', async () => {
    const run = await command('verify-mtls');
    expect(run.code, run.printed.join('\n')).toBe(0);
    expect(run.printed.filter((line) => line.startsWith('✓'))).toHaveLength(8);
    expect(run.recorded).toEqual([expect.objectContaining({ positionals: ['verify-mtls'], passed: true })]);
  });

  it('when journey mesh status and apply run, then they print the pods and what the policy changed', async () => {
    const status = await command('status');
    expect(status.code).toBe(0);
    expect(status.printed.join('\n')).toMatch(/gateway\s+gateway v1 \(ingress\)/);
    const policyFile = join(runDir, 'default.yaml');
    writeFileSync(policyFile, readFileSync(join(MESH_DIR, 'mesh-policy.yaml')));
    const apply = await command('apply', policyFile);
    expect(apply.code, apply.printed.join('\n')).toBe(0);
    expect(apply.printed).toContain('  gateway: reloaded without dropping a call');
    expect(apply.printed).toContain('      calls to articles: v1 90 → 100, v2 10 → 0');
  });
});
