import type { ListenAddress, ServiceProcess } from '@journey/platform';
import {
  type InstanceAnnouncement,
  type Registration,
  type RegistrationOptions,
  registerInstance,
} from './client.js';

/**
 * A service process (as `build()` gives it to `runService`) that registers once it listens and
 * deregisters first thing on close, so the bus stops resolving to it before it stops answering.
 * `announce` gets the address the process listens on (`http://127.0.0.1:4003`) and returns one
 * announcement per contract version it serves (a process serving v1 and v2 registers twice).
 * A registration that fails makes `listen` fail, so the process exits instead of serving unseen.
 *
 *   runService('engagement', { settings, build: async (log, settings) =>
 *     registeredProcess(await buildEngagement(...), registryUrl(), (address) => [...], { log }) });
 */
export function registeredProcess(
  service: ServiceProcess,
  registry: string,
  announce: (address: string) => InstanceAnnouncement[],
  options: RegistrationOptions = {},
): ServiceProcess {
  const registrations: Registration[] = [];
  let starting: Promise<string> | undefined;
  const deregister = () => Promise.all(registrations.splice(0).map((registration) => registration.close()));
  return {
    app: {
      async listen(address: ListenAddress) {
        starting = (async () => {
          const listening = await service.app.listen(address);
          for (const entry of announce(listening)) {
            registrations.push(await registerInstance(registry, entry, options));
          }
          return listening;
        })();
        try {
          return await starting;
        } catch (error) {
          await deregister();
          throw error;
        }
      },
    },
    async close() {
      // A SIGTERM during start-up: let the registrations under way land, so none outlives the process.
      await starting?.catch(() => {});
      await deregister();
      await service.close();
    },
  };
}
