import type { ServiceConsumer } from '@journey/event-driven-service-kit';
import type { ProfilesServiceTables } from './profiles.migrations.js';

/**
 * pattern: a replica fed by the owner's facts. Each event carries the whole public profile, so
 * applying it is an upsert: a registration and a later change land the same way, and no call to
 * identity is ever needed to answer a profile.
 */
export const usersReplica: ServiceConsumer<ProfilesServiceTables> = {
  types: ['UserRegistered', 'UserProfileChanged'],
  async apply(event, tx) {
    if (event.type !== 'UserRegistered' && event.type !== 'UserProfileChanged') return;
    const { userId, username, bio, image } = event.payload;
    await tx
      .insertInto('users')
      .values({ id: userId, username, bio, image })
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ username, bio, image }))
      .execute();
  },
};
