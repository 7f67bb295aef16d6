import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSoapEndpoint, type SoapEndpointOptions } from './soap-endpoint.js';

export interface ServeSoapOptions extends SoapEndpointOptions {
  port: number;
  host: string;
}

export interface SoapService {
  /** `http://host:port/path`: the endpoint the served WSDL names and a registry records. */
  url: string;
  wsdlUrl: string;
  /** Stops accepting, ends open connections, resolves when the port is free: what SIGTERM calls. */
  close(): Promise<void>;
}

/**
 * Serves one WSDL contract over HTTP on a server of its own, SOAP 1.1 and 1.2 at the same address: the
 * endpoint of soap-endpoint.ts, alone on its port. A process serving several contracts, or health and
 * metrics beside them, mounts endpoints on its own server instead (createSoapEndpoint).
 */
export async function serveSoap(options: ServeSoapOptions): Promise<SoapService> {
  const endpoint = await createSoapEndpoint(options);
  const server = createServer((request, response) => {
    void endpoint.handle(request, response);
  });
  // Node's own bounds on a slow client, a little above the guard's, so the guard answers first.
  server.headersTimeout = endpoint.limits.bodyTimeoutMs;
  server.requestTimeout = endpoint.limits.bodyTimeoutMs * 2;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`cannot listen on ${options.host}:${options.port}: ${error.message}`)),
    );
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = endpoint.listeningAt(
    `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
  );
  return {
    url,
    wsdlUrl: `${url}?wsdl`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(new Error(`closing ${url}: ${error.message}`)) : resolve()));
        server.closeAllConnections();
      }),
  };
}
