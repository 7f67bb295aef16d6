import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { ISocketFactory } from 'kafkajs';

/** kafkajs's own keep-alive probe delay, kept. */
const KEEP_ALIVE_DELAY_MS = 60_000;

/**
 * kafkajs's socket factory (plain TCP, as the lab's cluster speaks) that remembers its sockets.
 * kafkajs's disconnect() resolves before its sockets are closed; `closed()` waits for them, so a
 * closed broker or stopped subscription leaves no socket behind, as the port promises.
 */
export function trackedSockets() {
  const open = new Set<Socket>();
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = connect({ host, port }, onConnect);
    socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    return socket;
  };
  return {
    socketFactory,
    async closed(): Promise<void> {
      await Promise.all([...open].map((socket) => (socket.closed ? undefined : once(socket, 'close'))));
    },
  };
}
