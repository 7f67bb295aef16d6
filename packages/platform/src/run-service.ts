import { createLogger, type Logger } from './logger.js';
import { onShutdown } from './shutdown.js';

/** Where a process listens: from `PORT` and `HOST`, or from a test that picks port 0. */
export interface ListenAddress {
  port: number;
  host: string;
}

/** A process as its `build()` returns it: not yet listening, and able to close all it opened. */
export interface ServiceProcess {
  app: { listen(options: ListenAddress): Promise<string> };
  close(): Promise<void>;
}

export interface ServiceDefinition<Settings extends ListenAddress> {
  /** Read inside start-up, so a malformed variable ends the process with a fatal line naming it. */
  settings: () => Settings;
  build: (log: Logger, settings: Settings) => Promise<ServiceProcess>;
  /** Extra fields for the "listening" line, e.g. which broker the process uses. */
  describe?: (settings: Settings) => Record<string, unknown>;
}

/**
 * The entry point of every process of a service pattern: settings from the environment, build,
 * close cleanly on SIGTERM/SIGINT (or when the lab that started it is gone), then listen. A process
 * that cannot start logs why and exits 1, so the lab's supervisor sees it fail instead of hang.
 */
export function runService<Settings extends ListenAddress>(
  name: string,
  { settings: readSettings, build, describe }: ServiceDefinition<Settings>,
): void {
  const log = createLogger(name);
  let built: ServiceProcess | undefined;
  const start = async () => {
    const settings = readSettings();
    const service = await build(log, settings);
    built = service;
    // Before listening: a signal that arrives while the port opens still closes what build() opened.
    onShutdown(log, service.close);
    const address = await service.app.listen({ port: settings.port, host: settings.host });
    log.info({ address, ...describe?.(settings) }, `${name} listening`);
  };
  start().catch(async (error: unknown) => {
    log.fatal({ err: error }, `${name} failed to start`);
    // What build() opened (child processes, files, connections) is closed before the exit, not left behind.
    await built
      ?.close()
      .catch((closeError: unknown) => log.error({ err: closeError }, 'closing after a failed start'));
    process.exit(1);
  });
}
