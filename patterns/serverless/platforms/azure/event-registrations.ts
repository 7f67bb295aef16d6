import type { InvocationContext, ServiceBusQueueFunctionOptions } from '@azure/functions';
import type { EventFunctionDefinition, EventOutcome } from '../../core/event-types.js';

/** The app setting holding the Service Bus connection string (local.settings.json, or the app's settings). */
export const SERVICE_BUS_CONNECTION = 'ServiceBusConnection';

/** One `app.serviceBusQueue(name, options)` call. */
export interface AzureEventRegistration {
  name: string;
  options: ServiceBusQueueFunctionOptions;
}

interface EventFunctionToRegister {
  /** The event type: also the queue's name, where the articles function's events go. */
  trigger: string;
  definition: EventFunctionDefinition;
}

/**
 * An event-triggered Conduit function as the Functions host calls it from a Service Bus queue: the
 * message body (the Conduit event, already parsed from JSON by the host) is the function's message. A
 * refused event resolves, so the host completes the message; a thrown failure abandons it, and Service
 * Bus delivers it again until the queue's max delivery count sends it to the dead-letter queue.
 */
export function toAzureEventHandler(definition: EventFunctionDefinition) {
  return (message: unknown, context: InvocationContext): Promise<EventOutcome> =>
    definition.handler(message, { requestId: context.invocationId, platform: 'azure' });
}

/** The `app.serviceBusQueue` registrations of the event functions, one queue per event type. */
export function azureEventRegistrations(
  functions: readonly EventFunctionToRegister[],
): AzureEventRegistration[] {
  return functions.map(({ trigger, definition }) => ({
    name: definition.name,
    options: {
      connection: SERVICE_BUS_CONNECTION,
      queueName: trigger,
      handler: toAzureEventHandler(definition),
    },
  }));
}
