import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { access, chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spiffeId } from '../../policy/src/mesh-policy.js';

const run = promisify(execFile);

/** A workload certificate as HAProxy's `crt` wants it: the certificate, then its key, in one PEM. */
export interface IssuedCertificate {
  pem: string;
  notAfter: Date;
  /** The SPIFFE ID its URI SAN carries. */
  identity: string;
}

/**
 * pattern: the mesh's own certificate authority, as istiod's (Citadel) is: every workload proves who
 * it is with a short-lived certificate from it, and peers trust no other issuer.
 */
export interface CertificateAuthority {
  /** The CA's certificate: the trust bundle every sidecar verifies its peers against. */
  certificateFile: string;
  issue(service: string, ttlMs: number): Promise<IssuedCertificate>;
}

const CA_VALIDITY_DAYS = 365;
/** Issued certificates start a minute early, so a peer whose clock lags a little still accepts them. */
const CLOCK_SKEW_MS = 60_000;
/** The name goes into a certificate subject and an openssl config: nothing but a DNS label. */
const SERVICE_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export class CertificateAuthorityError extends Error {
  override name = 'CertificateAuthorityError';
}

/**
 * Opens the CA kept in `dir` (`ca.pem`, `ca.key`), creating it on first use: a restarted control plane
 * keeps its CA, so the certificates its sidecars already hold stay trusted.
 */
export async function openCertificateAuthority(
  dir: string,
  trustDomain: string,
): Promise<CertificateAuthority> {
  const certificateFile = join(dir, 'ca.pem');
  const keyFile = join(dir, 'ca.key');
  await mkdir(dir, { recursive: true });
  if (!((await exists(certificateFile)) && (await exists(keyFile)))) {
    await createCa(trustDomain, certificateFile, keyFile);
  }
  return {
    certificateFile,
    issue: (service, ttlMs) => issue({ dir, trustDomain, certificateFile, keyFile }, service, ttlMs),
  };
}

async function createCa(trustDomain: string, certificateFile: string, keyFile: string) {
  // Written under temporary names and renamed, certificate last: a crash halfway leaves no CA
  // rather than a certificate without its key.
  const pendingKey = `${keyFile}.new`;
  const pendingCertificate = `${certificateFile}.new`;
  await generateKey(pendingKey);
  await openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    pendingKey,
    '-sha256',
    '-days',
    String(CA_VALIDITY_DAYS),
    '-subj',
    `/O=${trustDomain}/CN=${trustDomain} mesh CA`,
    '-addext',
    'basicConstraints=critical,CA:TRUE,pathlen:0',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-addext',
    `subjectAltName=URI:spiffe://${trustDomain}`,
    '-out',
    pendingCertificate,
  ]);
  await rename(pendingKey, keyFile);
  await rename(pendingCertificate, certificateFile);
}

interface CaFiles {
  dir: string;
  trustDomain: string;
  certificateFile: string;
  keyFile: string;
}

async function issue(ca: CaFiles, service: string, ttlMs: number): Promise<IssuedCertificate> {
  if (!SERVICE_NAME.test(service)) {
    throw new CertificateAuthorityError(`cannot issue a certificate to "${service}": not a DNS label`);
  }
  if (!(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new CertificateAuthorityError(`cannot issue a certificate to ${service} for ${ttlMs} ms`);
  }
  const identity = spiffeId(ca.trustDomain, service);
  // A scratch directory per certificate: `openssl ca` wants a database file, and concurrent issues
  // must not share one.
  const scratch = await mkdtemp(join(ca.dir, `issue-${service}-`));
  try {
    const key = join(scratch, 'workload.key');
    const request = join(scratch, 'workload.csr');
    const certificate = join(scratch, 'workload.pem');
    const config = join(scratch, 'ca.cnf');
    await writeFile(join(scratch, 'index.txt'), '');
    await writeFile(config, signingConfig(ca, scratch, service, identity), { mode: 0o600 });
    await generateKey(key);
    await openssl(['req', '-new', '-key', key, '-subj', `/CN=${service}`, '-out', request]);
    const now = Date.now();
    await openssl([
      'ca',
      '-batch',
      '-config',
      config,
      '-in',
      request,
      '-out',
      certificate,
      '-notext',
      '-rand_serial',
      '-startdate',
      asn1Time(new Date(now - CLOCK_SKEW_MS)),
      '-enddate',
      asn1Time(new Date(now + ttlMs)),
    ]);
    const certificatePem = await readFile(certificate, 'utf8');
    const keyPem = await readFile(key, 'utf8');
    return {
      pem: certificatePem + keyPem,
      notAfter: new Date(new X509Certificate(certificatePem).validTo),
      identity,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The minimal `openssl ca` configuration: which CA signs, and the workload extensions it adds. */
function signingConfig(ca: CaFiles, scratch: string, service: string, identity: string): string {
  return `[ca]
default_ca = mesh

[mesh]
database = ${join(scratch, 'index.txt')}
new_certs_dir = ${scratch}
# -rand_serial draws each serial at random, but openssl ca still wants this setting.
serial = ${join(scratch, 'serial')}
certificate = ${ca.certificateFile}
private_key = ${ca.keyFile}
default_md = sha256
policy = any_subject
x509_extensions = workload
unique_subject = no

[any_subject]
commonName = supplied

[workload]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
# Every sidecar both serves (inbound) and calls (outbound) with the same identity.
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = URI:${identity},DNS:${service}
authorityKeyIdentifier = keyid
subjectKeyIdentifier = hash
`;
}

/** GeneralizedTime as `openssl ca -startdate/-enddate` reads it: YYYYMMDDHHMMSSZ. */
const asn1Time = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** ECDSA P-256: what Istio's workload certificates use, and quick to make. Private to this user. */
async function generateKey(file: string) {
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
  await chmod(file, 0o600);
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new CertificateAuthorityError(`openssl ${args[0]} failed: ${stderr || (error as Error).message}`, {
      cause: error,
    });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
