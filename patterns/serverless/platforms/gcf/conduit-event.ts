import type { Invocation } from '../../core/function-types.js';

/**
 * A platform-neutral event, as a Conduit event handler sees it whichever transport delivered it (a
 * CloudEvent on Cloud Functions; an embedded log or a queue elsewhere). The attributes are the
 * CloudEvents core attributes a handler can act on: `id` to make handling idempotent (a delivery can
 * repeat), `type` to be sure of what it got, `time` for ordering by when it happened.
 * Proposed to the core as core/event-types.ts; here until the core adopts it.
 */
export interface ConduitEvent<Data> {
  id: string;
  /** Reverse-DNS event type, e.g. `org.conduit.article.published.v1`. */
  type: string;
  /** Who emitted it, a URI reference, e.g. `/functions/articles`. */
  source: string;
  /** RFC 3339; the moment the producer says it happened (delivery time when the producer gave none). */
  time: string;
  data: Data;
}

/** Resolving acknowledges the event; throwing asks the platform to deliver it again (if retries are on). */
export type ConduitEventHandler<Data> = (event: ConduitEvent<Data>, invocation: Invocation) => Promise<void>;

/** An event-triggered function: which event type it consumes, how its data is checked, what it does. */
export interface EventFunctionDefinition<Data> {
  name: string;
  eventType: string;
  /** Returns the typed data, or throws naming what is wrong: the event is refused before the handler. */
  parseData: (data: unknown) => Data;
  handler: ConduitEventHandler<Data>;
}
