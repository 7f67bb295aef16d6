import { routes } from '@journey/contract';
import type { Conduit } from '../../../application/ports/driving/use-cases.port.js';
import type { Authentication } from '../authentication.js';
import type { App } from '../server.js';

export function profilesRoutes(app: App, conduit: Conduit, auth: Authentication) {
  const {
    GetProfileByUsername: get,
    FollowUserByUsername: follow,
    UnfollowUserByUsername: unfollow,
  } = routes;

  app.get(
    get.path,
    { schema: { params: get.params, response: { 200: get.response } }, preHandler: auth.optional },
    async (req) => ({ profile: await conduit.getProfile(req.viewerId, req.params.username) }),
  );

  app.post(
    follow.path,
    { schema: { params: follow.params, response: { 200: follow.response } }, preHandler: auth.required },
    async (req) => ({ profile: await conduit.followUser(req.viewerId!, req.params.username) }),
  );

  app.delete(
    unfollow.path,
    { schema: { params: unfollow.params, response: { 200: unfollow.response } }, preHandler: auth.required },
    async (req) => ({ profile: await conduit.unfollowUser(req.viewerId!, req.params.username) }),
  );
}
