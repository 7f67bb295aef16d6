import type { ConduitServer } from '@journey/conduit-http';
import { idsParam, requireViewer, viewerOf } from '@journey/microservices-service-kit';
import { profilesApi as api } from './api.js';
import type { Profiles } from './profiles.service.js';

export function profilesRoutes(app: ConduitServer, profiles: Profiles) {
  app.get(
    api.one.path,
    { schema: { params: api.one.params, response: { 200: api.one.response } } },
    async (req) => ({ profile: await profiles.one(viewerOf(req), req.params.username) }),
  );

  app.put(
    api.follow.path,
    { schema: { params: api.follow.params, response: { 200: api.follow.response } } },
    async (req) => ({ profile: await profiles.follow(requireViewer(req), req.params.username) }),
  );

  app.delete(
    api.follow.path,
    { schema: { params: api.follow.params, response: { 200: api.follow.response } } },
    async (req) => ({ profile: await profiles.unfollow(requireViewer(req), req.params.username) }),
  );

  app.get(
    api.followees.path,
    { schema: { querystring: api.followees.query, response: { 200: api.followees.response } } },
    async (req) => {
      const { among } = req.query;
      const viewerId = requireViewer(req);
      return {
        ids:
          among === undefined
            ? await profiles.followees(viewerId)
            : [...(await profiles.followedAmong(viewerId, idsParam(among, 'among')))],
      };
    },
  );
}
