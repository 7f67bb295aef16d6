import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server that an experiment or a test can cut: `cut()` drops every connection through it
 * (what a client sees when the broker restarts or the network fails), new connections still pass;
 * `goDown()` also refuses new ones until `comeBack()` — the broker is away, as far as its clients know.
 */
export async function cuttableProxy(target: { host: string; port: number }, listenHost = '127.0.0.1') {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  let down = false;
  const server = createServer((client) => {
    track(client);
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(target);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  // Another address than loopback when the clients are elsewhere: a network namespace's veth peer.
  server.listen(0, listenHost);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const cut = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    /** How many connections pass through now (client and broker side counted separately). */
    connections: () => sockets.size,
    cut,
    goDown() {
      down = true;
      cut();
    },
    comeBack() {
      down = false;
    },
    async close() {
      cut();
      server.close();
      await once(server, 'close');
    },
  };
}
