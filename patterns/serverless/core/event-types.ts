import type { Invocation } from './function-types.js';

/**
 * A platform-neutral event, as a Conduit event function sees it whichever transport delivered it (the
 * broker's message locally; EventBridge's `detail` on AWS; a Pub/Sub message in a CloudEvent on Cloud
 * Functions; a Service Bus message on Azure). Its attributes are the CloudEvents core attributes a
 * handler can act on: `id` to make handling idempotent (a delivery can repeat), `type` to be sure of
 * what it got, `time` for when it happened. It is also the broker envelope: `id` and `type` are what
 * the broker reads.
 */
export interface ConduitEvent<Data> {
  id: string;
  /** What a consumer group subscribes to, e.g. `article-published`. */
  type: string;
  /** Who emitted it, a URI reference, e.g. `/functions/articles`. */
  source: string;
  /** RFC 3339: when the producer says it happened. */
  time: string;
  data: Data;
}

/** Resolving acknowledges the event; throwing asks the platform to deliver it again. */
export type ConduitEventHandler<Data> = (event: ConduitEvent<Data>, invocation: Invocation) => Promise<void>;

/** An event-triggered function: which event type it consumes, how its data is checked, what it does. */
export interface EventFunctionSpec<Data> {
  name: string;
  eventType: string;
  /** Returns the typed data, or throws naming what is wrong: the event is refused before the handler. */
  parseData: (data: unknown) => Data;
  handler: ConduitEventHandler<Data>;
}

/**
 * `handled`: its effect is committed. `refused`: it can never be handled (malformed, another type), so
 * it is logged and dropped rather than retried: delivering it again would fail again, a retry storm.
 * A failure worth retrying (the database is away) is thrown instead.
 */
export type EventOutcome = 'handled' | 'refused';

/** A Conduit event function: the message as its transport carried it (still untrusted) in, the outcome out. */
export type ConduitEventFunction = (message: unknown, invocation: Invocation) => Promise<EventOutcome>;

export interface EventFunctionDefinition {
  name: string;
  eventType: string;
  handler: ConduitEventFunction;
}

/**
 * How a local runtime hands an event to a function the way its platform would (the Lambda Invoke API,
 * a CloudEvent POST): resolves with the outcome, throws when the function failed and the event should
 * be delivered again.
 */
export type EventInvoker = (functionName: string, event: ConduitEvent<unknown>) => Promise<EventOutcome>;
