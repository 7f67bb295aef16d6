import { env, type ServerSettings, serverSettings } from '@journey/platform';

export interface Config extends ServerSettings {
  /** Processes serving the one port (node:cluster); they share the database. */
  workers: number;
}

export function loadConfig(): Config {
  return {
    ...serverSettings('.journey/monolith.sqlite'),
    workers: env.integer('WORKERS', 1, { min: 1, max: 64 }),
  };
}
