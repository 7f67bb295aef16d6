import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../../core/function-routes.js';
import { createGateway } from '../../platforms/local/gateway.js';
import { instanceCap } from '../../platforms/local/instance-cap.js';
import { close, listen } from '../gcf/listen.js';

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('instanceCap', () => {
  it('when calls beyond the limit arrive, then they wait and run in arrival order as slots free', async () => {
    const cap = instanceCap(1);
    const order: string[] = [];
    const first = await cap.acquire();
    const inOrder = (name: string) => (release: () => void) => {
      order.push(name);
      return release;
    };
    const second = cap.acquire().then(inOrder('second'));
    const third = cap.acquire().then(inOrder('third'));

    expect([cap.running, cap.queued]).toEqual([1, 2]);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect([cap.running, cap.queued]).toEqual([0, 0]);
  });

  it('when a slot is released twice, then it frees one slot only', async () => {
    const cap = instanceCap(2);
    const release = await cap.acquire();
    await cap.acquire();
    release();
    release();

    expect(cap.running).toBe(1);
  });

  it('when the limit is 0, then no call ever waits', async () => {
    const cap = instanceCap(0);
    await Promise.all(Array.from({ length: 50 }, () => cap.acquire()));

    expect([cap.running, cap.queued]).toEqual([50, 0]);
  });
});

/** A function that holds every call until the test releases it: what "an instance is busy" means. */
function heldFunction(body = '{}') {
  const held: ServerResponse[] = [];
  let arrived = 0;
  let holding = true;
  const answer = (res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  // Like a real function, it handles a call once the whole request has arrived.
  const server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.once('end', () => {
      arrived += 1;
      if (holding) held.push(res);
      else answer(res);
    });
  });
  return {
    server,
    arrived: () => arrived,
    releaseOne: () => answer(held.shift()!),
    /** From now on every call is held again. */
    hold: () => {
      holding = true;
    },
    /** From now on every call is answered at once. */
    releaseAll: () => {
      holding = false;
      for (const res of held.splice(0)) answer(res);
    },
  };
}

describe('local gateway: the instance cap', () => {
  const tags = heldFunction();
  const cap = instanceCap(1);
  const servers: Server[] = [tags.server];
  let gatewayUrl: string;

  beforeAll(async () => {
    const gateway = createGateway({
      targets: [
        { name: 'tags', routes: routesOf(['GetTags', 'CreateArticle']), url: await listen(tags.server) },
      ],
      caps: new Map([['tags', cap]]),
      metrics: async () => ({ contentType: 'text/plain', body: '' }),
      functions: () => ({ unit: 'functions', runtime: 'test', units: [] }),
    });
    servers.push(gateway);
    gatewayUrl = await listen(gateway);
  });
  afterAll(() => Promise.all(servers.map(close)));

  it('when a call arrives while the function runs its cap of instances, then it queues and runs once one is free', async () => {
    const first = fetch(`${gatewayUrl}/api/tags`);
    await until(() => tags.arrived() === 1);
    const second = fetch(`${gatewayUrl}/api/tags`);
    await until(() => cap.queued === 1);

    expect(tags.arrived()).toBe(1);
    tags.releaseOne();
    expect((await first).status).toBe(200);
    await until(() => tags.arrived() === 2);
    expect(cap.queued).toBe(0);
    tags.releaseOne();
    expect((await second).status).toBe(200);
  });

  it('when a client leaves halfway through its body while its call waits for a slot, then the slot is not lost to it', async () => {
    const first = fetch(`${gatewayUrl}/api/tags`);
    await until(() => cap.running === 1);
    // A write whose body never arrives whole: forwarded, it would hold the slot waiting for the rest.
    const halfSent = request(`${gatewayUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '100' },
    });
    halfSent.on('error', () => {});
    halfSent.write('{"article":');
    await until(() => cap.queued === 1);
    halfSent.destroy();

    tags.releaseAll();
    expect((await first).status).toBe(200);
    // With the half-sent call holding the one slot, this one would wait forever.
    expect((await fetch(`${gatewayUrl}/api/tags`)).status).toBe(200);
  });
});

describe('local gateway: a client that leaves while its call runs', () => {
  // An answer larger than the sockets buffer: nobody reads it unless the gateway drains it.
  const tags = heldFunction(JSON.stringify({ tags: Array.from({ length: 200_000 }, (_, i) => `tag-${i}`) }));
  const cap = instanceCap(1);
  const servers: Server[] = [tags.server];
  let gatewayUrl: string;

  beforeAll(async () => {
    const gateway = createGateway({
      targets: [{ name: 'tags', routes: routesOf(['GetTags']), url: await listen(tags.server) }],
      caps: new Map([['tags', cap]]),
      metrics: async () => ({ contentType: 'text/plain', body: '' }),
      functions: () => ({ unit: 'functions', runtime: 'test', units: [] }),
    });
    servers.push(gateway);
    gatewayUrl = await listen(gateway);
  });
  afterAll(() => Promise.all(servers.map(close)));

  it('when the function answers after the client left, then the slot comes back', async () => {
    const abandoned = new AbortController();
    const leaving = fetch(`${gatewayUrl}/api/tags`, { signal: abandoned.signal }).catch(() => 'left');
    await until(() => tags.arrived() === 1);
    abandoned.abort();
    expect(await leaving).toBe('left');
    tags.releaseAll();
    // The abandoned call's answer goes nowhere; had it kept the one slot, this call would wait forever.
    expect((await fetch(`${gatewayUrl}/api/tags`)).status).toBe(200);
  });

  it('when a client leaves while its whole request waits for a slot, then it is not forwarded and the slot stays usable', async () => {
    tags.hold();
    const arrivedBefore = tags.arrived();
    const running = fetch(`${gatewayUrl}/api/tags`);
    await until(() => tags.arrived() === arrivedBefore + 1);
    const abandoned = new AbortController();
    const leaving = fetch(`${gatewayUrl}/api/tags`, { signal: abandoned.signal }).catch(() => 'left');
    await until(() => cap.queued === 1);
    abandoned.abort();
    expect(await leaving).toBe('left');

    tags.releaseAll();
    expect((await running).status).toBe(200);
    // Forwarded, the abandoned GET would have reached the function unreadable and kept the slot.
    expect((await fetch(`${gatewayUrl}/api/tags`)).status).toBe(200);
    expect(tags.arrived()).toBe(arrivedBefore + 2);
  });
});
