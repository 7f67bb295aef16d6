import { type Logger, runService as runProcess, type ServiceProcess } from '@journey/platform';
import { type ProcessName, type ServiceSettings, serviceSettings } from './settings.js';

/**
 * The entry point of every process of the pattern: the lab's `runService` (build, close cleanly on
 * SIGTERM, listen) with this pattern's settings, which unlike the microservices' are one set for
 * every process (each has a database and the broker), so `build` receives them read.
 */
export function runService(
  name: ProcessName,
  build: (log: Logger, settings: ServiceSettings) => Promise<ServiceProcess>,
) {
  runProcess(name, {
    settings: () => serviceSettings(name),
    build,
    // The gateway speaks only HTTP: naming a broker in its line would suggest it uses one.
    describe: (settings) => (name === 'gateway' ? {} : { broker: settings.broker.url.split('@').at(-1) }),
  });
}
