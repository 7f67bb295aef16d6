import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@journey/conformance';
import { createLogger } from '@journey/platform';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { closeEventPublisher } from '../core/event-publisher.js';
import type { ConduitEvent, EventInvoker, EventOutcome } from '../core/event-types.js';
import { eventFunctions } from '../functions/index.js';
import { type EventDelivery, startEventDelivery } from '../platforms/local/event-delivery.js';
import { conduitClient } from '../test/events/conduit-client.js';
import { type EventDatabase, eventDatabase } from '../test/events/event-database.js';
import { type FunctionHost, startFunctionHost } from '../test/support/function-host.js';

/**
 * The exercise's verdict, on the event path the local runtime plays: the HTTP functions answer in this
 * process on a fresh SQLite file; the comments function publishes on an embedded broker; the runtime's
 * own event delivery (platforms/local/event-delivery.ts) feeds every function of `eventFunctions` from
 * its consumer group. A comment by Bob on Alice's article must notify Alice and not Bob, a comment by
 * Carol on her own article nobody, and the same event delivered twice must still make one row.
 * Waits poll until notify-author has been invoked, within a bound.
 */

const PATTERN_DIR = new URL('../', import.meta.url);
const NOTIFY_AUTHOR = 'notify-author';
const COMMENT_ADDED = 'comment-added';
const SETTINGS = ['JWT_SECRET', 'BROKER_URL', 'BROKER_NAMESPACE', 'LOG_LEVEL'] as const;
/** How long a comment's event may take to reach notify-author on a busy machine. */
const DELIVERY_BOUND_MS = 30_000;

interface Invocation {
  event: ConduitEvent<unknown>;
  outcome: EventOutcome | 'failed';
}

const notifyAuthorEntry = () => {
  const entry = eventFunctions.find((candidate) => candidate.name === NOTIFY_AUTHOR);
  if (!entry) {
    expect.fail(
      `functions/index.ts lists no event function "${NOTIFY_AUTHOR}" in eventFunctions (it has ${eventFunctions.map((e) => e.name).join(', ')})`,
    );
  }
  return entry;
};

describe('notify-author, an event function triggered by comment-added', () => {
  const previous = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
  const brokerDir = mkdtempSync(join(tmpdir(), 'journey-exercise-serverless-'));
  const brokerUrl = `embedded:${join(brokerDir, 'events.sqlite')}`;
  /** notify-author's invocations, in the order the delivery made them. */
  const invocations: Invocation[] = [];
  let database: EventDatabase;
  let host: FunctionHost;
  let delivery: EventDelivery;
  let invoke: EventInvoker;

  /** Calls each event function's handler in this process, as the `local` platform, recording notify-author's. */
  async function recordingInvoker(): Promise<EventInvoker> {
    const loaded = new Map(
      await Promise.all(
        eventFunctions.map(async (entry) => [entry.name, (await entry.load()).definition] as const),
      ),
    );
    return async (name, event) => {
      const definition = loaded.get(name);
      if (!definition) throw new Error(`no event function "${name}" was loaded`);
      const record = (outcome: Invocation['outcome']) => {
        if (name === NOTIFY_AUTHOR) invocations.push({ event, outcome });
      };
      try {
        const outcome = await definition.handler(event, { requestId: event.id, platform: 'local' });
        record(outcome);
        return outcome;
      } catch (error) {
        record('failed');
        throw error;
      }
    };
  }

  beforeAll(async () => {
    database = await eventDatabase('sqlite');
    Object.assign(process.env, {
      JWT_SECRET: 'exercise-serverless-notify-author',
      BROKER_URL: brokerUrl,
      BROKER_NAMESPACE: 'exercise-serverless',
      LOG_LEVEL: 'warn',
    });
    host = await startFunctionHost();
    invoke = await recordingInvoker();
    // Subscribed before any comment: a consumer group gets the events published after it first subscribed.
    delivery = await startEventDelivery({
      brokerUrl,
      namespace: 'exercise-serverless',
      functions: eventFunctions,
      invoke,
      logger: createLogger('exercise', 'silent'),
      retryDelayMs: 50,
    });
  });

  afterAll(async () => {
    await delivery?.stop();
    await host?.close();
    await closeEventPublisher();
    await database?.dispose();
    for (const name of SETTINGS) {
      if (previous[name] === undefined) delete process.env[name];
      else process.env[name] = previous[name];
    }
    rmSync(brokerDir, { recursive: true, force: true });
  });

  const conduit = conduitClient(() => host.baseUrl);

  async function register(username: string): Promise<{ token: string; id: number }> {
    const token = await conduit.register(username);
    return { token, id: await userId(username) };
  }

  async function userId(username: string): Promise<number> {
    const { id } = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return id;
  }

  async function comment(token: string, slug: string): Promise<void> {
    const response = await fetch(`${host.baseUrl}/api/articles/${slug}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${token}` },
      body: JSON.stringify({ comment: { body: 'Nice one.' } }),
    });
    expect(response.status, `the comment was answered ${await response.text()}`).toBe(200);
  }

  /** Comments, then waits (bounded) until notify-author has been invoked once more, and returns that invocation. */
  async function commentAndAwaitNotifyAuthor(token: string, slug: string): Promise<Invocation> {
    const before = invocations.length;
    await comment(token, slug);
    await eventually(
      () =>
        expect(
          invocations.length,
          `notify-author was not invoked after the comment: does the comments function publish ${COMMENT_ADDED} after its write, and is notify-author listed in eventFunctions with the trigger ${COMMENT_ADDED}?`,
        ).toBeGreaterThan(before),
      { timeoutMs: DELIVERY_BOUND_MS },
    );
    const invocation = invocations[before]!;
    expect(invocation.event.type).toBe(COMMENT_ADDED);
    expect(
      invocation.outcome,
      `notify-author answered "${invocation.outcome}" for ${JSON.stringify(invocation.event)}`,
    ).toBe('handled');
    return invocation;
  }

  /** The notifications recorded for one user, as the article's author. */
  async function notificationsOf(userId: number): Promise<number> {
    const { rows } = await sql<{ count: number }>`
      select count(*) as count from author_notifications where author_id = ${userId}
    `.execute(database.db);
    return Number(rows[0]?.count ?? 0);
  }

  it('when the function map is read, then notify-author is an event function triggered by comment-added, fed by its own consumer group', () => {
    const entry = notifyAuthorEntry();
    expect(entry.trigger).toBe(COMMENT_ADDED);
    expect(entry.group).toBe(NOTIFY_AUTHOR);
    expect(entry.module).toBe('functions/notify-author/handler.ts');
  });

  it('when the AWS deploy config is read, then notify-author is deployed behind an EventBridge rule on comment-added, as the local AWS runtime invokes it', () => {
    const handlerEntry = `platforms/aws/handlers/${NOTIFY_AUTHOR}.ts`;
    expect(existsSync(new URL(handlerEntry, PATTERN_DIR)), `${handlerEntry} exports its handler`).toBe(true);
    const config = parse(readFileSync(new URL('deploy/aws/serverless.yml', PATTERN_DIR), 'utf8')) as {
      functions: Record<string, { handler: string; events?: { eventBridge?: { pattern?: unknown } }[] }>;
    };
    const deployed = config.functions[NOTIFY_AUTHOR];
    expect(deployed, `deploy/aws/serverless.yml has no function ${NOTIFY_AUTHOR}`).toBeDefined();
    expect(deployed?.handler).toBe(`platforms/aws/handlers/${NOTIFY_AUTHOR}.handler`);
    expect(deployed?.events?.map((event) => event.eventBridge?.pattern)).toContainEqual(
      expect.objectContaining({ 'detail-type': [COMMENT_ADDED] }),
    );
  });

  let bobsComment: Invocation | undefined;

  it("when Bob comments on Alice's article, then Alice gets one notification and Bob none", async () => {
    notifyAuthorEntry();
    const alice = await register('alice');
    const bob = await register('bob');
    const slug = await conduit.publish(alice.token, 'Functions all the way down');

    bobsComment = await commentAndAwaitNotifyAuthor(bob.token, slug);

    expect(await notificationsOf(alice.id), "the article's author is notified once").toBe(1);
    expect(await notificationsOf(bob.id), 'the commenter is not notified of their own comment').toBe(0);
  });

  it('when Carol comments on her own article, then nobody is notified', async () => {
    notifyAuthorEntry();
    const carol = await register('carol');
    const slug = await conduit.publish(carol.token, 'Talking to myself');

    await commentAndAwaitNotifyAuthor(carol.token, slug);

    expect(await notificationsOf(carol.id), 'an author commenting on their own article').toBe(0);
  });

  it("when Bob's comment-added is delivered a second time, then Alice still has one notification", async () => {
    notifyAuthorEntry();
    if (!bobsComment) expect.fail("Bob's comment never reached notify-author (see the test above)");
    expect(await invoke(NOTIFY_AUTHOR, bobsComment.event)).toBe('handled');

    expect(await notificationsOf(await userId('alice')), 'a delivery can repeat: one comment, one row').toBe(
      1,
    );
  });
});
