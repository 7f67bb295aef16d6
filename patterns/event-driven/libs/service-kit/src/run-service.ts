import { createLogger, type Logger, onShutdown } from '@journey/platform';
import { type ProcessName, type ServiceSettings, serviceSettings } from './settings.js';

export interface ServiceProcess {
  app: { listen(options: { port: number; host: string }): Promise<string> };
  /** Closes the server, then the relay, subscription, broker and database (createServiceServer wires that). */
  close(): Promise<void>;
}

/** The entry point of every process of the pattern: settings from the environment, build, listen, close on SIGTERM. */
export function runService(
  name: ProcessName,
  build: (log: Logger, settings: ServiceSettings) => Promise<ServiceProcess>,
) {
  const log = createLogger(name);
  const start = async () => {
    const settings = serviceSettings(name);
    const service = await build(log, settings);
    onShutdown(log, service.close);
    const address = await service.app.listen({ port: settings.port, host: settings.host });
    // The gateway speaks only HTTP: naming a broker in its line would suggest it uses one.
    const broker = name === 'gateway' ? {} : { broker: settings.broker.url.split('@').at(-1) };
    log.info({ address, ...broker }, `${name} listening`);
  };
  start().catch((error: unknown) => {
    log.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  });
}
