import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCertificateAuthority } from '../../control-plane/src/certificate-authority.js';
import { parsePolicy } from '../../policy/src/parse-policy.js';
import { meshPrograms } from '../topology/mesh-programs.js';
import { callPod, type MeshClientOptions, presentedSerial, serialOfFile } from './support/mesh-tls.js';
import { MeshUnderTest } from './support/mesh-under-test.js';
import { defaultPolicy } from './support/policy-variants.js';

/** The pods only other pods may call: every one but the gateway, whose sidecar is the public ingress. */
const INTERNAL_PODS = ['identity', 'profiles', 'articles', 'articles-v2', 'comments'];
/** A route of identity's that answers 200 to any caller allowed through: a batch lookup finding nobody. */
const IDENTITY_LOOKUP = '/users?usernames=nobody';

const programs = await meshPrograms();

describe.skipIf(!programs.available)(
  `service-mesh security: mTLS, authorization, certificate rotation${programs.reason ? ` (${programs.reason})` : ''}`,
  () => {
    let mesh: MeshUnderTest;
    const trustDomain = parsePolicy(defaultPolicy()).trustDomain;
    /** How a workload holding `process`'s certificate would call `service`'s pod. */
    const as = (process: string, service: string): MeshClientOptions => ({
      identityPem: readFileSync(mesh.podFile(process, 'cert.pem'), 'utf8'),
      caPem: mesh.caCertificate(),
      expectService: service,
      trustDomain,
    });

    beforeAll(async () => {
      mesh = await MeshUnderTest.start();
      // An article, so a list read composes its author: gateway → articles, gateway → profiles → identity.
      await mesh.publishArticle('security');
    }, 300_000);
    afterAll(() => mesh?.stop());

    it("when the gateway's certificate calls an internal pod, then it is answered: the pods are up and speak mTLS", async () => {
      for (const pod of INTERNAL_PODS) {
        expect(
          (await callPod(mesh.urlOf(pod), '/health', as('gateway', mesh.serviceOf(pod)))).status,
          pod,
        ).toBe(200);
      }
    });

    it('when a caller speaks plaintext HTTP to an internal pod, then no pod answers it', async () => {
      for (const pod of INTERNAL_PODS) {
        await expect(fetch(`${mesh.urlOf(pod)}/health`), pod).rejects.toThrow();
      }
    });

    it('when a caller offers TLS without a client certificate, or one from another CA, then the pod refuses it', async () => {
      const scratch = mkdtempSync(join(tmpdir(), 'mesh-foreign-ca-'));
      try {
        // The same trust domain and the gateway's own name: only the issuer differs.
        const foreign = await openCertificateAuthority(scratch, trustDomain);
        const impostor = (await foreign.issue('gateway', 3_600_000)).pem;
        for (const pod of INTERNAL_PODS) {
          const caller = { caPem: mesh.caCertificate(), expectService: mesh.serviceOf(pod), trustDomain };
          await expect(
            callPod(mesh.urlOf(pod), '/health', caller),
            `${pod}, no certificate`,
          ).rejects.toThrow();
          await expect(
            callPod(mesh.urlOf(pod), '/health', { ...caller, identityPem: impostor }),
            `${pod}, a foreign CA's certificate`,
          ).rejects.toThrow();
        }
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });

    it('when journey mesh verify-mtls runs, then it passes and records the check', async () => {
      const run = await mesh.command('verify-mtls');
      expect(run.code, run.printed.join('\n')).toBe(0);
      expect(run.recorded).toEqual([expect.objectContaining({ positionals: ['verify-mtls'], passed: true })]);
    });

    it("when comments' certificate calls identity, then identity's sidecar answers 403 in JSON; the gateway's is let through", async () => {
      const denied = await callPod(mesh.urlOf('identity'), IDENTITY_LOOKUP, as('comments', 'identity'));
      expect(denied.status).toBe(403);
      expect(denied.contentType).toContain('application/json');
      expect(() => JSON.parse(denied.body)).not.toThrow();

      const allowed = await callPod(mesh.urlOf('identity'), IDENTITY_LOOKUP, as('gateway', 'identity'));
      expect(allowed.status).toBe(200);
      expect(JSON.parse(allowed.body)).toEqual({ users: [] });
    });

    it('when the certificates are rotated while clients keep calling, then no call fails and every sidecar presents its new certificate', async () => {
      const pods = [...INTERNAL_PODS];
      const before = new Map(pods.map((pod) => [pod, serialOfFile(mesh.podFile(pod, 'cert.pem'))]));
      // Reads through the whole mesh: the gateway calls articles and profiles, profiles calls identity.
      let rotating = true;
      const statuses: number[] = [];
      const failures: string[] = [];
      const read = async () => {
        const reply = await mesh.api.listArticles({ limit: 5 }).catch((error: Error) => error);
        if (reply instanceof Error) failures.push(reply.message);
        else statuses.push(reply.status);
      };
      let duringRotation = 0;
      const loop = (async () => {
        while (rotating) {
          await read();
          duringRotation++;
        }
        // A few calls after it too, on connections and TLS sessions opened before it.
        for (let i = 0; i < 20; i++) await read();
      })();
      try {
        const run = await mesh.command('rotate');
        expect(run.code, run.printed.join('\n')).toBe(0);
      } finally {
        rotating = false;
        await loop;
      }
      expect(failures).toEqual([]);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      // Issuing six certificates with openssl outlasts many reads: the rotation happened under traffic.
      expect(duringRotation).toBeGreaterThan(0);

      for (const pod of pods) {
        const issued = serialOfFile(mesh.podFile(pod, 'cert.pem'));
        expect(issued, `${pod} got no new certificate`).not.toBe(before.get(pod));
        expect(await presentedSerial(mesh.urlOf(pod), as('gateway', mesh.serviceOf(pod))), pod).toBe(issued);
      }
    });
  },
);
