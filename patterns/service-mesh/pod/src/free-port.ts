import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on, picked by the OS. The pod's private ports (its service's, its
 * outbound listeners) are bound moments later by the processes it starts.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
