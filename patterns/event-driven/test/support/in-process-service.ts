import type { ConduitServer } from '@journey/conduit-http';
import { VIEWER_HEADER } from '@journey/event-driven-service-kit';
import { type DatabaseChoice, provisionDatabase } from '@journey/provisioning';

export interface BuiltService<Database> {
  app: ConduitServer;
  database: Database;
  close(): Promise<void>;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as the gateway would forward it. */
  viewer?: number;
}

/**
 * A service built by its own `build…()` on a fresh throw-away database, listening on a free port:
 * the tests call it over HTTP as the gateway does, and read its database to check what committed.
 */
export async function startInProcess<Database>(
  name: string,
  choice: DatabaseChoice,
  build: (databaseUrl: string) => Promise<BuiltService<Database>>,
) {
  const provisioned = await provisionDatabase('event-driven', name, choice, { fresh: true });
  const service = await build(provisioned.url);
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = service.app.server.address() as { port: number };
  return {
    database: service.database,
    url: `http://127.0.0.1:${port}`,
    async call(method: string, path: string, options: CallOptions = {}) {
      const headers: Record<string, string> = {};
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (options.viewer !== undefined) headers[VIEWER_HEADER] = String(options.viewer);
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === '' ? undefined : JSON.parse(text),
      };
    },
    async stop() {
      await service.close();
      await provisioned.dispose();
    },
  };
}

export type InProcessService = Awaited<ReturnType<typeof startInProcess>>;
