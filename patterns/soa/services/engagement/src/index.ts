import { contractOf } from '@journey/soa-contracts';
import type { EndpointsOf } from '@journey/soa-service-host';
import { engagementV1Operations, engagementV2Operations } from './engagement.operations.js';

/**
 * The engagement process serves two versions of its contract side by side, each at its own path and
 * registered on its own (`/soap/engagement/v1` as 1.0, `/soap/engagement/v2` as 2.0): a consumer moves
 * to v2 when it wants followersCount, and until then v1 keeps answering as it always did.
 */
export const engagementEndpoints: EndpointsOf = (data) => {
  const v1 = engagementV1Operations(data);
  return [
    { contract: contractOf('engagement', 1), implementation: v1 },
    { contract: contractOf('engagement', 2), implementation: engagementV2Operations(v1, data) },
  ];
};

export { engagementV1Operations, engagementV2Operations };
