import { routes } from '@journey/contract';
import type { Application } from '../application/index.js';
import type { Authentication } from './authentication.js';
import { presentProfile } from './presenters.js';
import type { Server } from './server.js';

export function profilesRoutes(server: Server, { profiles }: Application, auth: Authentication) {
  const {
    GetProfileByUsername: get,
    FollowUserByUsername: follow,
    UnfollowUserByUsername: unfollow,
  } = routes;

  server.get(
    get.path,
    { schema: { params: get.params, response: { 200: get.response } }, preHandler: auth.optional },
    async (req) => ({ profile: presentProfile(await profiles.get(req.viewerId, req.params.username)) }),
  );

  server.post(
    follow.path,
    { schema: { params: follow.params, response: { 200: follow.response } }, preHandler: auth.required },
    async (req) => ({ profile: presentProfile(await profiles.follow(req.viewerId!, req.params.username)) }),
  );

  server.delete(
    unfollow.path,
    { schema: { params: unfollow.params, response: { 200: unfollow.response } }, preHandler: auth.required },
    async (req) => ({ profile: presentProfile(await profiles.unfollow(req.viewerId!, req.params.username)) }),
  );
}
