import { randomUUID } from 'node:crypto';
import type { CloudEvent, CloudEventFunction } from '@google-cloud/functions-framework';
import type { ConduitEvent, EventFunctionDefinition } from './conduit-event.js';

/** Thrown for a CloudEvent the function cannot act on; the framework answers 500 and logs it. */
export class CloudEventRefused extends Error {
  constructor(eventId: string | undefined, reason: string) {
    super(`CloudEvent ${eventId ?? '(no id)'} refused: ${reason}`);
    this.name = 'CloudEventRefused';
  }
}

/**
 * An event-triggered Conduit function as Cloud Functions calls it: registered with
 * `functions.cloudEvent(name, …)`, it receives a CloudEvent decoded by the framework from either
 * binary mode (ce-* headers) or structured mode (`application/cloudevents+json`). In structured mode
 * the framework passes the JSON body through unchecked, so the required attributes are checked here.
 */
export function toCloudEventFunction<Data>(definition: EventFunctionDefinition<Data>): CloudEventFunction {
  return async (cloudEvent: CloudEvent<unknown>) => {
    const event = conduitEventFrom(cloudEvent, definition);
    await definition.handler(event, { requestId: randomUUID(), platform: 'gcf' });
  };
}

function conduitEventFrom<Data>(
  cloudEvent: CloudEvent<unknown>,
  { eventType, parseData }: EventFunctionDefinition<Data>,
): ConduitEvent<Data> {
  const { id, source, type, specversion, time, data } = cloudEvent as Partial<CloudEvent<unknown>>;
  const eventId = typeof id === 'string' ? id : undefined;
  if (specversion !== '1.0')
    throw new CloudEventRefused(eventId, `specversion ${JSON.stringify(specversion)} is not 1.0`);
  for (const [name, value] of Object.entries({ id, source, type })) {
    if (typeof value !== 'string' || value === '')
      throw new CloudEventRefused(eventId, `attribute ${name} is missing`);
  }
  if (type !== eventType) throw new CloudEventRefused(eventId, `type ${type} is not ${eventType}`);
  let parsed: Data;
  try {
    parsed = parseData(data);
  } catch (error) {
    throw new CloudEventRefused(eventId, `data: ${(error as Error).message}`);
  }
  return {
    id: id as string,
    source: source as string,
    type,
    time: typeof time === 'string' ? time : new Date().toISOString(),
    data: parsed,
  };
}
