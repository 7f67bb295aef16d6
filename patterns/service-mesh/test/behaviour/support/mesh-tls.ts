import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { Agent } from 'undici';
import { spiffeId } from '../../../policy/src/mesh-policy.js';

/** What a call over mTLS to a pod's port came back with. */
export interface MeshAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A pod's inbound as a TLS origin: the lab hands its address as http://, but it speaks only mTLS. */
const tlsOrigin = (podUrl: string) => podUrl.replace(/^http:/, 'https:');

export interface MeshClientOptions {
  /** The client's certificate and key in one PEM (a workload's `cert.pem`); none: no client certificate. */
  identityPem?: string;
  /** The CA the client checks the pod's certificate against. */
  caPem: string;
  /** Who the pod must prove to be: its certificate's URI SAN, as a sidecar checks its peer's. */
  expectService: string;
  /** The trust domain of the mesh's identities (the policy's `trustDomain`). */
  trustDomain: string;
}

/**
 * A client that calls a pod's inbound as another workload would: its own certificate (or a foreign
 * one, or none), and the pod's certificate checked against a CA and the SPIFFE ID it must carry.
 * The address is 127.0.0.1, which no workload certificate names: identity is the URI SAN.
 */
function meshAgent(options: MeshClientOptions): Agent {
  const expected = spiffeId(options.trustDomain, options.expectService);
  return new Agent({
    connect: {
      ...(options.identityPem && { cert: options.identityPem, key: options.identityPem }),
      ca: options.caPem,
      checkServerIdentity: (_host, certificate) =>
        certificate.subjectaltname?.split(', ').includes(`URI:${expected}`)
          ? undefined
          : new Error(`the pod presented ${certificate.subjectaltname ?? 'no SAN'}, not ${expected}`),
    },
  });
}

/** GET `path` on a pod's inbound over mTLS; throws when no HTTP answer came (the handshake was refused). */
export async function callPod(podUrl: string, path: string, options: MeshClientOptions): Promise<MeshAnswer> {
  const agent = meshAgent(options);
  try {
    const response = await agent.request({
      origin: tlsOrigin(podUrl),
      path,
      method: 'GET',
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const contentType = response.headers['content-type'];
    return {
      status: response.statusCode,
      contentType: Array.isArray(contentType) ? contentType.join(', ') : (contentType ?? ''),
      body: await response.body.text(),
    };
  } finally {
    await agent.close();
  }
}

/** The serial number of the certificate a pod's sidecar presents right now. */
export function presentedSerial(podUrl: string, options: MeshClientOptions): Promise<string> {
  const { hostname, port } = new URL(podUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: hostname,
      port: Number(port),
      cert: options.identityPem,
      key: options.identityPem,
      ca: options.caPem,
      checkServerIdentity: () => undefined,
    });
    socket.setTimeout(30_000, () => socket.destroy(new Error(`no TLS handshake with ${podUrl} in 30 s`)));
    socket.once('secureConnect', () => {
      const serial = socket.getPeerX509Certificate()?.serialNumber;
      socket.end();
      if (serial) resolve(serial);
      else reject(new Error(`${podUrl} presented no certificate`));
    });
    socket.once('error', reject);
  });
}

/** The serial number of the certificate in a PEM file (the first one: a workload's `cert.pem` holds it before its key). */
export const serialOfFile = (file: string) => new X509Certificate(readFileSync(file)).serialNumber;
