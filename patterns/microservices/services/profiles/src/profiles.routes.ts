import type { ConduitServer } from '@journey/conduit-http';
import { idsParam, requireViewer, viewerOf } from '@journey/microservices-service-kit';
import { profilesApi as api } from './api.js';
import type { Profiles } from './profiles.service.js';

export function profilesRoutes(app: ConduitServer, profiles: Profiles) {
  app.get(
    api.batch.path,
    { schema: { querystring: api.batch.query, response: { 200: api.batch.response } } },
    async (req) => ({ profiles: await profiles.batch(viewerOf(req), idsParam(req.query.ids, 'ids')) }),
  );

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

  app.get(api.followees.path, { schema: { response: { 200: api.followees.response } } }, async (req) => ({
    ids: await profiles.followees(requireViewer(req)),
  }));
}
