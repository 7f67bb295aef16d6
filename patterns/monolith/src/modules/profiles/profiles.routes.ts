import { routes } from '@journey/contract';
import type { Authenticated } from '../../http/authentication.js';
import type { App } from '../../http/server.js';
import type { ProfilesService } from './profiles.service.js';

export function profilesRoutes(app: App, profiles: ProfilesService, auth: Authenticated) {
  const {
    GetProfileByUsername: get,
    FollowUserByUsername: follow,
    UnfollowUserByUsername: unfollow,
  } = routes;

  app.get(
    get.path,
    { schema: { params: get.params, response: { 200: get.response } }, preHandler: auth.optional },
    async (req) => ({
      profile: await profiles.get(req.viewerId, req.params.username),
    }),
  );

  app.post(
    follow.path,
    { schema: { params: follow.params, response: { 200: follow.response } }, preHandler: auth.required },
    async (req) => ({ profile: await profiles.follow(req.viewerId!, req.params.username) }),
  );

  app.delete(
    unfollow.path,
    { schema: { params: unfollow.params, response: { 200: unfollow.response } }, preHandler: auth.required },
    async (req) => ({ profile: await profiles.unfollow(req.viewerId!, req.params.username) }),
  );
}
