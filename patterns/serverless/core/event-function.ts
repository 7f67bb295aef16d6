import { createLogger, type Logger } from '@journey/platform';
import type {
  ConduitEvent,
  EventFunctionDefinition,
  EventFunctionSpec,
  EventOutcome,
} from './event-types.js';
import type { Invocation } from './function-types.js';
import { type InstanceMeter, instanceMeter } from './instance.js';

export interface ConduitEventFunctionDefinition extends EventFunctionDefinition {
  /** This module instance's invocations, cold and warm. */
  meter: InstanceMeter;
}

/** The message is not an event this function can act on; delivering it again cannot change that. */
export class EventRefused extends Error {
  constructor(eventId: string | undefined, reason: string) {
    super(`event ${eventId ?? '(no id)'} refused: ${reason}`);
    this.name = 'EventRefused';
  }
}

/**
 * An event-triggered Conduit function: what `conduitFunction` is to a route group, for one event type.
 * Per invocation: the envelope and its data are checked (a malformed one is refused and logged, never
 * retried), the handler runs, and the instance meter logs one line naming the trigger and the outcome.
 * A handler failure is rethrown after that line: the platform delivers the event again.
 */
export function conduitEventFunction<Data>(
  spec: EventFunctionSpec<Data>,
  log: Logger = createLogger(`serverless-${spec.name}`),
): ConduitEventFunctionDefinition {
  const meter = instanceMeter(spec.name, log);

  async function handler(message: unknown, invocation: Invocation): Promise<EventOutcome> {
    const timing = meter.start();
    const line = { requestId: invocation.requestId, platform: invocation.platform, trigger: spec.eventType };
    let event: ConduitEvent<Data>;
    try {
      event = conduitEventOf(message, spec);
    } catch (error) {
      log.error({ err: error, trigger: spec.eventType }, 'event refused: not delivered again');
      timing.finish({ ...line, outcome: 'refused' });
      return 'refused';
    }
    try {
      await spec.handler(event, invocation);
    } catch (error) {
      log.error({ err: error, eventId: event.id }, 'event handling failed: to be delivered again');
      timing.finish({ ...line, eventId: event.id, outcome: 'failed' });
      throw error;
    }
    timing.finish({ ...line, eventId: event.id, outcome: 'handled' });
    return 'handled';
  }

  return { name: spec.name, eventType: spec.eventType, handler, meter };
}

/** The envelope checked attribute by attribute, then its data by the function's own parser. */
export function conduitEventOf<Data>(
  message: unknown,
  { eventType, parseData }: Pick<EventFunctionSpec<Data>, 'eventType' | 'parseData'>,
): ConduitEvent<Data> {
  const candidate = (typeof message === 'object' && message !== null ? message : {}) as Record<
    string,
    unknown
  >;
  const { id, type, source, time, data } = candidate;
  const eventId = typeof id === 'string' ? id : undefined;
  for (const [name, value] of Object.entries({ id, type, source, time })) {
    if (typeof value !== 'string' || value === '') {
      throw new EventRefused(eventId, `attribute ${name} is missing or not a string`);
    }
  }
  if (type !== eventType) throw new EventRefused(eventId, `type ${String(type)} is not ${eventType}`);
  if (Number.isNaN(Date.parse(time as string))) {
    throw new EventRefused(eventId, `time ${JSON.stringify(time)} is not a timestamp`);
  }
  try {
    return { id: id as string, type, source: source as string, time: time as string, data: parseData(data) };
  } catch (error) {
    throw new EventRefused(eventId, `data: ${(error as Error).message}`);
  }
}
