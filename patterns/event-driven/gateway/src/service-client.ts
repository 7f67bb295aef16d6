import { idempotencyKeyHeaders } from '@journey/conduit-http';
import { type ServiceName, viewerHeaders } from '@journey/event-driven-service-kit';
import type { Logger } from '@journey/platform';
import {
  type BreakerState,
  type CallBudget,
  createDownstreamClient,
  type DownstreamAnswer,
  type DownstreamCall,
  NO_RETRIES,
} from '@journey/platform/downstream';

export interface ServiceCall extends Omit<DownstreamCall, 'headers'> {
  /** The user whose token the gateway verified; services trust this header because only the gateway reaches them. */
  viewerId?: number | null;
}

export interface ServiceClient {
  name: ServiceName;
  /** A 2xx answer; a 4xx throws DownstreamAnswered, anything else DownstreamUnavailable. */
  send<T>(call: ServiceCall): Promise<DownstreamAnswer<T>>;
  breakerState(): BreakerState;
  close(): Promise<void>;
}

/**
 * One service as the gateway calls it: the lab's pooled client with a time budget per call and a
 * circuit breaker (`@journey/platform/downstream`), and, unlike the microservices, no retries: most
 * calls are commands, and a command retried after a lost answer may have committed the first time
 * (the outbox would publish both); a read refused at once is cheap for a client to repeat. So a dead
 * service costs the first callers a refused connection or one budget, and everyone after the breaker
 * opens nothing at all. Every 5xx counts against the service: none of them calls another service,
 * so a 503 is about the service itself.
 */
export function createServiceClient(
  name: ServiceName,
  baseUrl: string,
  logger: Logger,
  budget: CallBudget,
): ServiceClient {
  const client = createDownstreamClient(name, baseUrl, logger, { ...budget, retry: NO_RETRIES });
  return {
    name,
    send: <T>({ viewerId, ...call }: ServiceCall) =>
      client.send<T>({
        ...call,
        headers: { ...viewerHeaders(viewerId), ...idempotencyKeyHeaders(call.method) },
      }),
    breakerState: client.breakerState,
    close: client.close,
  };
}
