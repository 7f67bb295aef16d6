import type { DomainEvent } from '@journey/event-driven-events';
import type { FastifyReply } from 'fastify';

/**
 * The events a command committed, on its answer: `x-journey-events: <type>:<id>,<type>:<id>`. The
 * gateway reads it to know which consumers to wait for before it reads the write back.
 */
export const EVENTS_HEADER = 'x-journey-events';

export function announce(reply: FastifyReply, events: readonly DomainEvent[]): FastifyReply {
  if (events.length > 0) reply.header(EVENTS_HEADER, formatAnnouncedEvents(events));
  return reply;
}

export const formatAnnouncedEvents = (events: readonly Pick<DomainEvent, 'type' | 'id'>[]) =>
  events.map((event) => `${event.type}:${event.id}`).join(',');

/** The header read back: `[{ type, id }]`, empty when there is none; entries that are not `<type>:<id>` are dropped. */
export function parseAnnouncedEvents(header: string | undefined | null): { type: string; id: string }[] {
  if (!header) return [];
  return header
    .split(',')
    .map((entry) => entry.trim().split(':'))
    .filter((parts): parts is [string, string] => parts.length === 2 && parts[0] !== '' && parts[1] !== '')
    .map(([type, id]) => ({ type, id }));
}
