import type { Broker, Subscription } from '@journey/broker';
import { count, recordDeliveries } from '@journey/broker/testing';
import { cuttableProxy } from '@journey/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerTargets } from './broker-targets.js';
import { articlePublished, type SampleEvent, sampleEvent } from './sample-events.js';

// One contract, four brokers: every adapter behind the port must pass the same suite.
for (const target of brokerTargets()) {
  const availability = await target.availability();
  describe.skipIf(!availability.available)(
    `broker contract: ${target.kind}${availability.reason ? ` (${availability.reason})` : ''}`,
    { timeout: 30_000 },
    () => {
      const groups: string[] = [];
      const open: Broker<SampleEvent>[] = [];
      let nextArticleId = 1_000;
      const newGroup = (name: string) => {
        const group = `${name}-${groups.length}`;
        groups.push(group);
        return group;
      };
      const connect = async () => {
        const broker = await target.open();
        open.push(broker);
        return broker;
      };
      const newArticle = () => articlePublished(nextArticleId++);
      let broker: Broker<SampleEvent>;

      beforeAll(async () => {
        broker = await connect();
      });
      afterAll(async () => {
        await Promise.all(open.map((b) => b.close()));
        await target.cleanup(groups);
      });

      it('when an event is published, then a subscribed group gets it whole, with its id, type and key', async () => {
        const recorder = recordDeliveries((delivery) => delivery.ack());
        const subscription = await broker.subscribe({
          group: newGroup('publish'),
          types: ['ArticlePublished'],
          handle: recorder.handle,
        });
        const event = newArticle();
        await broker.publish(event);
        await recorder.until((ids) => ids.includes(event.id));
        await subscription.stop();
        const { delivery } = recorder.deliveries[0]!;
        expect({ id: delivery.id, type: delivery.type, key: delivery.key }).toEqual({
          id: event.id,
          type: 'ArticlePublished',
          key: `article:${event.articleId}`,
        });
        expect(delivery.message).toEqual(event);
      });

      it("when the caller's rules refuse an event, then publish rejects with their reason", async () => {
        const broken = { ...newArticle(), articleId: 0 };
        await expect(broker.publish(broken)).rejects.toThrow(
          /invalid ArticlePublished event: \/articleId must be a positive integer/,
        );
      });

      it('when a consumer dies without acking, then another process of its group gets the event again', async () => {
        const group = newGroup('dies');
        const doomed = await connect();
        const unacked = recordDeliveries(() => {}); // takes the message, never settles it
        await doomed.subscribe({ group, types: ['ArticlePublished'], handle: unacked.handle });
        const event = newArticle();
        await broker.publish(event);
        await unacked.until((ids) => ids.includes(event.id));
        await doomed.close();

        const survivor = recordDeliveries((delivery) => delivery.ack());
        const subscription = await broker.subscribe({
          group,
          types: ['ArticlePublished'],
          handle: survivor.handle,
        });
        await survivor.until((ids) => ids.includes(event.id));
        await subscription.stop();
      });

      it('when a consumer nacks with a backoff, then the event comes back no sooner than the backoff', async () => {
        const backoffMs = 400;
        const recorder = recordDeliveries((delivery, seen) =>
          seen === 0 ? delivery.nack({ delayMs: backoffMs }) : delivery.ack(),
        );
        const subscription = await broker.subscribe({
          group: newGroup('nack'),
          types: ['ArticlePublished'],
          handle: recorder.handle,
        });
        const event = newArticle();
        await broker.publish(event);
        await recorder.until((ids) => count(ids, event.id) === 2);
        await subscription.stop();
        const [first, second] = recorder.deliveries.filter((d) => d.delivery.id === event.id);
        // A lower bound only: a slow machine can make the redelivery later, never earlier.
        expect(second!.at - first!.at).toBeGreaterThanOrEqual(backoffMs * 0.9);
      });

      it('when a handler throws, then the event is delivered again', async () => {
        const recorder = recordDeliveries((delivery, seen) => {
          if (seen === 0) throw new Error('projection failed');
          return delivery.ack();
        });
        const subscription = await broker.subscribe({
          group: newGroup('throws'),
          types: ['ArticlePublished'],
          handle: recorder.handle,
        });
        const event = newArticle();
        await broker.publish(event);
        await recorder.until((ids) => count(ids, event.id) === 2);
        await subscription.stop();
      });

      it('when a subscriber takes batches, then it gets every event once, in publish order (per key where the broker orders per key), no batch over its prefetch', async () => {
        const batches: string[][] = [];
        const recorder = recordDeliveries((delivery) => delivery.ack());
        const subscription = await broker.subscribe({
          group: newGroup('batches'),
          types: ['ArticlePublished'],
          prefetch: 3,
          async handleBatch(deliveries) {
            batches.push(deliveries.map((d) => d.id));
            for (const delivery of deliveries) await recorder.handle(delivery);
          },
        });
        const events = Array.from({ length: 8 }, newArticle);
        for (const event of events) await broker.publish(event);
        await recorder.until((ids) => ids.length >= events.length);
        await subscription.stop();
        // Each event has an aggregate of its own: where order is per key, only the set is fixed.
        const inOrder = (ids: string[]) => (target.order === 'total' ? ids : [...ids].sort());
        expect(inOrder(recorder.ids())).toEqual(inOrder(events.map((e) => e.id)));
        expect(batches.every((batch) => batch.length >= 1 && batch.length <= 3)).toBe(true);
      });

      it('when a batch handler throws, then every event of the batch it left unsettled comes back', async () => {
        let failed = false;
        const recorder = recordDeliveries((delivery) => delivery.ack());
        const subscription = await broker.subscribe({
          group: newGroup('batch-throws'),
          types: ['ArticlePublished'],
          async handleBatch(deliveries) {
            if (!failed) {
              failed = true;
              throw new Error('projection store went away');
            }
            for (const delivery of deliveries) await recorder.handle(delivery);
          },
        });
        const event = newArticle();
        await broker.publish(event);
        await recorder.until((ids) => ids.includes(event.id));
        await subscription.stop();
        expect(failed).toBe(true);
      });

      it('when two groups subscribe, then each gets every event, and only the types it asked for', async () => {
        const feed = recordDeliveries((delivery) => delivery.ack());
        const views = recordDeliveries((delivery) => delivery.ack());
        const subscriptions: Subscription[] = [
          await broker.subscribe({
            group: newGroup('feed'),
            types: ['ArticlePublished'],
            handle: feed.handle,
          }),
          await broker.subscribe({
            group: newGroup('views'),
            types: ['ArticlePublished', 'ArticleFavorited'],
            handle: views.handle,
          }),
        ];
        const articles = [newArticle(), newArticle(), newArticle()];
        const favorite = sampleEvent('ArticleFavorited', articles[0]!.articleId);
        for (const event of [...articles, favorite]) await broker.publish(event);
        const articleIds = articles.map((e) => e.id);
        await feed.until((ids) => articleIds.every((id) => ids.includes(id)));
        await views.until((ids) => [...articleIds, favorite.id].every((id) => ids.includes(id)));
        await Promise.all(subscriptions.map((s) => s.stop()));
        expect(feed.ids()).not.toContain(favorite.id);
      });

      it('when two processes share a group, then every event is handled by one of them', async () => {
        const group = newGroup('shared');
        const first = recordDeliveries((delivery) => delivery.ack());
        const second = recordDeliveries((delivery) => delivery.ack());
        const other = await connect();
        const subscriptions = [
          await broker.subscribe({ group, types: ['ArticlePublished'], handle: first.handle }),
          await other.subscribe({ group, types: ['ArticlePublished'], handle: second.handle }),
        ];
        const events = Array.from({ length: 10 }, newArticle);
        for (const event of events) await broker.publish(event);
        const handledByEither = () => new Set([...first.ids(), ...second.ids()]);
        await new Promise<void>((resolve) => {
          const check = () => events.every((e) => handledByEither().has(e.id)) && resolve();
          void first.until(() => Boolean(check()));
          void second.until(() => Boolean(check()));
        });
        await Promise.all(subscriptions.map((s) => s.stop()));
        expect(first.ids().filter((id) => second.ids().includes(id))).toEqual([]);
      });

      it("when one aggregate's events are published in order, then one subscriber gets them in that order", async () => {
        const recorder = recordDeliveries((delivery) => delivery.ack());
        const subscription = await broker.subscribe({
          group: newGroup('order'),
          types: ['ArticlePublished', 'ArticleUpdated', 'ArticleDeleted'],
          handle: recorder.handle,
          prefetch: 8,
        });
        const articleId = nextArticleId++;
        const events = [
          articlePublished(articleId),
          ...Array.from({ length: 18 }, (_, i) => sampleEvent('ArticleUpdated', articleId, `edit ${i}`)),
          sampleEvent('ArticleDeleted', articleId),
        ];
        for (const event of events) await broker.publish(event);
        await recorder.until((ids) => events.every((e) => ids.includes(e.id)));
        await subscription.stop();
        expect(recorder.ids()).toEqual(events.map((e) => e.id));
      });

      it('when the publisher confirmed an event, then it survives both connections closing', async () => {
        const group = newGroup('durable');
        const declared = await broker.subscribe({
          group,
          types: ['ArticlePublished'],
          handle: async () => {},
        });
        await declared.stop();
        const publisher = await connect();
        const event = newArticle();
        await publisher.publish(event);
        await publisher.close();

        const reopened = await connect();
        const recorder = recordDeliveries((delivery) => delivery.ack());
        const subscription = await reopened.subscribe({
          group,
          types: ['ArticlePublished'],
          handle: recorder.handle,
        });
        await recorder.until((ids) => ids.includes(event.id));
        await subscription.stop();
      });

      it('when a broker is closed, then it leaves no socket or file handle behind, and refuses to publish', async () => {
        const before = openHandles();
        const extra = await target.open();
        const recorder = recordDeliveries((delivery) => delivery.ack());
        await extra.subscribe({
          group: newGroup('close'),
          types: ['ArticlePublished'],
          handle: recorder.handle,
        });
        const event = newArticle();
        await extra.publish(event);
        await recorder.until((ids) => ids.includes(event.id));
        await extra.close();
        expect(await handlesOnceSettled(before)).toEqual(before);
        await expect(extra.publish(newArticle())).rejects.toThrow(/closed/);
      });

      // Only a networked broker has a connection to lose; the embedded log is a file.
      if (target.openThrough) {
        it('when the connection to the broker drops, then publishing recovers and the subscription resumes', async () => {
          const handles = openHandles();
          const proxy = await cuttableProxy(target.address!);
          const through = await target.openThrough!(proxy.port);
          const recorder = recordDeliveries((delivery) => delivery.ack());
          const subscription = await through.subscribe({
            group: newGroup('reconnect'),
            types: ['ArticlePublished'],
            handle: recorder.handle,
          });
          const before = newArticle();
          await through.publish(before);
          await recorder.until((ids) => ids.includes(before.id));

          proxy.cut();
          const after = newArticle();
          await publishOnceReconnected(through, after);
          await recorder.until((ids) => ids.includes(after.id));
          await subscription.stop();
          await through.close();
          await proxy.close();
          expect(await handlesOnceSettled(handles)).toEqual(handles);
        });
      }
    },
  );
}

/** What the outbox relay does after a failed publish, in short: try again until the broker is back. */
async function publishOnceReconnected(broker: Broker<SampleEvent>, event: SampleEvent) {
  for (;;) {
    try {
      return await broker.publish(event);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Sockets and file handles alive now (vitest's own included: compared before and after). Timers are
 * left out: vitest's own come and go while the test runs.
 */
const openHandles = () =>
  process
    .getActiveResourcesInfo()
    .filter((resource) => /TCP|Pipe|Shutdown|FileHandle|FSReq/.test(resource))
    .sort();

/**
 * The client libraries resolve close() before libuv has released the socket handle (a few ms later):
 * poll until the handles are back to `expected`, or give up after ~2 s and return what is still open.
 */
async function handlesOnceSettled(expected: string[]): Promise<string[]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const now = openHandles();
    if (now.join() === expected.join()) return now;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return openHandles();
}
