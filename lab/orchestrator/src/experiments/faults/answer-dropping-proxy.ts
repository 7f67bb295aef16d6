import { once } from 'node:events';
import { createServer, request as forward } from 'node:http';

export interface DroppedRequest {
  /** `POST` */
  method: string;
  /** `/api/articles`: the path without its query. */
  path: string;
  /** Drop the answer of every `every`th matching request. */
  every: number;
}

/**
 * An HTTP proxy in front of a server that, while dropping, lets every `every`th matching request
 * through, waits for the server's whole answer, and then closes the client's connection without
 * passing it on: the write happened, the client only knows the connection failed.
 */
export async function answerDroppingProxy(target: string, dropped: DroppedRequest) {
  const upstream = new URL(target);
  let dropping = false;
  let matched = 0;
  let lost = 0;
  const server = createServer((request, response) => {
    const matches =
      dropping && request.method === dropped.method && request.url?.split('?')[0] === dropped.path;
    const drop = matches && ++matched % dropped.every === 0;
    const outgoing = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        if (!drop) {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        }
        // Read to the end so the server finishes as it would with a live client, then fail the connection.
        answer.resume();
        answer.once('end', () => {
          lost++;
          request.socket.destroy();
        });
      },
    );
    outgoing.once('error', () => request.socket.destroy());
    request.pipe(outgoing);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    startDropping() {
      dropping = true;
    },
    stopDropping() {
      dropping = false;
    },
    /** Answers the server gave that the client never saw. */
    lost: () => lost,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
