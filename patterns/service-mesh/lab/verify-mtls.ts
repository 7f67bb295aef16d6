import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCertificateAuthority } from '../control-plane/src/certificate-authority.js';
import type { MeshStatus, PodStatus } from '../control-plane/src/mesh-status.js';

export interface MtlsCheck {
  process: string;
  check: string;
  passed: boolean;
  /** What happened: `refused (socket hang up)`, `answered 200`. */
  outcome: string;
}

const CALL_TIMEOUT_MS = 10_000;

/** The status of one call, or an error when no HTTP answer came: what a refusal looks like to a client. */
function answerOf(secure: boolean, options: https.RequestOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      { ...options, agent: false, timeout: CALL_TIMEOUT_MS },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${CALL_TIMEOUT_MS / 1_000} s`)));
    request.on('error', reject);
    request.end();
  });
}

/** A check that passes when the pod gives no HTTP answer at all. */
async function refused(process: string, check: string, call: Promise<number>): Promise<MtlsCheck> {
  try {
    const status = await call;
    return { process, check, passed: false, outcome: `answered ${status}: the sidecar let it through` };
  } catch (error) {
    return { process, check, passed: true, outcome: `refused (${refusal(error as Error)})` };
  }
}

/** OpenSSL's message is a multi-line dump; the alert the sidecar sent (`unknown ca`) is the part that teaches. */
const refusal = (error: Error) =>
  /alert ([a-z ]+?)(?::|$)/m.exec(error.message)?.[1] ?? error.message.split('\n')[0]!;

/**
 * pattern: mutual TLS proven from outside, as a learner would attack it. For every pod but the
 * ingress: plaintext is refused, TLS without a client certificate is refused, a certificate from
 * another CA (even naming a service the policy allows) is refused, and, so the refusals are not just
 * a dead port, a certificate of the mesh that the policy allows gets an answer.
 */
export async function verifyMtls(status: MeshStatus): Promise<MtlsCheck[]> {
  const caPem = await readFile(status.caFile, 'utf8');
  const scratch = await mkdtemp(join(tmpdir(), 'mesh-verify-'));
  try {
    const foreignCa = await openCertificateAuthority(scratch, status.policy.trustDomain);
    const checks: MtlsCheck[] = [];
    for (const pod of status.pods.filter((candidate) => !candidate.ingress)) {
      const caller = allowedCaller(status, pod);
      const impostorPem = (await foreignCa.issue(caller?.service ?? 'gateway', 3_600_000)).pem;
      const target = { host: '127.0.0.1', port: pod.inboundPort, path: pod.app.healthPath };
      const tls = { ...target, ca: caPem, servername: pod.service };
      checks.push(await refused(pod.process, 'plaintext HTTP', answerOf(false, target)));
      checks.push(await refused(pod.process, 'TLS without a client certificate', answerOf(true, tls)));
      checks.push(
        await refused(
          pod.process,
          `${caller?.service ?? 'gateway'}'s name on a certificate from another CA`,
          answerOf(true, { ...tls, cert: impostorPem, key: impostorPem }),
        ),
      );
      checks.push(await positiveControl(pod, caller, tls));
    }
    return checks;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function positiveControl(
  pod: PodStatus,
  caller: PodStatus | undefined,
  tls: https.RequestOptions,
): Promise<MtlsCheck> {
  if (caller === undefined) {
    return {
      process: pod.process,
      check: 'an allowed mesh identity',
      passed: false,
      outcome: 'no registered pod may call it',
    };
  }
  const check = `${caller.service}'s mesh certificate (allowed)`;
  try {
    const identityPem = await readFile(caller.certificateFile, 'utf8');
    const status = await answerOf(true, { ...tls, cert: identityPem, key: identityPem });
    // Any answer but the sidecar's 403 shows the handshake and the authorization let it through.
    return { process: pod.process, check, passed: status !== 403, outcome: `answered ${status}` };
  } catch (error) {
    return { process: pod.process, check, passed: false, outcome: `no answer (${(error as Error).message})` };
  }
}

/** A registered pod whose identity the policy lets call `pod`'s service (the gateway when any may). */
function allowedCaller(status: MeshStatus, pod: PodStatus): PodStatus | undefined {
  const callers = status.policy.services[pod.service]?.callers ?? 'any';
  const services = callers === 'any' || callers.includes('*') ? ['gateway'] : callers;
  const candidates = status.pods.filter((candidate) => services.includes(candidate.service));
  return candidates.find((candidate) => candidate.version === 'v1') ?? candidates[0];
}
