import { env } from '@journey/platform';
import type { ServiceName } from '@journey/soa-contracts';

/**
 * pattern: versioned routing. Which major version of each contract the bus was built against: it asks
 * the registry for exactly that one, so engagement v1 and v2 can run side by side and each consumer
 * gets the version it speaks. The bus reads only what v1 declares of either answer (v2 adds optional
 * elements, ignored), so switching is configuration, not code.
 */
export type ConsumedContracts = Readonly<Record<ServiceName, number>>;

export const DEFAULT_CONSUMED_CONTRACTS: ConsumedContracts = { identity: 1, publishing: 1, engagement: 2 };

/** The defaults, with `ENGAGEMENT_CONTRACT_VERSION=1` to consume engagement v1 instead. */
export function consumedContractsFromEnv(): ConsumedContracts {
  return {
    ...DEFAULT_CONSUMED_CONTRACTS,
    engagement: env.integer('ENGAGEMENT_CONTRACT_VERSION', DEFAULT_CONSUMED_CONTRACTS.engagement, {
      min: 1,
      max: 2,
    }),
  };
}
