import type { ConduitEvent, EventInvoker } from '../../core/event-types.js';
import { PUBSUB_MESSAGE_PUBLISHED, type PubsubMessageData } from './cloud-event-adapter.js';

/** The project the local CloudEvents name as theirs; deployed, Eventarc names the real one. */
export const LOCAL_PROJECT = 'journey-local';

/**
 * What Eventarc POSTs to a function deployed with `--trigger-topic=<type>` when the articles function
 * publishes a Conduit event on that topic: a binary-mode CloudEvent (its attributes in ce-* headers)
 * whose data is the Pub/Sub message, the Conduit event base64-encoded in it.
 */
export function pubsubCloudEvent(event: ConduitEvent<unknown>): {
  headers: Record<string, string>;
  body: string;
} {
  const topic = `projects/${LOCAL_PROJECT}/topics/${event.type}`;
  const data: PubsubMessageData = {
    message: {
      data: Buffer.from(JSON.stringify(event)).toString('base64'),
      messageId: event.id,
      publishTime: event.time,
    },
    subscription: `projects/${LOCAL_PROJECT}/subscriptions/eventarc-${event.type}`,
  };
  return {
    headers: {
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': event.id,
      'ce-type': PUBSUB_MESSAGE_PUBLISHED,
      'ce-source': `//pubsub.googleapis.com/${topic}`,
      'ce-time': event.time,
    },
    body: JSON.stringify(data),
  };
}

/**
 * Invokes an event function the way Eventarc does: the CloudEvent POSTed to the function's framework
 * process at `urlOf(name)`. The framework answers 2xx once the function resolved (handled, or refused
 * and logged) and 500 when it threw, which asks for the event again.
 */
export function cloudEventInvoker(urlOf: (functionName: string) => string): EventInvoker {
  return async (functionName, event) => {
    const { headers, body } = pubsubCloudEvent(event);
    const response = await fetch(urlOf(functionName), { method: 'POST', headers, body });
    if (!response.ok) {
      throw new Error(
        `function ${functionName} failed on event ${event.id} (${response.status}): ${await response.text()}`,
      );
    }
    // A CloudEvent function answers no body: whether it refused the event is in its own log line.
    return 'handled';
  };
}
