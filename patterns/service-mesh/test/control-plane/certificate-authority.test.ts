import { execFile } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installedProgram } from '@journey/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CertificateAuthority,
  openCertificateAuthority,
} from '../../control-plane/src/certificate-authority.js';

const run = promisify(execFile);
const openssl = await installedProgram('OpenSSL', 'openssl', 'apt-get install openssl');
const DAY = 24 * 3600 * 1000;

describe.skipIf(!openssl.available)(`the mesh certificate authority ${openssl.reason}`, () => {
  let dir: string;
  let ca: CertificateAuthority;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mesh-ca-'));
    ca = await openCertificateAuthority(join(dir, 'ca'), 'conduit.journey');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function issuedTo(service: string) {
    const issued = await ca.issue(service, DAY);
    const file = join(dir, `${service}.pem`);
    await writeFile(file, issued.pem);
    return { issued, file, certificate: new X509Certificate(issued.pem) };
  }

  it('when it issues a workload certificate, then openssl verifies it against the CA for client and server use', async () => {
    const { file } = await issuedTo('articles');
    for (const purpose of ['sslclient', 'sslserver']) {
      const { stdout } = await run('openssl', [
        'verify',
        '-purpose',
        purpose,
        '-CAfile',
        ca.certificateFile,
        file,
      ]);
      expect(stdout).toContain(': OK');
    }
  });

  it('when it issues a workload certificate, then it names the service and its SPIFFE identity', async () => {
    const { issued, certificate } = await issuedTo('comments');
    expect(issued.identity).toBe('spiffe://conduit.journey/ns/lab/sa/comments');
    expect(certificate.subject).toBe('CN=comments');
    expect(certificate.subjectAltName).toContain('URI:spiffe://conduit.journey/ns/lab/sa/comments');
    expect(certificate.subjectAltName).toContain('DNS:comments');
    expect(certificate.checkIssued(new X509Certificate(await readFile(ca.certificateFile)))).toBe(true);
  });

  it('when it issues, then the PEM holds the certificate and then its matching key', async () => {
    const { issued, certificate } = await issuedTo('profiles');
    expect(issued.pem.indexOf('BEGIN CERTIFICATE')).toBeLessThan(issued.pem.indexOf('PRIVATE KEY'));
    const key = issued.pem.slice(issued.pem.indexOf('-----BEGIN PRIVATE KEY'));
    expect(certificate.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });

  it('when asked for a TTL shorter than a day, then the certificate expires that soon, not at a day boundary', async () => {
    const before = Date.now();
    const issued = await ca.issue('gateway', 10 * 60_000);
    expect(issued.notAfter.getTime()).toBeGreaterThan(before);
    expect(issued.notAfter.getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60_000 + 1_000);
  });

  it('when it is reopened (a restarted control plane), then it keeps its CA and what it issued stays trusted', async () => {
    const { file } = await issuedTo('identity');
    const before = await readFile(ca.certificateFile, 'utf8');
    const reopened = await openCertificateAuthority(join(dir, 'ca'), 'conduit.journey');
    expect(await readFile(reopened.certificateFile, 'utf8')).toBe(before);
    await expect(
      run('openssl', ['verify', '-CAfile', reopened.certificateFile, file]),
    ).resolves.toBeDefined();
  });

  it('when another CA issued a certificate, then it does not verify against this one', async () => {
    const foreign = await openCertificateAuthority(join(dir, 'foreign'), 'conduit.journey');
    const file = join(dir, 'foreign.pem');
    await writeFile(file, (await foreign.issue('articles', DAY)).pem);
    await expect(run('openssl', ['verify', '-CAfile', ca.certificateFile, file])).rejects.toThrow();
  });

  it('when the service name is not a DNS label, then it refuses to issue', async () => {
    await expect(ca.issue('articles/CN=gateway', DAY)).rejects.toThrow(/not a DNS label/);
    await expect(ca.issue('', DAY)).rejects.toThrow(/not a DNS label/);
  });
});
