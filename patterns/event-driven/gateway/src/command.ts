import { EVENTS_HEADER, parseAnnouncedEvents } from '@journey/event-driven-service-kit';
import { setAnswerHeader } from './answer-headers.js';
import type { ReadYourWrites } from './read-your-writes.js';
import type { ServiceCall, ServiceClient } from './service-client.js';
import { ConsistencyPending } from './service-failures.js';

/** How long the command waited for its events to be applied, on every command's answer (the bench reads it). */
export const READ_YOUR_WRITES_MS_HEADER = 'x-journey-read-your-writes-ms';

export type Command = <T>(owner: ServiceClient, call: ServiceCall) => Promise<T>;

/**
 * A command goes to the service that owns the data; when it answers, the change and its events are
 * committed. Before the gateway reads the change back from a read model, every consumer of those
 * events must have applied them, or the writer would not see their own write. If they do not
 * within the wait, the answer is 202 with what is pending (ConsistencyPending), never an error.
 */
export function commandsWith(readYourWrites: ReadYourWrites): Command {
  return async <T>(owner: ServiceClient, call: ServiceCall): Promise<T> => {
    const answer = await owner.send<T>(call);
    const header = answer.headers[EVENTS_HEADER];
    const events = parseAnnouncedEvents(Array.isArray(header) ? header.join(',') : header);
    const { pending, waitedMs } = await readYourWrites.wait(events);
    setAnswerHeader(READ_YOUR_WRITES_MS_HEADER, String(waitedMs));
    if (pending.length > 0) throw new ConsistencyPending({ accepted: { events }, pending });
    return answer.body;
  };
}
