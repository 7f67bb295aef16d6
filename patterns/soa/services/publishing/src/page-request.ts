import { parsePage } from '@journey/conduit-rules';
import type { PageRequest } from '@journey/soa-contracts';

/**
 * The paging rules of every pattern (conduit-rules' parsePage): an absent page is the first 20, a
 * limit over 100 is capped, a limit under 1 or an offset past 10^9 is a VALIDATION_FAILED. The bus
 * has applied them already; a consumer calling the service directly may not have, and the kit leaves
 * the schema's range facets to the handlers.
 */
export const pageRequest = (page: Partial<PageRequest> | undefined): PageRequest =>
  parsePage({ limit: page?.limit?.toString(), offset: page?.offset?.toString() });
