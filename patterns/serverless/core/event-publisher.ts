import { type Broker, openBrokerFromUrl } from '@journey/broker';
import { env, type Logger } from '@journey/platform';
import { type ArticlePublishedEvent, conduitEventRules, eventsNamespace } from './event-catalogue.js';

/**
 * The second and last piece of state a function instance keeps between invocations (ADR 0014), beside
 * the database pool: the broker connection its events go out on, opened by the first event it
 * publishes and reused while the instance is warm. Only when BROKER_URL names the local topology's
 * broker; deployed, the deploy config names the platform's own bus instead.
 */
let opened: Promise<Broker<ArticlePublishedEvent>> | undefined;

/**
 * Publishes the event once its write has committed. A failure here must not turn a saved write into a
 * failed answer, so it is logged as an error with the event, never thrown: the event is lost. An outbox
 * written in the write's own transaction would close that gap (README).
 */
export async function publishAfterCommit(event: ArticlePublishedEvent, log: Logger): Promise<void> {
  const brokerUrl = env.string('BROKER_URL');
  if (brokerUrl === undefined) return;
  try {
    opened ??= open(brokerUrl, log);
    await (await opened).publish(event);
  } catch (error) {
    log.error(
      { err: error, eventId: event.id, eventType: event.type, articleId: event.data.articleId },
      'event lost: the write was saved but its event could not be published',
    );
  }
}

function open(brokerUrl: string, log: Logger): Promise<Broker<ArticlePublishedEvent>> {
  const opening = openBrokerFromUrl(brokerUrl, {
    namespace: eventsNamespace(),
    events: conduitEventRules,
    logger: log,
  });
  // A broker that could not be reached is tried again by the next event, not remembered as failed.
  opening.catch(() => {
    if (opened === opening) opened = undefined;
  });
  return opening;
}

/** Closes the connection, for a host that stops (tests); the next event reopens it. */
export async function closeEventPublisher(): Promise<void> {
  const closing = opened;
  opened = undefined;
  await (await closing?.catch(() => undefined))?.close();
}
