import { createDispatcher, type Delivery, settleOnce } from '@journey/broker';
import { createLogger } from '@journey/platform';
import { describe, expect, it } from 'vitest';

const logger = createLogger('dispatcher-test', 'silent');

/** A delivery as an adapter makes it, recording how it was settled. */
function delivery(id: string, settled: string[]) {
  return settleOnce(
    { id, type: 'ArticlePublished', key: `article:${id}`, message: {} },
    {
      ack: async () => {
        settled.push(`ack ${id}`);
      },
      nack: async (delayMs) => {
        settled.push(`nack ${id} ${delayMs}`);
      },
    },
  );
}

/** A promise and the function that resolves it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('dispatcher (how every adapter hands messages to a subscriber)', () => {
  it('when a batch subscriber is busy, then what arrives meanwhile comes next as one batch, in order, capped at the batch size', async () => {
    const batches: string[][] = [];
    const settled: string[] = [];
    const first = gate();
    const firstTaken = gate();
    const dispatcher = createDispatcher(
      {
        group: 'g',
        types: ['ArticlePublished'],
        async handleBatch(deliveries: readonly Delivery[]) {
          batches.push(deliveries.map((d) => d.id));
          if (batches.length === 1) {
            firstTaken.open();
            await first.opened;
          }
          for (const d of deliveries) await d.ack();
        },
      },
      4,
      logger,
    );
    dispatcher.push(delivery('1', settled));
    await firstTaken.opened;
    for (const id of ['2', '3', '4', '5', '6', '7']) dispatcher.push(delivery(id, settled));
    expect(dispatcher.pending).toBe(7);
    first.open();
    await dispatcher.idle();
    expect(batches).toEqual([['1'], ['2', '3', '4', '5'], ['6', '7']]);
    expect(settled).toEqual(['1', '2', '3', '4', '5', '6', '7'].map((id) => `ack ${id}`));
    expect(dispatcher.pending).toBe(0);
  });

  it('when messages arrive in one burst, then they form one batch, the first one included', async () => {
    const batches: string[][] = [];
    const dispatcher = createDispatcher(
      {
        group: 'g',
        types: ['ArticlePublished'],
        async handleBatch(deliveries: readonly Delivery[]) {
          batches.push(deliveries.map((d) => d.id));
          for (const d of deliveries) await d.ack();
        },
      },
      16,
      logger,
    );
    for (const id of ['1', '2', '3']) dispatcher.push(delivery(id, []));
    await dispatcher.idle();
    expect(batches).toEqual([['1', '2', '3']]);
  });

  it('when a nack fails after a handler threw, then the dispatcher goes on with the next messages', async () => {
    const handled: string[] = [];
    const dispatcher = createDispatcher(
      {
        group: 'g',
        types: ['ArticlePublished'],
        async handle(d: Delivery) {
          if (d.id === 'doomed') throw new Error('projection store went away');
          handled.push(d.id);
          await d.ack();
        },
      },
      1,
      logger,
    );
    dispatcher.push(
      settleOnce(
        { id: 'doomed', type: 'ArticlePublished', key: '', message: {} },
        {
          ack: async () => {},
          nack: async () => {
            throw new Error('connection closed');
          },
        },
      ),
    );
    dispatcher.push(delivery('next', []));
    await dispatcher.idle();
    dispatcher.push(delivery('later', []));
    await dispatcher.idle();
    expect(handled).toEqual(['next', 'later']);
    expect(dispatcher.pending).toBe(0);
  });

  it('when a one-by-one subscriber is busy, then the others wait their turn, one per call', async () => {
    const calls: string[] = [];
    const dispatcher = createDispatcher(
      {
        group: 'g',
        types: ['ArticlePublished'],
        async handle(d: Delivery) {
          calls.push(d.id);
          await d.ack();
        },
      },
      4,
      logger,
    );
    for (const id of ['1', '2', '3']) dispatcher.push(delivery(id, []));
    await dispatcher.idle();
    expect(calls).toEqual(['1', '2', '3']);
  });

  it('when a batch handler throws, then what it left unsettled is nacked and what it settled stays so', async () => {
    const settled: string[] = [];
    const dispatcher = createDispatcher(
      {
        group: 'g',
        types: ['ArticlePublished'],
        async handleBatch(deliveries: readonly Delivery[]) {
          await deliveries[0]!.ack();
          throw new Error('projection store went away');
        },
      },
      4,
      logger,
    );
    for (const id of ['x', 'a', 'b', 'c']) dispatcher.push(delivery(id, settled));
    await dispatcher.idle();
    expect(settled).toEqual(['ack x', 'nack a 1000', 'nack b 1000', 'nack c 1000']);
  });

  it('when a pulling adapter asks for room, then it waits until fewer than the limit are pending', async () => {
    const first = gate();
    const dispatcher = createDispatcher(
      {
        group: 'g',
        types: ['ArticlePublished'],
        async handle(d: Delivery) {
          await first.opened;
          await d.ack();
        },
      },
      1,
      logger,
    );
    dispatcher.push(delivery('1', []));
    dispatcher.push(delivery('2', []));
    let roomy = false;
    const room = dispatcher.room(2).then(() => {
      roomy = true;
    });
    // Several turns of the event loop: had room() not waited, it would have resolved by now.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(roomy).toBe(false);
    first.open();
    await room;
    expect(dispatcher.pending).toBeLessThan(2);
    await dispatcher.idle();
  });
});
