import { conduitFunction } from '../../core/conduit-function.js';
import { follow, profile, unfollow } from './follows.js';
import { profilesPlan } from './plan.js';

const profiles = conduitFunction(profilesPlan, {
  GetProfileByUsername: ({ database, viewerId, params }) => profile(database.db, viewerId, params.username),
  FollowUserByUsername: ({ database, viewerId, params }) => follow(database.db, viewerId, params.username),
  UnfollowUserByUsername: ({ database, viewerId, params }) =>
    unfollow(database.db, viewerId, params.username),
});

export const handler = profiles.handler;
export const definition = profiles;
