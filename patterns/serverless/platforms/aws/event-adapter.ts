import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { ConduitEvent, EventFunctionDefinition, EventOutcome } from '../../core/event-types.js';

/** The EventBridge source the articles function's events carry: what the rule in serverless.yml matches. */
export const EVENT_SOURCE = 'conduit.articles';
/** The custom bus serverless.yml and template.yaml declare the event functions' rules on. */
export const EVENT_BUS = 'conduit';

export type EventBridgeHandler = (
  event: EventBridgeEvent<string, unknown>,
  context: Pick<Context, 'awsRequestId'>,
) => Promise<EventOutcome>;

/**
 * An event-triggered Conduit function as Lambda runs it behind an EventBridge rule: the Conduit event
 * travels as the EventBridge event's `detail`. A refused event resolves (EventBridge would only retry
 * it to the same end); a thrown failure makes the asynchronous invocation fail, and Lambda retries it.
 */
export function eventBridgeHandler(definition: EventFunctionDefinition): EventBridgeHandler {
  return (event, context) =>
    definition.handler(event?.detail, { requestId: context.awsRequestId, platform: 'aws' });
}

/** What EventBridge hands the function for a Conduit event put on the bus by the articles function. */
export function eventBridgeEvent<Data>(
  event: ConduitEvent<Data>,
  where: { account?: string; region?: string } = {},
): EventBridgeEvent<string, ConduitEvent<Data>> {
  return {
    version: '0',
    id: event.id,
    'detail-type': event.type,
    source: EVENT_SOURCE,
    account: where.account ?? '000000000000',
    time: event.time,
    region: where.region ?? 'eu-west-1',
    resources: [],
    detail: event,
  };
}
