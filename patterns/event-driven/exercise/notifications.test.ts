import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Broker, openBrokerFromUrl } from '@journey/broker';
import { createEvent, type DomainEvent, eventRules } from '@journey/event-driven-events';
import { type BrokerConnection, VIEWER_HEADER } from '@journey/event-driven-service-kit';
import { createLogger, type Logger } from '@journey/platform';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The acceptance test of the event-driven exercise (pattern.ts, README "Exercise"): a notifications
 * service that tells an article's author about each comment on it, exactly once, whatever the
 * broker does. It drives the learner's service in-process on an embedded log of its own and a SQLite
 * file in a temporary directory, publishing the events the articles and comments services would.
 */

const SERVICE_DIR = 'patterns/event-driven/services/notifications';
const APP = new URL('../services/notifications/src/app.ts', import.meta.url);
/** The consumer group startService names after the service: the one a redelivery is handed to. */
const GROUP = 'notifications';
/**
 * A bound for a broken run, never a speed check: a working consumer settles an event in milliseconds,
 * and one that fails it gives up after the kit's five attempts (about 3 s).
 */
const SETTLED_WITHIN_MS = 15_000;

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer, read field by field by the assertions
type Json = any;
/** A parked message, as the kit's GET /dead-letters lists it. */
interface DeadLetter {
  eventId: string;
  type: string;
  error: string;
  attempts: number;
}

interface NotificationsService {
  app: {
    inject(request: { method: 'GET'; url: string; headers?: Record<string, string> }): Promise<{
      statusCode: number;
      json(): unknown;
      body: string;
    }>;
  };
  close(): Promise<void>;
}
type BuildNotifications = (options: {
  databaseUrl: string;
  broker: BrokerConnection;
  logger: Logger;
}) => Promise<NotificationsService>;

/** The learner's `buildNotifications`, or an error that says what is missing. */
async function loadBuildNotifications(): Promise<BuildNotifications> {
  if (!existsSync(APP))
    throw new Error(
      `${SERVICE_DIR}/src/app.ts does not exist yet: create it, exporting ` +
        'buildNotifications({ databaseUrl, broker, logger }) built on the service kit (startService), as services/comments/src/app.ts does',
    );
  let module: Record<string, unknown>;
  try {
    module = await import(/* @vite-ignore */ APP.href);
  } catch (error) {
    throw new Error(`${SERVICE_DIR}/src/app.ts does not load: ${(error as Error).message}`, { cause: error });
  }
  if (typeof module.buildNotifications !== 'function')
    throw new Error(
      `${SERVICE_DIR}/src/app.ts exports no function buildNotifications (it exports: ${Object.keys(module).join(', ') || 'nothing'})`,
    );
  return module.buildNotifications as BuildNotifications;
}

const logger = createLogger('notifications-exercise', 'silent');
const author = 1;
const reader = 2;
const otherAuthor = 3;

const published = (articleId: number, authorId: number) =>
  createEvent('ArticlePublished', {
    articleId,
    slug: `article-${articleId}`,
    authorId,
    title: `Article ${articleId}`,
    description: 'An article to comment on',
    body: 'Its body',
    tagList: [],
    createdAt: '2026-12-01T10:00:00.000Z',
  });
const deleted = (articleId: number, authorId: number) =>
  createEvent('ArticleDeleted', { articleId, slug: `article-${articleId}`, authorId, tagList: [] });
let nextCommentId = 100;
const commented = (articleId: number, commenterId: number, body: string, minute = 0) =>
  createEvent('CommentAdded', {
    commentId: nextCommentId++,
    articleId,
    authorId: commenterId,
    body,
    createdAt: `2026-12-01T11:${String(minute).padStart(2, '0')}:00.000Z`,
  });

/** One run's world: an embedded log and the service's SQLite file in a temporary directory, and a publisher. */
async function openLab() {
  // First, so a missing service leaves nothing behind to clean up.
  const build = await loadBuildNotifications();
  const dir = mkdtempSync(join(tmpdir(), 'journey-notifications-exercise-'));
  const logFile = join(dir, 'events.sqlite');
  const broker: BrokerConnection = { url: `embedded:${logFile}`, namespace: 'journey_exercise' };
  const databaseUrl = join(dir, 'notifications.sqlite');
  const publisher: Broker = await openBrokerFromUrl(broker.url, {
    namespace: broker.namespace,
    events: eventRules,
    logger,
  });
  // The test's own look into the log: where the group stands, and a way to hand a message over again.
  const log = new SQLite(logFile);
  log.pragma('busy_timeout = 5000');
  const groupState = log.prepare(`select
      (select next_seq from consumer_groups where name = ?) as next,
      (select coalesce(max(seq), 0) from log) as last,
      (select count(*) from pending where group_name = ?) as held`);
  const redeliverOne = log.prepare(
    'insert into pending (group_name, seq, visible_at) select ?, seq, 0 from log where id = ?',
  );
  let service: NotificationsService | undefined;

  async function start() {
    service = await build({ databaseUrl, broker, logger });
    if (typeof service?.app?.inject !== 'function' || typeof service.close !== 'function')
      throw new Error(
        'buildNotifications must resolve to { app, close }: app the service server startService returned (not listening), close stopping it',
      );
    return service;
  }
  const running = () => {
    if (!service) throw new Error('the notifications service is not running');
    return service;
  };

  async function get(url: string, viewer?: number) {
    const answer = await running().app.inject({
      method: 'GET',
      url,
      headers: viewer === undefined ? {} : { [VIEWER_HEADER]: String(viewer) },
    });
    return { status: answer.statusCode, body: (answer.body === '' ? undefined : answer.json()) as Json };
  }

  /**
   * Waits until the notifications group has settled (acknowledged, or parked and acknowledged) every
   * message of the log, read from the embedded log itself: its offset past the last message and
   * nothing held. This asks the broker, not the service, so a hand-made consumer is judged too.
   */
  async function untilSettled() {
    const deadline = Date.now() + SETTLED_WITHIN_MS;
    for (;;) {
      const state = groupState.get(GROUP, GROUP) as { next: number | null; last: number; held: number };
      if (state.next === null)
        throw new Error(
          `no consumer group "${GROUP}" on the broker: start the service with service: '${GROUP}' and a consumer, so its group is named after it`,
        );
      if (state.next > state.last && state.held === 0) return;
      if (Date.now() > deadline)
        throw new Error(
          `notifications had not settled every event after ${SETTLED_WITHIN_MS / 1000} s ` +
            `(${state.held} taken but not acknowledged, ${Math.max(0, state.last - state.next + 1)} not taken yet)`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Publishes as the articles and comments services would, and waits until notifications settled it all. */
  async function deliver(...events: DomainEvent[]) {
    for (const event of events) await publisher.publish(event);
    await untilSettled();
  }

  /**
   * Hands `events` to the notifications group once more, as the embedded log does when a consumer
   * applied a message but its ack never arrived (its visibility timeout ran out), and waits until
   * the service settled them again.
   */
  async function redeliver(...events: DomainEvent[]) {
    await untilSettled();
    for (const event of events) expect(redeliverOne.run(GROUP, event.id).changes).toBe(1);
    await untilSettled();
  }

  /** What the kit's consumer parked as dead letters, for the failure messages; none without the kit. */
  async function parked(): Promise<string> {
    const answer = await get('/dead-letters');
    const letters: DeadLetter[] = answer.status === 200 ? (answer.body?.deadLetters ?? []) : [];
    return letters.length === 0
      ? ''
      : `; it parked ${letters.map((letter) => `${letter.type} after ${letter.attempts} attempts (${letter.error})`).join(', ')} as dead letters`;
  }

  /** Asserts what `viewer` is notified of, in order. */
  async function expectNotified(viewer: number, expected: Notification[]) {
    const answer = await get('/notifications', viewer);
    expect(answer.status, `GET /notifications as user ${viewer}: ${JSON.stringify(answer.body)}`).toBe(200);
    expect(answer.body, 'GET /notifications answers { notifications: [...] }').toHaveProperty(
      'notifications',
    );
    expect(answer.body.notifications, `the notifications of user ${viewer}${await parked()}`).toEqual(
      expected,
    );
  }

  return {
    start,
    get,
    deliver,
    redeliver,
    expectNotified,
    async stop() {
      await service?.close();
      service = undefined;
    },
    async close() {
      try {
        await service?.close();
      } finally {
        log.close();
        await publisher.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

interface Notification {
  commentId: number;
  articleId: number;
  commenterId: number;
  body: string;
  createdAt: string;
}

/** What one notification reads as: the comment and who wrote it, on which article. */
const notification = (event: Extract<DomainEvent, { type: 'CommentAdded' }>): Notification => ({
  commentId: event.payload.commentId,
  articleId: event.payload.articleId,
  commenterId: event.payload.authorId,
  body: event.payload.body,
  createdAt: event.payload.createdAt,
});

describe('exercise: a notifications service that tells authors about comments, exactly once', {
  timeout: 90_000,
}, () => {
  let lab: Awaited<ReturnType<typeof openLab>> | undefined;
  const open = async () => {
    lab = await openLab();
    await lab.start();
    return lab;
  };
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  }, 60_000);

  it('when the service starts, then GET /notifications needs a viewer (401 without x-journey-viewer-id) and is empty for a newcomer', async () => {
    const { get, expectNotified } = await open();
    expect((await get('/notifications')).status).toBe(401);
    await expectNotified(author, []);
  });

  it("when readers comment on an author's article, then the author is notified of each, newest first, and nobody else is", async () => {
    const { deliver, expectNotified } = await open();
    const first = commented(7, reader, 'Great read!', 1);
    const second = commented(7, otherAuthor, 'I disagree.', 2);
    await deliver(published(7, author), published(8, otherAuthor), first, second);

    await expectNotified(author, [notification(second), notification(first)]);
    await expectNotified(reader, []);
    await expectNotified(otherAuthor, []);
  });

  it('when authors comment on their own article, then nobody is notified', async () => {
    const { deliver, expectNotified } = await open();
    await deliver(published(7, author), commented(7, author, 'Thanks for reading, all.'));
    await expectNotified(author, []);
  });

  it('when the broker hands the same CommentAdded over again (applied, but its ack was lost), then the author still has it once', async () => {
    const { deliver, redeliver, expectNotified } = await open();
    const article = published(7, author);
    const comment = commented(7, reader, 'Great read!');
    await deliver(article, comment);

    await redeliver(comment, article);
    await redeliver(comment);
    await expectNotified(author, [notification(comment)]);
  });

  it('when the service restarts on its database, then its notifications are still there and a redelivery adds none', async () => {
    const { start, stop, deliver, redeliver, expectNotified } = await open();
    const comment = commented(7, reader, 'Great read!');
    await deliver(published(7, author), comment);

    await stop();
    await start();
    await expectNotified(author, [notification(comment)]);
    await redeliver(comment);
    const later = commented(7, otherAuthor, 'Me too.', 5);
    await deliver(later);
    await expectNotified(author, [notification(later), notification(comment)]);
  });

  it('when a CommentAdded arrives before its article’s ArticlePublished, then the author is notified once the article is known', async () => {
    const { deliver, expectNotified } = await open();
    // Two producers, no order between them: another replica of this group may still be applying the
    // article, or it was parked as a dead letter and is replayed later.
    const early = commented(9, reader, 'First!');
    await deliver(early, published(9, author));

    await expectNotified(author, [notification(early)]);
  });

  it('when an article is deleted, then its notifications go with it, those of other articles stay, and later comments on it notify nobody', async () => {
    const { deliver, expectNotified } = await open();
    const kept = commented(8, reader, 'On the other one.', 1);
    await deliver(published(7, author), published(8, author), commented(7, reader, 'Great read!', 2), kept);

    await deliver(deleted(7, author), commented(7, reader, 'Posted while it was being deleted.', 3));
    await expectNotified(author, [notification(kept)]);
  });
});
