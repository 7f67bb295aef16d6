import { validateEvent } from '@journey/event-driven-events';
import { buildIdentity } from '@journey/event-driven-identity';
import { EVENTS_HEADER, parseAnnouncedEvents } from '@journey/event-driven-service-kit';
import { createLogger } from '@journey/platform';
import { postgres } from '@journey/testkit';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startInProcess } from './support/in-process-service.js';
import { scratchBroker } from './support/scratch-broker.js';

const logger = createLogger('identity-test', 'silent');
const pg = await postgres();

const jake = { username: 'jake', email: 'jake@jake.jake', password: 'jakejake' };

for (const choice of ['sqlite', 'postgres'] as const) {
  const skip = choice === 'postgres' && !pg.available;
  describe.skipIf(skip)(`event-driven identity service on ${choice}${skip ? ` (${pg.reason})` : ''}`, () => {
    let broker: ReturnType<typeof scratchBroker>;
    let identity: Awaited<ReturnType<typeof start>>;
    const start = () =>
      startInProcess('identity', choice, (databaseUrl) =>
        buildIdentity({ databaseUrl, broker, jwtSecret: 'test-secret', logger }),
      );
    beforeEach(async () => {
      broker = scratchBroker();
      identity = await start();
    });
    afterEach(async () => {
      await identity.stop();
      broker.dispose();
    });

    const outbox = async () =>
      (await identity.database.db.selectFrom('outbox').select('body').orderBy('seq').execute()).map((row) =>
        validateEvent(JSON.parse(row.body)),
      );
    const accounts = () => identity.database.db.selectFrom('users').select(['id', 'username']).execute();
    const register = (user: object) => identity.call('POST', '/accounts', { body: { user } });

    it('when a user registers, then the account and a UserRegistered with only the public profile commit together and are announced', async () => {
      const answer = await register(jake);
      expect(answer.status).toBe(201);
      const { account } = answer.body;
      expect(account).toMatchObject({ username: 'jake', email: 'jake@jake.jake', bio: null, image: null });
      expect(account.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const [event, ...others] = await outbox();
      expect(others).toEqual([]);
      expect(event).toMatchObject({
        type: 'UserRegistered',
        producer: 'identity',
        payload: { userId: account.id, username: 'jake', bio: null, image: null },
      });
      expect(parseAnnouncedEvents(answer.headers.get(EVENTS_HEADER))).toEqual([
        { type: 'UserRegistered', id: event!.id },
      ]);
    });

    it('when the outbox refuses the event, then the account is not kept either', async () => {
      await sql`alter table outbox rename to outbox_unavailable`.execute(identity.database.db);
      try {
        expect((await register(jake)).status).toBe(500);
      } finally {
        await sql`alter table outbox_unavailable rename to outbox`.execute(identity.database.db);
      }
      expect(await accounts()).toEqual([]);
      expect(await outbox()).toEqual([]);
    });

    it('when registrations race for one username in different cases, then exactly one account and one event exist, the rest get 422', async () => {
      const names = ['Racer', 'racer', 'RACER', 'racer', 'rAcEr', 'Racer'];
      const answers = await Promise.all(
        names.map((username, i) =>
          register({ username, email: `racer${i}@example.com`, password: 'password1' }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422, 422, 422, 422]);
      for (const answer of answers.filter((a) => a.status === 422)) {
        expect(answer.body).toEqual({ errors: { username: ['has already been taken'] } });
        expect(answer.headers.get(EVENTS_HEADER)).toBeNull();
      }
      expect(await accounts()).toHaveLength(1);
      expect((await outbox()).map((e) => e.type)).toEqual(['UserRegistered']);
    });

    it('when registration input is bad, then it is a 422 naming the fields, and nothing is published', async () => {
      await register(jake);
      const cases: [object, Record<string, string[]>][] = [
        [
          { username: '', email: 'nope', password: 'short' },
          {
            username: ["can't be blank"],
            email: ['is invalid'],
            password: [expect.stringMatching(/^must be/)],
          },
        ],
        [{ ...jake, username: 'other' }, { email: ['has already been taken'] }],
        [{ ...jake, email: 'JAKE2@jake.jake', username: 'JAKE' }, { username: ['has already been taken'] }],
      ];
      for (const [user, errors] of cases) {
        const answer = await register(user);
        expect(answer.status, JSON.stringify(user)).toBe(422);
        expect(answer.body.errors).toMatchObject(errors);
      }
      expect((await register({ username: 'x' })).status).toBe(422);
      expect(
        (await identity.call('POST', '/accounts', { body: { user: { ...jake, username: 42 } } })).status,
      ).toBe(422);
      expect((await outbox()).map((e) => e.type)).toEqual(['UserRegistered']);
    });

    it('when a user logs in, then a good password gives the account and anything else the one 422', async () => {
      const { account } = (await register(jake)).body;
      const login = (user: object) => identity.call('POST', '/sessions', { body: { user } });
      const ok = await login({ email: ' JAKE@jake.jake ', password: 'jakejake' });
      expect(ok.status).toBe(200);
      expect(ok.body.account).toMatchObject({ id: account.id, username: 'jake' });
      for (const wrong of [
        { email: 'jake@jake.jake', password: 'wrongpass' },
        { email: 'nobody@jake.jake', password: 'jakejake' },
      ]) {
        const refused = await login(wrong);
        expect(refused.status).toBe(422);
        expect(refused.body).toEqual({ errors: { 'email or password': ['is invalid'] } });
      }
      expect((await login({ email: '', password: '' })).status).toBe(422);
    });

    it('when the current user is asked for, then the forwarded viewer gets the account and no viewer a 401', async () => {
      const { account } = (await register(jake)).body;
      const me = await identity.call('GET', '/accounts/me', { viewer: account.id });
      expect(me.body.account).toMatchObject({ id: account.id, email: 'jake@jake.jake' });
      expect((await identity.call('GET', '/accounts/me')).status).toBe(401);
      expect((await identity.call('GET', '/accounts/me', { viewer: 999 })).status).toBe(401);
    });

    it('when a public field changes, then UserProfileChanged carries the whole profile; email or password alone publish nothing', async () => {
      const { account } = (await register(jake)).body;
      const update = (user: object) =>
        identity.call('PUT', '/accounts/me', { viewer: account.id, body: { user } });

      const bio = await update({ bio: 'I work at statefarm', image: 'https://i.example/j.png' });
      expect(bio.status).toBe(200);
      const changed = (await outbox()).at(-1)!;
      expect(changed).toMatchObject({
        type: 'UserProfileChanged',
        payload: {
          userId: account.id,
          username: 'jake',
          bio: 'I work at statefarm',
          image: 'https://i.example/j.png',
        },
      });
      expect(bio.headers.get(EVENTS_HEADER)).toBe(`UserProfileChanged:${changed.id}`);

      const quiet = await update({ email: 'jake@new.example', password: 'newpassword' });
      expect(quiet.status).toBe(200);
      expect(quiet.body.account.email).toBe('jake@new.example');
      expect(quiet.headers.get(EVENTS_HEADER)).toBeNull();
      const same = await update({ bio: 'I work at statefarm' });
      expect(same.headers.get(EVENTS_HEADER)).toBeNull();
      expect((await outbox()).map((e) => e.type)).toEqual(['UserRegistered', 'UserProfileChanged']);

      const login = await identity.call('POST', '/sessions', {
        body: { user: { email: 'jake@new.example', password: 'newpassword' } },
      });
      expect(login.status).toBe(200);
    });

    it('when an update is invalid or takes another name, then it is a 422 and neither the change nor an event is kept', async () => {
      await register({ username: 'taken', email: 'taken@example.com', password: 'password1' });
      const { account } = (await register(jake)).body;
      const update = (user: object) =>
        identity.call('PUT', '/accounts/me', { viewer: account.id, body: { user } });
      const taken = await update({ username: 'TAKEN', bio: 'new bio' });
      expect(taken.status).toBe(422);
      expect(taken.body).toEqual({ errors: { username: ['has already been taken'] } });
      expect((await update({ email: 'not-an-email' })).status).toBe(422);
      expect((await update({ bio: 12 })).status).toBe(422);
      expect((await identity.call('PUT', '/accounts/me', { body: { user: { bio: 'x' } } })).status).toBe(401);
      expect(
        (await identity.call('GET', '/accounts/me', { viewer: account.id })).body.account.bio,
      ).toBeNull();
      expect((await outbox()).map((e) => e.type)).toEqual(['UserRegistered', 'UserRegistered']);
    });
  });
}
