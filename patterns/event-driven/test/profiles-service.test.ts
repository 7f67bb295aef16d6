import { type Broker, openBrokerFromUrl } from '@journey/broker';
import { eventually } from '@journey/conformance/eventually';
import { createEvent, eventRules, validateEvent } from '@journey/event-driven-events';
import { buildIdentity } from '@journey/event-driven-identity';
import { buildProfiles } from '@journey/event-driven-profiles';
import { EVENTS_HEADER, parseAnnouncedEvents } from '@journey/event-driven-service-kit';
import { createLogger } from '@journey/platform';
import { postgres } from '@journey/testkit';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type InProcessService, startInProcess } from './support/in-process-service.js';
import { scratchBroker } from './support/scratch-broker.js';

const logger = createLogger('profiles-test', 'silent');
const pg = await postgres();

for (const choice of ['sqlite', 'postgres'] as const) {
  const skip = choice === 'postgres' && !pg.available;
  describe.skipIf(skip)(`event-driven profiles service on ${choice}${skip ? ` (${pg.reason})` : ''}`, () => {
    let broker: ReturnType<typeof scratchBroker>;
    let publisher: Broker;
    let profiles: Awaited<ReturnType<typeof startProfiles>>;
    const startProfiles = () =>
      startInProcess('profiles', choice, (databaseUrl) => buildProfiles({ databaseUrl, broker, logger }));
    beforeEach(async () => {
      broker = scratchBroker();
      publisher = await openBrokerFromUrl(broker.url, {
        namespace: broker.namespace,
        events: eventRules,
        logger,
      });
      profiles = await startProfiles();
    });
    afterEach(async () => {
      await profiles.stop();
      await publisher.close();
      broker.dispose();
    });

    /** Waits, as the gateway does, until profiles has applied every event; fails the test if one never is. */
    const applied = (ids: string[]) =>
      eventually(
        async () => {
          const answer = await profiles.call('GET', `/events/applied?ids=${ids.join(',')}&waitMs=2000`);
          expect(answer.body.applied).toBe(true);
        },
        // A bound for a broken run, not a speed check: each try waits up to 2 s, the test up to 120 s.
        { timeoutMs: 60_000 },
      );
    const outboxTypes = async () =>
      (await profiles.database.db.selectFrom('outbox').select('body').orderBy('seq').execute()).map(
        (row) => validateEvent(JSON.parse(row.body)).type,
      );
    /** Puts users in the replica the way identity would: by publishing UserRegistered. */
    const registered = async (...users: [number, string][]) => {
      const events = users.map(([userId, username]) =>
        createEvent('UserRegistered', { userId, username, bio: null, image: null }),
      );
      for (const event of events) await publisher.publish(event);
      await applied(events.map((e) => e.id));
      return events;
    };

    it('when identity registers and changes a user, then the profile answers from the replica the events fed', async () => {
      const identity: InProcessService = await startInProcess('identity', choice, (databaseUrl) =>
        buildIdentity({ databaseUrl, broker, jwtSecret: 'test-secret', logger }),
      );
      try {
        const registration = await identity.call('POST', '/accounts', {
          body: { user: { username: 'jake', email: 'jake@jake.jake', password: 'jakejake' } },
        });
        await applied(parseAnnouncedEvents(registration.headers.get(EVENTS_HEADER)).map((e) => e.id));
        expect((await profiles.call('GET', '/profiles/jake')).body).toEqual({
          profile: { username: 'jake', bio: null, image: null, following: false },
        });

        const change = await identity.call('PUT', '/accounts/me', {
          viewer: registration.body.account.id,
          body: { user: { username: 'jacob', bio: 'I work at statefarm' } },
        });
        await applied(parseAnnouncedEvents(change.headers.get(EVENTS_HEADER)).map((e) => e.id));
        expect((await profiles.call('GET', '/profiles/jacob')).body.profile).toEqual({
          username: 'jacob',
          bio: 'I work at statefarm',
          image: null,
          following: false,
        });
        expect((await profiles.call('GET', '/profiles/jake')).status).toBe(404);
      } finally {
        await identity.stop();
      }
    });

    it('when an event is delivered again after a newer one, then the replica keeps the newer state', async () => {
      const [registration] = await registered([1, 'jake']);
      const change = createEvent('UserProfileChanged', {
        userId: 1,
        username: 'jake',
        bio: 'newer',
        image: null,
      });
      await publisher.publish(change);
      await publisher.publish(registration!);
      const marker = (await registered([2, 'marker']))[0]!;
      await applied([change.id, marker.id]);
      expect((await profiles.call('GET', '/profiles/jake')).body.profile.bio).toBe('newer');
      const inbox = await profiles.database.db
        .selectFrom('inbox')
        .select('event_id')
        .where('event_id', '=', registration!.id)
        .execute();
      expect(inbox).toHaveLength(1);
    });

    it('when a viewer follows and unfollows, then each change commits with its event, and repeating it publishes nothing', async () => {
      await registered([1, 'jake'], [2, 'anna']);
      const follow = () => profiles.call('POST', '/profiles/jake/follow', { viewer: 2 });
      const unfollow = () => profiles.call('DELETE', '/profiles/jake/follow', { viewer: 2 });

      const first = await follow();
      expect(first.body).toEqual({ profile: { username: 'jake', bio: null, image: null, following: true } });
      expect(parseAnnouncedEvents(first.headers.get(EVENTS_HEADER)).map((e) => e.type)).toEqual([
        'UserFollowed',
      ]);
      const again = await follow();
      expect(again.body.profile.following).toBe(true);
      expect(again.headers.get(EVENTS_HEADER)).toBeNull();
      expect((await profiles.call('GET', '/profiles/jake', { viewer: 2 })).body.profile.following).toBe(true);
      expect((await profiles.call('GET', '/profiles/jake')).body.profile.following).toBe(false);
      // By id, as the gateway finds the author of a write views cannot show yet.
      expect((await profiles.call('GET', '/users/1/profile', { viewer: 2 })).body).toEqual(first.body);
      expect((await profiles.call('GET', '/users/1/profile')).body.profile.following).toBe(false);
      expect((await profiles.call('GET', '/users/99/profile')).status).toBe(404);

      const gone = await unfollow();
      expect(gone.body.profile.following).toBe(false);
      expect(parseAnnouncedEvents(gone.headers.get(EVENTS_HEADER)).map((e) => e.type)).toEqual([
        'UserUnfollowed',
      ]);
      expect((await unfollow()).headers.get(EVENTS_HEADER)).toBeNull();

      expect(await outboxTypes()).toEqual(['UserFollowed', 'UserUnfollowed']);
      const [followed] = await profiles.database.db
        .selectFrom('outbox')
        .select('body')
        .orderBy('seq')
        .execute();
      expect(JSON.parse(followed!.body).payload).toEqual({ followerId: 2, followedId: 1 });
      expect(await profiles.database.db.selectFrom('follows').selectAll().execute()).toEqual([]);
    });

    it('when the outbox refuses the event, then the follow is not kept either', async () => {
      await registered([1, 'jake']);
      await sql`alter table outbox rename to outbox_unavailable`.execute(profiles.database.db);
      try {
        expect((await profiles.call('POST', '/profiles/jake/follow', { viewer: 2 })).status).toBe(500);
      } finally {
        await sql`alter table outbox_unavailable rename to outbox`.execute(profiles.database.db);
      }
      expect(await profiles.database.db.selectFrom('follows').selectAll().execute()).toEqual([]);
      expect(await outboxTypes()).toEqual([]);
    });

    it('when the input is bad, then the answer is 404, 401 or 422, never a 500, and nothing is published', async () => {
      await registered([1, 'jake']);
      expect((await profiles.call('GET', '/profiles/nobody')).status).toBe(404);
      expect((await profiles.call('POST', '/profiles/nobody/follow', { viewer: 2 })).status).toBe(404);
      expect((await profiles.call('DELETE', '/profiles/nobody/follow', { viewer: 2 })).status).toBe(404);
      expect((await profiles.call('POST', '/profiles/jake/follow')).status).toBe(401);
      expect((await profiles.call('POST', '/profiles/jake/follow', { viewer: 0 })).status).toBe(401);
      const self = await profiles.call('POST', '/profiles/jake/follow', { viewer: 1 });
      expect(self.status).toBe(422);
      expect(self.body).toEqual({ errors: { username: ['you cannot follow yourself'] } });
      expect((await profiles.call('GET', `/profiles/${'x'.repeat(300)}`)).status).toBe(404);
      expect((await profiles.call('GET', '/profiles/%E0%A4%A')).status).toBe(400);
      expect(await outboxTypes()).toEqual([]);
    });
  });
}
