import { type Consumer, consumersOf, EVENT_TYPES, type EventType } from '@journey/event-driven-events';
import { consumerApi, MAX_APPLIED_WAIT_MS } from '@journey/event-driven-service-kit';
import type { Logger } from '@journey/platform';
import type { ServiceClient } from './service-client.js';

/** One event a command committed, as its answer's `x-journey-events` names it. */
export interface AnnouncedEvent {
  type: string;
  id: string;
}

export interface WaitOutcome {
  /** The consumers that had not applied their events when the wait ended; empty when all had. */
  pending: Consumer[];
  waitedMs: number;
}

// A long poll answers after the wait it was given; this much more is the time to say so.
const ANSWER_MARGIN_MS = 2_000;

type AppliedAnswer = { applied: boolean; missing?: string[] };

/**
 * pattern: read-your-writes at the gateway (ADR 0009). After a command, ask every consumer of its
 * events (the catalogue says who) whether it has applied them, all at once, each with a long poll,
 * and all within one deadline. A consumer that cannot be asked counts as pending at once: the
 * command is committed either way, and the answer should say so quickly rather than late.
 */
export function createReadYourWrites(
  consumers: Record<Consumer, ServiceClient>,
  waitMs: number,
  logger: Logger,
) {
  async function appliedBy(consumer: ServiceClient, ids: string[], deadline: number): Promise<boolean> {
    // A consumer holds one poll at most MAX_APPLIED_WAIT_MS; a longer wait asks again.
    for (let remaining = deadline - Date.now(); remaining > 0; remaining = deadline - Date.now()) {
      const pollMs = Math.min(remaining, MAX_APPLIED_WAIT_MS);
      const { body } = await consumer.send<AppliedAnswer>({
        method: 'GET',
        route: consumerApi.applied.path,
        query: { ids: ids.join(','), waitMs: String(pollMs) },
        timeoutMs: pollMs + ANSWER_MARGIN_MS,
      });
      if (body.applied) return true;
    }
    return false;
  }

  return {
    /** Waits, bounded, until every consumer of `events` has applied them. */
    async wait(events: readonly AnnouncedEvent[]): Promise<WaitOutcome> {
      const started = Date.now();
      const idsByConsumer = new Map<Consumer, string[]>();
      for (const event of events) {
        if (!(EVENT_TYPES as readonly string[]).includes(event.type)) {
          logger.warn(
            { event },
            'a service announced an event the catalogue does not know; not waiting for it',
          );
          continue;
        }
        for (const consumer of consumersOf(event.type as EventType))
          idsByConsumer.set(consumer, [...(idsByConsumer.get(consumer) ?? []), event.id]);
      }
      if (idsByConsumer.size === 0) return { pending: [], waitedMs: 0 };
      const deadline = started + waitMs;
      const outcomes = await Promise.all(
        [...idsByConsumer].map(async ([consumer, ids]) => {
          try {
            return { consumer, applied: await appliedBy(consumers[consumer], ids, deadline) };
          } catch (error) {
            logger.warn({ err: error, consumer }, 'could not ask a consumer whether it applied the events');
            return { consumer, applied: false };
          }
        }),
      );
      return {
        pending: outcomes.filter((outcome) => !outcome.applied).map((outcome) => outcome.consumer),
        waitedMs: Date.now() - started,
      };
    },
  };
}

export type ReadYourWrites = ReturnType<typeof createReadYourWrites>;
