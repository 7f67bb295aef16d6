import type { CloudEvent, CloudEventFunction } from '@google-cloud/functions-framework';
import { createLogger, type Logger } from '@journey/platform';
import type { EventFunctionDefinition } from '../../core/event-types.js';

/** The CloudEvent type Eventarc delivers for a message on a Pub/Sub topic (`--trigger-topic`). */
export const PUBSUB_MESSAGE_PUBLISHED = 'google.cloud.pubsub.topic.v1.messagePublished';

/** The data of a Pub/Sub CloudEvent: the message, its payload base64-encoded. */
export interface PubsubMessageData {
  message: { data: string; messageId: string; publishTime: string; attributes?: Record<string, string> };
  subscription: string;
}

/** A CloudEvent this function cannot act on: not a Pub/Sub message, or one whose payload is not JSON. */
export class CloudEventRefused extends Error {
  constructor(eventId: string | undefined, reason: string) {
    super(`CloudEvent ${eventId ?? '(no id)'} refused: ${reason}`);
    this.name = 'CloudEventRefused';
  }
}

/**
 * An event-triggered Conduit function as Cloud Functions calls it: registered with
 * `functions.cloudEvent(name, …)` and deployed with `--trigger-topic`, it receives each Pub/Sub message
 * as a CloudEvent, decoded by the framework from binary mode (ce-* headers) or structured mode
 * (`application/cloudevents+json`, whose attributes the framework passes through unchecked, hence the
 * checks here). The message's payload is the Conduit event, which the function itself validates. What
 * cannot be handled is logged and acknowledged, not thrown: a retry would only fail the same way.
 */
export function toCloudEventFunction(
  definition: EventFunctionDefinition,
  log: Logger = createLogger(`serverless-${definition.name}`),
): CloudEventFunction {
  return async (cloudEvent: CloudEvent<unknown>) => {
    let message: unknown;
    try {
      message = conduitMessageOf(cloudEvent);
    } catch (error) {
      log.error({ err: error, function: definition.name }, 'CloudEvent refused: not delivered again');
      return;
    }
    await definition.handler(message, { requestId: cloudEvent.id, platform: 'gcf' });
  };
}

/** The Conduit event a Pub/Sub CloudEvent carries, still untrusted. */
function conduitMessageOf(cloudEvent: CloudEvent<unknown>): unknown {
  const { id, source, type, specversion, data } = cloudEvent as Partial<CloudEvent<unknown>>;
  const eventId = typeof id === 'string' ? id : undefined;
  if (specversion !== '1.0') {
    throw new CloudEventRefused(eventId, `specversion ${JSON.stringify(specversion)} is not 1.0`);
  }
  for (const [name, value] of Object.entries({ id, source, type })) {
    if (typeof value !== 'string' || value === '') {
      throw new CloudEventRefused(eventId, `attribute ${name} is missing`);
    }
  }
  if (type !== PUBSUB_MESSAGE_PUBLISHED) {
    throw new CloudEventRefused(eventId, `type ${type} is not ${PUBSUB_MESSAGE_PUBLISHED}`);
  }
  const payload = (data as Partial<PubsubMessageData> | undefined)?.message?.data;
  if (typeof payload !== 'string') throw new CloudEventRefused(eventId, 'data.message.data is missing');
  try {
    return JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch (error) {
    throw new CloudEventRefused(eventId, `the message is not JSON: ${(error as Error).message}`);
  }
}
