import type { ConduitServer } from '@journey/conduit-http';
import { announce, requireViewer, viewerOf } from '@journey/event-driven-service-kit';
import { profilesApi as api } from './api.js';
import type { Profiles } from './profiles.service.js';

export function profilesRoutes(app: ConduitServer, profiles: Profiles) {
  app.get(
    api.one.path,
    { schema: { params: api.one.params, response: { 200: api.one.response } } },
    async (req) => ({ profile: await profiles.one(viewerOf(req), req.params.username) }),
  );

  app.get(
    api.ofUser.path,
    { schema: { params: api.ofUser.params, response: { 200: api.ofUser.response } } },
    async (req) => ({ profile: await profiles.ofUser(viewerOf(req), Number(req.params.id)) }),
  );

  app.post(
    api.follow.path,
    { schema: { params: api.follow.params, response: { 200: api.follow.response } } },
    async (req, reply) => {
      const { profile, events } = await profiles.follow(requireViewer(req), req.params.username);
      return announce(reply, events).send({ profile });
    },
  );

  app.delete(
    api.follow.path,
    { schema: { params: api.follow.params, response: { 200: api.follow.response } } },
    async (req, reply) => {
      const { profile, events } = await profiles.unfollow(requireViewer(req), req.params.username);
      return announce(reply, events).send({ profile });
    },
  );
}
