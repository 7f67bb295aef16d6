import { createSocket } from 'node:dgram';
import { type AccessLogEntry, parseAccessLogLine } from '../../sidecar/src/access-log.js';

export interface AccessLogReceiver {
  address: { host: string; port: number };
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * The UDP socket every sidecar sends its access-log lines to (syslog, one datagram per call). It tries
 * `preferredPort` first, the port a previous run of mesh-control used, so sidecars configured then
 * keep reaching it after a restart; a port taken meanwhile gets a fresh one.
 */
export async function openAccessLogReceiver(
  onEntry: (entry: AccessLogEntry) => void,
  preferredPort: number | null,
): Promise<AccessLogReceiver> {
  const bind = (port: number) =>
    new Promise<ReturnType<typeof createSocket>>((resolve, reject) => {
      const socket = createSocket('udp4');
      socket.once('error', reject);
      socket.bind(port, HOST, () => {
        socket.off('error', reject);
        resolve(socket);
      });
    });
  const socket = await (preferredPort === null ? bind(0) : bind(preferredPort).catch(() => bind(0)));
  // Lines that are not an access-log entry (another tag, a truncated datagram) are skipped.
  socket.on('message', (datagram) => {
    const entry = parseAccessLogLine(datagram.toString('utf8'));
    if (entry) onEntry(entry);
  });
  return {
    address: { host: HOST, port: socket.address().port },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
