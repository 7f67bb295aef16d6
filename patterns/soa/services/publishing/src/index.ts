import { contractOf } from '@journey/soa-contracts';
import type { EndpointsOf } from '@journey/soa-service-host';
import { publishingOperations } from './publishing.operations.js';

/** The one endpoint of the publishing process: PublishingService v1 at /soap/publishing/v1. */
export const publishingEndpoints: EndpointsOf = (data) => [
  { contract: contractOf('publishing', 1), implementation: publishingOperations(data) },
];

export { publishingOperations };
