import type { Consumer } from '@journey/event-driven-events';
import { EVENTS_HEADER, parseAnnouncedEvents } from '@journey/event-driven-service-kit';
import { setAnswerHeader } from './answer-headers.js';
import { markPending } from './pending-answer.js';
import type { ReadYourWrites } from './read-your-writes.js';
import type { ServiceCall, ServiceClient } from './service-client.js';

/** How long the command waited for its events to be applied, on every command's answer (the bench reads it). */
export const READ_YOUR_WRITES_MS_HEADER = 'x-journey-read-your-writes-ms';

/** A command the owning service has committed. */
export interface Committed<T> {
  /** The owner's answer: the change as it committed it. */
  written: T;
  /** The consumers that had not applied the command's events when the wait ended; empty when all had. */
  pending: Consumer[];
}

export type Command = <T>(owner: ServiceClient, call: ServiceCall) => Promise<Committed<T>>;

/**
 * A command goes to the service that owns the data; when it answers, the change and its events are
 * committed. Before the gateway reads the change back from a read model, every consumer of those
 * events must have applied them, or the writer would not see their own write. Those that do not
 * within the wait are named on the answer (markPending); what the answer shows is the handler's
 * choice (readBack), never an error.
 */
export function commandsWith(readYourWrites: ReadYourWrites): Command {
  return async <T>(owner: ServiceClient, call: ServiceCall): Promise<Committed<T>> => {
    const answer = await owner.send<T>(call);
    const header = answer.headers[EVENTS_HEADER];
    const events = parseAnnouncedEvents(Array.isArray(header) ? header.join(',') : header);
    const { pending, waitedMs } = await readYourWrites.wait(events);
    setAnswerHeader(READ_YOUR_WRITES_MS_HEADER, String(waitedMs));
    markPending(pending);
    return { written: answer.body, pending };
  };
}
