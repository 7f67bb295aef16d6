import type { ServiceDeps } from './deps.js';

export function createHealthService({ data }: Pick<ServiceDeps, 'data'>) {
  return {
    /** Throws when the database does not answer, so /health fails with it. */
    async check(): Promise<{ status: 'ok'; database: string }> {
      await data.ping();
      return { status: 'ok', database: data.describe };
    },
  };
}
