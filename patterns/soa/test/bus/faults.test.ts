import type { FaultCode, IdentityV1, PublishingV1 } from '@journey/soa-contracts';
import { soapFault } from '@journey/soa-soap-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALL_BUDGETS } from '../../bus/src/index.js';
import { type StartedRegistry, startRegistry } from '../registry/registry-support.js';
import {
  article,
  type FakeService,
  faulting,
  type StartedBus,
  startBus,
  startFakeService,
  startRecordingProxy,
  startRegisteredService,
  tokenOf,
} from './bus-support.js';

let registry: StartedRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

describe('fault mapping: what a service answered becomes the REST answer', () => {
  let bus: StartedBus;
  let identity: FakeService;
  let current: { code: FaultCode; errors: Record<string, readonly string[]> };

  beforeAll(async () => {
    identity = await startRegisteredService(registry.url, 'identity', 1, {
      GetProfile: () => faulting(current.code, current.errors)(),
      // A fault the contract does not declare, side Client: what the kit answers an envelope it refused.
      Authenticate: () => {
        throw soapFault('SchemaInvalid', 'the bus sent an element the schema does not declare');
      },
      // Any other error in a handler: the kit answers an undeclared Server.InternalError.
      GetCurrentUser: () => {
        throw new Error('the database is on fire');
      },
    });
    bus = await startBus(registry.url);
  });
  afterAll(async () => {
    await bus.close();
    await identity.close();
  });

  it.each<[FaultCode, number, string, string]>([
    ['VALIDATION_FAILED', 422, 'username', 'has already been taken'],
    ['UNAUTHORIZED', 401, 'email or password', 'is invalid'],
    ['FORBIDDEN', 403, 'article', 'only the author may edit it'],
    ['NOT_FOUND', 404, 'profile', 'not found'],
    ['BAD_REQUEST', 500, 'body', 'the envelope was refused'],
    ['INTERNAL', 500, 'body', 'internal error'],
  ])(
    'when a service answers the declared fault %s, then the bus answers %i with its field errors',
    async (code, status, field, message) => {
      current = { code, errors: { [field]: [message] } };
      const answer = await bus.send('GET', '/api/profiles/jake');
      expect(answer).toEqual({ status, body: { errors: { [field]: [message] } } });
    },
  );

  it('when a service refuses the envelope with an undeclared Client fault, then the bus answers 500 (its own bug)', async () => {
    const answer = await bus.send('POST', '/api/users/login', {
      body: { user: { email: 'a@b.c', password: 'x' } },
    });
    expect(answer).toEqual({
      status: 500,
      body: { errors: { body: ['internal error, see the server log'] } },
    });
  });

  it('when a service fails with an undeclared Server fault, then the bus answers 500', async () => {
    const answer = await bus.send('GET', '/api/user', { token: await tokenOf(1) });
    expect(answer).toEqual({
      status: 500,
      body: { errors: { body: ['internal error, see the server log'] } },
    });
  });
});

describe('policies: retries, idempotency keys, the circuit breaker', () => {
  const created = (
    input: PublishingV1['CreateArticle']['request'],
  ): PublishingV1['CreateArticle']['response'] => ({
    article: article('new-one', 'ann', { title: input.title }),
  });
  const newArticle = { article: { title: 'T', description: 'D', body: 'B' } };

  /** The publishing stub registered behind a proxy that drops its first `drop` requests unanswered. */
  async function flakyPublishing(drop: number) {
    const service = await startFakeService(registry.url, 'publishing', 1, {
      ListTags: () => ({ tag: ['soa'] }),
      CreateArticle: created,
    });
    const proxy = await startRecordingProxy(service.url, { drop });
    const registration = await service.register({ id: `flaky-${drop}-${Date.now()}`, endpoint: proxy.url });
    return {
      service,
      proxy,
      async close() {
        await registration.close();
        await proxy.close();
        await service.close();
      },
    };
  }

  it('when a read loses its connection, then it is sent again and answered', async () => {
    const flaky = await flakyPublishing(1);
    const bus = await startBus(registry.url);
    try {
      expect(await bus.send('GET', '/api/tags')).toEqual({ status: 200, body: { tags: ['soa'] } });
      expect(flaky.proxy.seen).toHaveLength(2);
      expect(flaky.service.calls).toHaveLength(1);
    } finally {
      await bus.close();
      await flaky.close();
    }
  });

  it('when a write without an Idempotency-Key loses its connection, then it is not sent again: 503 saying it may be saved', async () => {
    const flaky = await flakyPublishing(1);
    const bus = await startBus(registry.url);
    try {
      const answer = await bus.send('POST', '/api/articles', { token: await tokenOf(1), body: newArticle });
      expect(answer.status).toBe(503);
      expect(answer.body.errors.publishing[0]).toMatch(/may have been saved/);
      expect(flaky.proxy.seen).toHaveLength(1);
    } finally {
      await bus.close();
      await flaky.close();
    }
  });

  it('when a write with an Idempotency-Key loses its connection, then it is sent again with the key in CallContext', async () => {
    const flaky = await flakyPublishing(1);
    const bus = await startBus(registry.url);
    try {
      const answer = await bus.send('POST', '/api/articles', {
        token: await tokenOf(9),
        body: newArticle,
        headers: { 'idempotency-key': 'publish-1' },
      });
      expect(answer.status).toBe(201);
      expect(answer.body.article.title).toBe('T');
      expect(flaky.proxy.seen).toHaveLength(2);
      expect(flaky.service.calls.map((call) => call.callContext)).toEqual([
        { viewerId: 9, idempotencyKey: 'publish-1' },
      ]);
    } finally {
      await bus.close();
      await flaky.close();
    }
  });

  it('when a keyed write goes unanswered and that failure opens the breaker, then the 503 still says it may have been saved', async () => {
    const flaky = await flakyPublishing(Number.MAX_SAFE_INTEGER);
    const bus = await startBus(registry.url, {
      budgets: { ...DEFAULT_CALL_BUDGETS, breakAfter: 1, retries: 2 },
    });
    try {
      const answer = await bus.send('POST', '/api/articles', {
        token: await tokenOf(9),
        body: newArticle,
        headers: { 'idempotency-key': 'publish-2' },
      });
      expect(answer.status).toBe(503);
      expect(answer.body.errors.publishing[0]).toMatch(/may have been saved/);
      // The retry was refused by the open breaker: only the first attempt went out.
      expect(flaky.proxy.seen).toHaveLength(1);
    } finally {
      await bus.close();
      await flaky.close();
    }
  });

  it('when a read carries an Idempotency-Key, then the key is not sent (only writes claim keys)', async () => {
    const publishing = await startRegisteredService(registry.url, 'publishing', 1, {
      ListTags: () => ({ tag: [] }),
    });
    const bus = await startBus(registry.url);
    try {
      await bus.send('GET', '/api/tags', { headers: { 'idempotency-key': 'k' } });
      expect(publishing.calls[0]?.callContext).toBeUndefined();
    } finally {
      await bus.close();
      await publishing.close();
    }
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
  ])(
    'when a write carries an Idempotency-Key that is %s, then 422 on idempotency-key and no SOAP call',
    async (_, key) => {
      const identity = await startRegisteredService(registry.url, 'identity', 1, {});
      const bus = await startBus(registry.url);
      try {
        const answer = await bus.send('POST', '/api/users', {
          body: { user: { username: 'u', email: 'u@x.y', password: 'password1' } },
          headers: { 'idempotency-key': key },
        });
        expect(answer).toEqual({
          status: 422,
          body: { errors: { 'idempotency-key': ['must be 1 to 255 characters'] } },
        });
        expect(identity.calls).toHaveLength(0);
      } finally {
        await bus.close();
        await identity.close();
      }
    },
  );

  it('when a write without a token carries a malformed Idempotency-Key, then 401 first, as every pattern answers', async () => {
    const bus = await startBus(registry.url);
    try {
      const answer = await bus.send('POST', '/api/articles', {
        body: newArticle,
        headers: { 'idempotency-key': '' },
      });
      expect(answer.status).toBe(401);
    } finally {
      await bus.close();
    }
  });

  it('when a service keeps failing without an answer, then its breaker opens and /health shows it', async () => {
    const identity = await startFakeService(registry.url, 'identity', 1, {
      GetProfile: (input: IdentityV1['GetProfile']['request']) => ({
        profile: { username: input.username, following: false },
      }),
    });
    // Every request to this endpoint is dropped: the WSDL is read from the service, the calls never answered.
    const proxy = await startRecordingProxy(identity.url, { drop: Number.MAX_SAFE_INTEGER });
    const registration = await identity.register({ endpoint: proxy.url });
    const bus = await startBus(registry.url, {
      budgets: { ...DEFAULT_CALL_BUDGETS, breakAfter: 2, retries: 0 },
    });
    try {
      for (let i = 0; i < 2; i++) expect((await bus.send('GET', '/api/profiles/jake')).status).toBe(503);
      const health = await fetch(`${bus.url}/health`).then((response) => response.json());
      expect(health.breakers.identity).toBe('open');
      const sent = proxy.seen.length;
      expect(await bus.send('GET', '/api/profiles/jake')).toEqual({
        status: 503,
        body: { errors: { identity: ['service unavailable'] } },
      });
      // Open: the third call was refused by the breaker without reaching the service.
      expect(proxy.seen).toHaveLength(sent);
    } finally {
      await bus.close();
      await registration.close();
      await proxy.close();
      await identity.close();
    }
  });
});
