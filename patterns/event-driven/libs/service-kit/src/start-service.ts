import { type MessagingOptions, startMessaging } from './messaging.js';
import { openServiceDatabase, type ServiceMigrations } from './service-database.js';
import { createServiceServer } from './service-server.js';

export interface ServiceOptions<Tables> extends Omit<MessagingOptions<Tables>, 'database'> {
  databaseUrl: string;
  migrations: ServiceMigrations;
}

/**
 * Every service of the pattern starts the same way: its own database, its messaging (relay and
 * consumer group), its HTTP server. What had started when a later step fails is closed again, so a
 * service that cannot reach its broker exits without a dangling pool. The server's close stops all three.
 */
export async function startService<Tables>(options: ServiceOptions<Tables>) {
  const { databaseUrl, migrations, ...messagingOptions } = options;
  const database = await openServiceDatabase<Tables>(databaseUrl, migrations);
  try {
    const messaging = await startMessaging({ ...messagingOptions, database });
    try {
      const app = await createServiceServer(options.service, options.logger, database, messaging);
      return { app, database, messaging };
    } catch (error) {
      await messaging.close();
      throw error;
    }
  } catch (error) {
    await database.close();
    throw error;
  }
}
