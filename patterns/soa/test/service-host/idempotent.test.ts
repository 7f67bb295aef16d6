import { createLogger } from '@journey/platform';
import { serviceFault } from '@journey/soa-contracts';
import { idempotent, type OpenEnterpriseData } from '@journey/soa-service-host';
import { type OperationContext, type OperationHandler, SoapFault, soapFault } from '@journey/soa-soap-kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../libs/service-host/src/fingerprint.js';
import { enterpriseDatabases, freshEnterpriseData } from './enterprise-databases.js';

const log = createLogger('idempotent-test');

/** Retries an assertion until it holds (bounded): for a state another connection reaches. */
async function eventually(assertion: () => Promise<void>, attempts = 200) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await assertion();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${Date.now().toString(36)}`;

const call = (callContext: { viewerId?: number; idempotencyKey?: string }): OperationContext => ({
  operation: 'CreateTag',
  soapVersion: '1.1',
  log,
  headers: { CallContext: callContext },
});

/** What a thrown fault looks like to a caller: its code and its field errors. */
async function faultOf(promise: unknown) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SoapFault) return { code: error.code, detail: error.detail };
    throw error;
  }
  throw new Error('expected a fault, got an answer');
}

describe.each(enterpriseDatabases)('idempotent on $label', (kind) => {
  let data: OpenEnterpriseData;
  beforeAll(async () => {
    data = await freshEnterpriseData(kind, 'idempotent');
  }, 60_000);
  afterAll(() => data?.close());

  /** A write operation: inserts a user named by the input, counting how often it really ran. */
  function createUser() {
    const runs = { count: 0 };
    const handler: OperationHandler = async (input: { username: string }) => {
      runs.count++;
      const id = await data.transaction(async (tx) => {
        const row = await tx
          .insertInto('users')
          .values({
            username: input.username,
            email: `${input.username}@example.com`,
            password_hash: 'x',
            bio: null,
            image: null,
            created_at: new Date().toISOString(),
            updated_at: new Date().toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
      return { id, username: input.username };
    };
    return { handler: idempotent('CreateUser', handler, data), runs };
  }

  const usersNamed = async (username: string) =>
    (await data.db.selectFrom('users').select('id').where('username', '=', username).execute()).length;

  it.skipIf(kind.skip)('when a call has no key, then every call runs', async () => {
    const { handler, runs } = createUser();
    await handler({ username: unique('a') }, call({}));
    await handler({ username: unique('b') }, call({}));
    expect(runs.count).toBe(2);
  });

  it.skipIf(kind.skip)(
    'when a call is repeated with its key, then the first answer comes back and one write exists',
    async () => {
      const { handler, runs } = createUser();
      const username = unique('once');
      const key = unique('key');
      const first = await handler({ username }, call({ idempotencyKey: key }));
      const again = await handler({ username }, call({ idempotencyKey: key }));
      expect(again).toEqual(first);
      expect(runs.count).toBe(1);
      expect(await usersNamed(username)).toBe(1);
    },
  );

  it.skipIf(kind.skip)(
    'when the input lists the same values in another order, then it is still the same call',
    async () => {
      const handler = idempotent('Echo', async (input: object) => ({ ...input, at: unique('run') }), data);
      const key = unique('key');
      const first = await handler({ a: 1, b: { c: 2, d: 3 } }, call({ viewerId: 1, idempotencyKey: key }));
      const again = await handler({ b: { d: 3, c: 2 }, a: 1 }, call({ viewerId: 1, idempotencyKey: key }));
      expect(again).toEqual(first);
    },
  );

  it.skipIf(kind.skip)(
    'when a key is reused with another input, then it is a VALIDATION_FAILED fault on idempotency-key and nothing is written',
    async () => {
      const { handler, runs } = createUser();
      const key = unique('key');
      await handler({ username: unique('first') }, call({ idempotencyKey: key }));
      const other = unique('other');
      const fault = await faultOf(handler({ username: other }, call({ idempotencyKey: key })));
      expect(fault).toEqual({
        code: 'VALIDATION_FAILED',
        detail: serviceFault('VALIDATION_FAILED', {
          'idempotency-key': ['was already used for another request; send a new key'],
        }),
      });
      expect(runs.count).toBe(1);
      expect(await usersNamed(other)).toBe(0);
    },
  );

  it.skipIf(kind.skip)('when two viewers send the same key, then each call runs for its viewer', async () => {
    const { handler, runs } = createUser();
    const key = unique('key');
    const one = await handler({ username: unique('one') }, call({ viewerId: 1, idempotencyKey: key }));
    const two = await handler({ username: unique('two') }, call({ viewerId: 2, idempotencyKey: key }));
    expect(runs.count).toBe(2);
    expect(one).not.toEqual(two);
  });

  it.skipIf(kind.skip)(
    'when the first call answered a declared fault, then the repeat gets that fault without running',
    async () => {
      let runs = 0;
      const refuse = idempotent(
        'Register',
        () => {
          runs++;
          throw soapFault(
            'VALIDATION_FAILED',
            'email has already been taken',
            serviceFault('VALIDATION_FAILED', { email: ['has already been taken'] }),
          );
        },
        data,
      );
      const key = unique('key');
      const first = await faultOf(refuse({ email: 'taken@example.com' }, call({ idempotencyKey: key })));
      const again = await faultOf(refuse({ email: 'taken@example.com' }, call({ idempotencyKey: key })));
      expect(again).toEqual(first);
      expect(first.detail).toEqual(serviceFault('VALIDATION_FAILED', { email: ['has already been taken'] }));
      expect(runs).toBe(1);
    },
  );

  it.skipIf(kind.skip)(
    'when an unexpected error happens before any write, then the key stays free and a retry runs',
    async () => {
      let runs = 0;
      const flaky = idempotent(
        'Flaky',
        () => {
          runs++;
          if (runs === 1) throw new Error('the disk hiccupped');
          return { ok: true };
        },
        data,
      );
      const key = unique('key');
      await expect(flaky({}, call({ idempotencyKey: key }))).rejects.toThrow('the disk hiccupped');
      expect(await flaky({}, call({ idempotencyKey: key }))).toEqual({ ok: true });
      expect(runs).toBe(2);
    },
  );

  it.skipIf(kind.skip)(
    'when one call is sent twice at once with one key, then it runs once and both get its answer',
    async () => {
      const { handler, runs } = createUser();
      const username = unique('raced');
      const key = unique('key');
      const [first, second] = await Promise.all([
        handler({ username }, call({ viewerId: 9, idempotencyKey: key })),
        handler({ username }, call({ viewerId: 9, idempotencyKey: key })),
      ]);
      expect(second).toEqual(first);
      expect(runs.count).toBe(1);
      expect(await usersNamed(username)).toBe(1);
    },
  );

  it.skipIf(kind.skip)(
    'when another process is still answering the key, then it is a fault on idempotency-key telling to retry',
    async () => {
      const { handler, runs } = createUser();
      const key = unique('key');
      const input = { username: unique('elsewhere') };
      // What another process's call with the same key and input leaves while it has not answered yet.
      await data.db
        .insertInto('idempotency_keys')
        .values({
          scope: '5',
          key,
          fingerprint: fingerprintOf('CreateUser', input),
          status: null,
          answer: null,
          headers: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      const fault = await faultOf(handler(input, call({ viewerId: 5, idempotencyKey: key })));
      expect(fault).toEqual({
        code: 'VALIDATION_FAILED',
        detail: serviceFault('VALIDATION_FAILED', {
          'idempotency-key': ['is still being answered; retry later to get its answer'],
        }),
      });
      expect(runs.count).toBe(0);
    },
  );

  // Two processes are two wrappers (each waits only for its own calls). On PostgreSQL the second's
  // write waits on the first's uncommitted key and then fails; SQLite serialises whole transactions.
  it.skipIf(kind.skip || kind.name !== 'postgres')(
    'when two processes race on one key, then the loser writes nothing and is told to retry',
    async () => {
      const key = unique('key');
      const username = unique('contested');
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const slowWrite: OperationHandler = (input: { username: string }) =>
        data.transaction(async (tx) => {
          await tx.insertInto('tags').values({ name: input.username }).execute();
          entered();
          await held;
          return { written: input.username };
        });
      const winner = idempotent(
        'Tag',
        slowWrite,
        data,
      )({ username }, call({ viewerId: 4, idempotencyKey: key }));
      await inside;
      const loser = faultOf(
        idempotent('Tag', slowWrite, data)({ username }, call({ viewerId: 4, idempotencyKey: key })),
      );
      await eventually(async () => {
        const waiting = await sql<{ count: string }>`
          select count(*) as count from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(data.db);
        expect(Number(waiting.rows[0]?.count)).toBeGreaterThan(0);
      });
      release();
      expect(await winner).toEqual({ written: username });
      expect((await loser).detail).toEqual(
        serviceFault('VALIDATION_FAILED', {
          'idempotency-key': ['is still being answered; retry later to get its answer'],
        }),
      );
      const tags = await data.db.selectFrom('tags').select('name').where('name', '=', username).execute();
      expect(tags).toHaveLength(1);
    },
  );

  it.skipIf(kind.skip)(
    'when a key is longer than 255 characters, then it is refused naming idempotency-key',
    async () => {
      const { handler, runs } = createUser();
      const fault = await faultOf(
        handler({ username: unique('long') }, call({ idempotencyKey: 'k'.repeat(256) })),
      );
      expect(fault.code).toBe('VALIDATION_FAILED');
      expect(fault.detail).toMatchObject({ errors: { field: [{ name: 'idempotency-key' }] } });
      expect(runs.count).toBe(0);
    },
  );
});
