import { answerHeader, setAnswerHeader } from './answer-headers.js';

/** On an answer whose change is committed but not yet shown by every read model (ADR 0009). */
export const CONSISTENCY_HEADER = 'x-journey-consistency';
/** Which read models had not caught up, comma-separated: the body stays the contract's. */
export const PENDING_CONSUMERS_HEADER = 'x-journey-pending-consumers';

/**
 * Says on the answer being built that `consumers` have not caught up with the change it reports. The
 * answer itself stays the contract's 201 or 200 with the resource as written: the change is committed,
 * and a client that took an error for it would send it again.
 */
export function markPending(consumers: readonly string[]): void {
  if (consumers.length === 0) return;
  const named = new Set([...(answerHeader(PENDING_CONSUMERS_HEADER)?.split(',') ?? []), ...consumers]);
  setAnswerHeader(CONSISTENCY_HEADER, 'pending');
  setAnswerHeader(PENDING_CONSUMERS_HEADER, [...named].join(','));
}
