import { X509Certificate } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@journey/conformance/eventually';
import { createLogger } from '@journey/platform';
import { installedProgram } from '@journey/testkit';
import type { TrafficReport } from '@journey/topology';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildMeshControl } from '../../control-plane/src/app.js';
import type { PolicyApplied } from '../../control-plane/src/mesh-control.js';
import type { MeshStatus } from '../../control-plane/src/mesh-status.js';
import type { PodConfigured, PodRegistration } from '../../control-plane/src/pod-registration.js';

const MESH_DIR = join(import.meta.dirname, '../..');
const DEFAULT_POLICY = join(MESH_DIR, 'mesh-policy.yaml');
const CANARY = readFileSync(join(MESH_DIR, 'policies/canary-10.yaml'), 'utf8');

const haproxy = await installedProgram('HAProxy', 'haproxy', 'apt-get install haproxy');
const openssl = await installedProgram('OpenSSL', 'openssl', 'apt-get install openssl');
const missing = [haproxy.reason, openssl.reason].filter(Boolean).join('; ');

const identity: PodRegistration = {
  process: 'identity',
  service: 'identity',
  version: 'v1',
  ingress: false,
  inboundPort: 41001,
  adminPort: 41002,
  app: { port: 41003, healthPath: '/ready' },
  upstreams: [],
  outboundPorts: {},
};

const gateway: PodRegistration = {
  process: 'gateway',
  service: 'gateway',
  version: 'v1',
  ingress: true,
  inboundPort: 42001,
  adminPort: 42002,
  app: { port: 42003, healthPath: '/health' },
  upstreams: [
    { service: 'identity', version: 'v1', process: 'identity', host: '127.0.0.1', port: 41001 },
    { service: 'articles', version: 'v1', process: 'articles', host: '127.0.0.1', port: 43001 },
    { service: 'articles', version: 'v2', process: 'articles-v2', host: '127.0.0.1', port: 44001 },
  ],
  outboundPorts: { identity: 42010, articles: 42011 },
};

type MeshControlApp = Awaited<ReturnType<typeof buildMeshControl>>;

describe.skipIf(missing !== '')(`mesh-control's HTTP API, in-process ${missing}`, () => {
  let runDir: string;
  let meshControl: MeshControlApp;
  const log = createLogger('mesh-control-test', 'silent');
  const start = () => buildMeshControl(log, { runDir, defaultPolicyFile: DEFAULT_POLICY });
  const podFile = (process: string, file: string) => join(runDir, 'mesh', 'pods', process, file);

  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, contentType?: string) => {
    const response = await meshControl.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as string }),
      ...(contentType ? { headers: { 'content-type': contentType } } : {}),
    });
    return { status: response.statusCode, body: response.body, json: () => response.json() };
  };
  const register = (pod: unknown) => call('POST', '/pods', pod as object);
  const applyPolicy = (yaml: string) => call('POST', '/policy', yaml, 'application/yaml');

  beforeAll(async () => {
    runDir = mkdtempSync(join(tmpdir(), 'mesh-control-'));
    meshControl = await start();
  });
  afterAll(async () => {
    await meshControl?.close();
    rmSync(runDir, { recursive: true, force: true });
  });
  // Whatever a test sends, mesh-control never answers it with a 500.
  afterEach(async () => expect((await call('GET', '/health')).status).toBe(200));

  it('when a pod registers, then it gets a certificate for its identity and a configuration HAProxy accepts', async () => {
    const answer = await register(identity);
    expect(answer.status).toBe(200);
    const configured = answer.json() as PodConfigured;
    expect(configured).toEqual({
      configFile: podFile('identity', 'haproxy.cfg'),
      masterSocket: podFile('identity', 'master.sock'),
      runtimeSocket: podFile('identity', 'runtime.sock'),
    });
    expect(readFileSync(configured.configFile, 'utf8')).toContain('bind 127.0.0.1:41001');
    const certificate = new X509Certificate(readFileSync(podFile('identity', 'cert.pem')));
    expect(certificate.subjectAltName).toContain('URI:spiffe://conduit.journey/ns/lab/sa/identity');
    expect(certificate.checkIssued(new X509Certificate(readFileSync(join(runDir, 'mesh/ca/ca.pem'))))).toBe(
      true,
    );
    expect((await register(gateway)).status).toBe(200);
    const registry = JSON.parse(readFileSync(join(runDir, 'mesh/registry.json'), 'utf8'));
    expect(registry.pods.map((pod: { registration: PodRegistration }) => pod.registration.process)).toEqual([
      'identity',
      'gateway',
    ]);
  });

  it('when a pod registers again (a restart), then it gets a fresh certificate', async () => {
    const before = new X509Certificate(readFileSync(podFile('identity', 'cert.pem'))).serialNumber;
    expect((await register(identity)).status).toBe(200);
    expect(new X509Certificate(readFileSync(podFile('identity', 'cert.pem'))).serialNumber).not.toBe(before);
  });

  it('when a registration is malformed, then it is a 400 naming what is wrong', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...identity, inboundPort: 70_000 }, /inboundPort/],
      [{ ...identity, process: '../../etc' }, /process/],
      [{ ...identity, app: { port: 41003, healthPath: '/ready\nbind :80' } }, /healthPath/],
      [{ ...identity, extra: true }, /additional properties/],
      [{ process: 'identity' }, /required/],
      [{ ...gateway, outboundPorts: { identity: 42010 } }, /no port for articles/],
      [{ ...identity, adminPort: identity.inboundPort }, /41001 used twice/],
    ];
    for (const [body, problem] of cases) {
      const answer = await register(body);
      expect(answer.status, answer.body).toBe(400);
      expect(JSON.stringify(answer.json().errors)).toMatch(problem);
    }
    expect((await call('POST', '/pods', '{"process":', 'application/json')).status).toBe(400);
    expect((await call('POST', '/pods', 'process: identity', 'application/yaml')).status).toBe(400);
  });

  it('when a registration is larger than any real one, then it is a 413', async () => {
    const huge = { ...identity, upstreams: [], padding: 'x'.repeat(20_000) };
    expect((await register(huge)).status).toBe(413);
  });

  it('when a pod claims an identity the topology does not give it, then it is a 403', async () => {
    const impostor = await register({ ...identity, process: 'comments' });
    expect(impostor.status).toBe(403);
    expect(impostor.json().errors.registration[0]).toMatch(/comments runs comments v1, not identity v1/);
    const stranger = await register({ ...identity, process: 'payments' });
    expect(stranger.status).toBe(403);
    expect(stranger.json().errors.registration[0]).toMatch(/declares no pod payments/);
    expect(existsSync(podFile('comments', 'cert.pem'))).toBe(false);
  });

  it('when the policy is read, then it is the default YAML', async () => {
    const answer = await call('GET', '/policy');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(readFileSync(DEFAULT_POLICY, 'utf8'));
  });

  it('when an invalid policy is posted, then it is a 422 listing every problem, and nothing changes', async () => {
    const answer = await applyPolicy(
      'trustDomain: conduit.journey\ncertificateTtl: 2 days\nservices: { payments: {} }\n',
    );
    expect(answer.status).toBe(422);
    expect(answer.json()).toEqual({
      errors: {
        policy: [
          'certificateTtl: must be a duration like 250ms, 2s, 1m or 24h, got "2 days"',
          'services.payments: no such service in the mesh (identity, profiles, articles, comments, gateway)',
        ],
      },
    });
    expect((await call('GET', '/policy')).body).toBe(readFileSync(DEFAULT_POLICY, 'utf8'));
    expect((await applyPolicy('')).status).toBe(422);
  });

  it('when a policy moves the trust domain, then it is a 422: the running mesh’s identities would all change', async () => {
    const answer = await applyPolicy(CANARY.replace('conduit.journey', 'elsewhere.example'));
    expect(answer.status).toBe(422);
    expect(answer.json().errors.policy[0]).toMatch(/a running mesh cannot move/);
  });

  it('when a policy is too large or not YAML text, then it is a 413 or a 415', async () => {
    expect((await applyPolicy(`# ${'x'.repeat(70_000)}\n${CANARY}`)).status).toBe(413);
    const json = await call(
      'POST',
      '/policy',
      JSON.stringify({ trustDomain: 'conduit.journey' }),
      'application/json',
    );
    expect(json.status).toBe(415);
    expect((await call('POST', '/policy', 'x', 'image/png')).status).toBe(415);
  });

  it('when a valid policy is applied, then only the pods it changes get a new configuration, and it is kept', async () => {
    const before = readFileSync(podFile('identity', 'haproxy.cfg'), 'utf8');
    const answer = await applyPolicy(CANARY);
    expect(answer.status, answer.body).toBe(200);
    const applied = answer.json() as PolicyApplied;
    const gatewayChange = applied.pods.find((pod) => pod.process === 'gateway');
    expect(gatewayChange?.changes).toEqual(['calls to articles: v1 100 → 90, v2 0 → 10']);
    // No sidecar runs in this test: the new file is written for it, and the answer says it did not reload.
    expect(gatewayChange?.reloaded).toBe(false);
    expect(applied.pods.find((pod) => pod.process === 'identity')).toEqual({
      process: 'identity',
      changes: [],
      reloaded: null,
    });
    expect(readFileSync(podFile('identity', 'haproxy.cfg'), 'utf8')).toBe(before);
    expect(readFileSync(podFile('gateway', 'haproxy.cfg'), 'utf8')).toMatch(
      /server articles-v2 .* weight 10/,
    );
    expect(readFileSync(join(runDir, 'mesh/policy.yaml'), 'utf8')).toBe(CANARY);
    expect((await call('GET', '/policy')).body).toBe(CANARY);
  });

  it('when the status is read, then each pod shows its registration, identity, certificate and generation', async () => {
    const status = (await call('GET', '/status')).json() as MeshStatus;
    expect(status.policy.services.articles?.split).toEqual({ v1: 90, v2: 10 });
    expect(status.policy.services.identity?.callers).toEqual(['gateway', 'profiles']);
    const pod = status.pods.find((candidate) => candidate.process === 'gateway');
    expect(pod).toMatchObject({
      service: 'gateway',
      ingress: true,
      inboundPort: 42001,
      outboundPorts: { identity: 42010, articles: 42011 },
      identity: 'spiffe://conduit.journey/ns/lab/sa/gateway',
      certificateFile: podFile('gateway', 'cert.pem'),
      generation: status.generation,
      workers: null,
    });
    expect(status.pods.find((candidate) => candidate.process === 'identity')?.generation).toBeLessThan(
      status.generation,
    );
  });

  it('when certificates are rotated, then every pod gets a new one on disk, and the answer says no sidecar took it', async () => {
    const before = new X509Certificate(readFileSync(podFile('gateway', 'cert.pem'))).serialNumber;
    const answer = await call('POST', '/rotate');
    expect(answer.status).toBe(200);
    const { pods } = answer.json() as { pods: { process: string; pushed: boolean }[] };
    expect(pods.map((pod) => [pod.process, pod.pushed])).toEqual([
      ['identity', false],
      ['gateway', false],
    ]);
    expect(new X509Certificate(readFileSync(podFile('gateway', 'cert.pem'))).serialNumber).not.toBe(before);
  });

  it('when a sidecar sends an access-log line, then the traffic report counts the edge, and only edges between the mesh’s pods', async () => {
    const socket = createSocket('udp4');
    const line = (from: string, to: string) =>
      `<134>Dec  7 01:22:45 mesh-access[8110]: from=${from} to=${to} service=identity status=200 total_ms=3 retries=1 method=GET`;
    // Any local process may write to the UDP port: names no pod has would be edges of nothing, each
    // kept in memory for as long as mesh-control runs.
    for (const [from, to] of [
      ['stranger', 'identity'],
      ['gateway', 'nowhere-1'],
      ['gateway', 'nowhere-2'],
      ['client', 'gateway'],
      ['gateway', 'identity'],
    ] as const) {
      await new Promise<void>((resolve, reject) =>
        socket.send(line(from, to), meshControl.accessLog.port, meshControl.accessLog.host, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    }
    socket.close();
    const report = await eventually(async () => {
      const traffic = (await call('GET', '/traffic')).json() as TrafficReport;
      expect(traffic.edges.map((edge) => `${edge.from}→${edge.to}`)).toContain('gateway→identity');
      return traffic;
    });
    expect(report.edges.map((edge) => `${edge.from}→${edge.to}`).sort()).toEqual([
      'client→gateway',
      'gateway→identity',
    ]);
    expect(report.edges.find((edge) => edge.from === 'gateway')).toMatchObject({
      from: 'gateway',
      to: 'identity',
      total: 1,
      errorRate: 0.5,
      p50Ms: 3,
    });
    expect(report.proxies.map((proxy) => [proxy.process, proxy.rssBytes])).toEqual([
      ['identity', null],
      ['gateway', null],
    ]);
  });

  it('when a route does not exist, then it is a 404 in the lab’s error shape', async () => {
    const answer = await call('GET', '/nowhere');
    expect(answer.status).toBe(404);
    expect(answer.json().errors.route[0]).toBe('GET /nowhere does not exist');
  });

  it('when mesh-control restarts on the same run, then it keeps its CA, its policy, its pods and its access-log port', async () => {
    const ca = readFileSync(join(runDir, 'mesh/ca/ca.pem'), 'utf8');
    const accessLogPort = meshControl.accessLog.port;
    await meshControl.close();
    meshControl = await start();
    expect(readFileSync(join(runDir, 'mesh/ca/ca.pem'), 'utf8')).toBe(ca);
    expect((await call('GET', '/policy')).body).toBe(CANARY);
    const status = (await call('GET', '/status')).json() as MeshStatus;
    expect(status.pods.map((pod) => pod.process)).toEqual(['identity', 'gateway']);
    expect(meshControl.accessLog.port).toBe(accessLogPort);
  });
});
