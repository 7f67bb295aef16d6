import type { Logger } from '@journey/platform';
import type { EngagementV1, IdentityV1, PublishingV1 } from '@journey/soa-contracts';
import type { CallBudgets } from '../policies/budgets.js';
import type { ConsumedContracts } from '../routing/consumed-contracts.js';
import type { ServiceRouter } from '../routing/service-router.js';
import { createEnterpriseService, type EnterpriseService } from './enterprise-service.js';

/**
 * The three services the bus mediates, each at the major version it consumes. Engagement is typed by
 * its v1 messages whichever version is consumed: v2 only adds optional elements, which the bus ignores.
 */
export interface EnterpriseServices {
  identity: EnterpriseService<IdentityV1>;
  publishing: EnterpriseService<PublishingV1>;
  engagement: EnterpriseService<EngagementV1>;
}

export function createEnterpriseServices(
  consumed: ConsumedContracts,
  deps: { router: ServiceRouter; budgets: CallBudgets; log: Logger },
): EnterpriseServices {
  return {
    identity: createEnterpriseService<IdentityV1>('identity', consumed.identity, deps),
    publishing: createEnterpriseService<PublishingV1>('publishing', consumed.publishing, deps),
    engagement: createEnterpriseService<EngagementV1>('engagement', consumed.engagement, deps),
  };
}
