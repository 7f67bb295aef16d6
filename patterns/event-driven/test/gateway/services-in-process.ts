import { buildArticles } from '@journey/event-driven-articles';
import { buildComments } from '@journey/event-driven-comments';
import { buildGateway, type GatewayOptions } from '@journey/event-driven-gateway';
import { buildIdentity } from '@journey/event-driven-identity';
import { buildProfiles } from '@journey/event-driven-profiles';
import { buildViews } from '@journey/event-driven-views';
import { createLogger } from '@journey/platform';
import { provisionDatabase } from '@journey/provisioning';
import { startInProcess } from '../support/in-process-service.js';
import { scratchBroker } from '../support/scratch-broker.js';

export const JWT_SECRET = 'gateway-test-secret';
const logger = createLogger('gateway-test', 'silent');

type Urls = GatewayOptions['urls'];

/**
 * The pattern's writers (identity, profiles, articles, comments) built in-process on throw-away SQLite
 * databases and one embedded log, and views beside them on a database and a port it keeps, so a test
 * can stop it and start it again as a crash and a restart would. Gateways over them are built as a
 * test needs: a shorter wait, or another views.
 */
export async function startServicesInProcess() {
  const broker = scratchBroker();
  const writers = {
    identity: await startInProcess('gw-identity', 'sqlite', (databaseUrl) =>
      buildIdentity({ databaseUrl, broker, jwtSecret: JWT_SECRET, logger }),
    ),
    profiles: await startInProcess('gw-profiles', 'sqlite', (databaseUrl) =>
      buildProfiles({ databaseUrl, broker, logger }),
    ),
    articles: await startInProcess('gw-articles', 'sqlite', (databaseUrl) =>
      buildArticles({ databaseUrl, broker, logger }),
    ),
    comments: await startInProcess('gw-comments', 'sqlite', (databaseUrl) =>
      buildComments({ databaseUrl, broker, logger }),
    ),
  };

  const viewsDatabase = await provisionDatabase('event-driven', 'gw-views', 'sqlite', { fresh: true });
  let views: Awaited<ReturnType<typeof buildViews>> | undefined;
  let viewsPort = 0;
  const startViews = async () => {
    views = await buildViews({ databaseUrl: viewsDatabase.url, broker, logger });
    await views.app.listen({ port: viewsPort, host: '127.0.0.1' });
    viewsPort = (views.app.server.address() as { port: number }).port;
  };
  await startViews();

  const urls: Urls = {
    identity: writers.identity.url,
    profiles: writers.profiles.url,
    articles: writers.articles.url,
    comments: writers.comments.url,
    views: `http://127.0.0.1:${viewsPort}`,
  };
  const gateways: { close(): Promise<void> }[] = [];

  return {
    writers,
    /** A gateway over these services, listening on a free port: its base URL and its own /health. */
    async gateway(
      options: Partial<Omit<GatewayOptions, 'urls' | 'jwtSecret' | 'logger'>> & { urls?: Partial<Urls> } = {},
    ) {
      const gateway = await buildGateway({
        ...options,
        urls: { ...urls, ...options.urls },
        jwtSecret: JWT_SECRET,
        logger,
      });
      gateways.push(gateway);
      return gateway.app.listen({ port: 0, host: '127.0.0.1' });
    },
    /** Views goes away as a crashed process does: its connections refused, its database kept. */
    stopViews: async () => {
      await views?.close();
      views = undefined;
    },
    /** Views again, on the same database and port: it catches up from its consumer group. */
    startViews,
    async stop() {
      await Promise.all(gateways.map((gateway) => gateway.close()));
      await views?.close();
      await viewsDatabase.dispose();
      await Promise.all(Object.values(writers).map((writer) => writer.stop()));
      broker.dispose();
    },
  };
}

export type ServicesInProcess = Awaited<ReturnType<typeof startServicesInProcess>>;
