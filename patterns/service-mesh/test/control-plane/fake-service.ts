import { createServer } from 'node:http';

/**
 * A service for a pod to run in the control plane's integration test, started as the pod starts a
 * real one (its PORT, its `<SERVICE>_URL`s pointing at its sidecar). It answers its health paths,
 * `GET /via/<service>/<path>` by calling that service through the sidecar and relaying the answer,
 * and anything else with `{"servedBy":"<service> <version>"}`.
 */
const servedBy = `${process.env.MESH_SERVICE} ${process.env.MESH_VERSION}`;

const server = createServer(async (request, response) => {
  const path = request.url ?? '/';
  const via = /^\/via\/([a-z0-9-]+)(\/.*)$/.exec(path);
  if (via) {
    const [, service, rest] = via;
    const base = process.env[`${service!.toUpperCase().replaceAll('-', '_')}_URL`];
    try {
      const answer = await fetch(`${base}${rest}`);
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(await answer.text());
    } catch (error) {
      response.writeHead(599, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: (error as Error).message }));
    }
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ servedBy }));
});

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
