import type { ConduitServer } from '@journey/conduit-http';
import { idsParam, listParam, requireViewer } from '@journey/microservices-service-kit';
import type { Accounts } from './accounts.service.js';
import { identityApi as api } from './api.js';

export function accountsRoutes(app: ConduitServer, accounts: Accounts) {
  app.post(
    api.register.path,
    { schema: { body: api.register.body, response: { 201: api.register.response } } },
    async (req, reply) => reply.code(201).send({ account: await accounts.register(req.body.user) }),
  );

  app.post(
    api.login.path,
    { schema: { body: api.login.body, response: { 200: api.login.response } } },
    async (req) => ({ account: await accounts.login(req.body.user) }),
  );

  app.get(api.me.path, { schema: { response: { 200: api.me.response } } }, async (req) => ({
    account: await accounts.current(requireViewer(req)),
  }));

  app.put(
    api.me.path,
    { schema: { body: api.me.body, response: { 200: api.me.response } } },
    async (req) => ({ account: await accounts.update(requireViewer(req), req.body.user) }),
  );

  app.get(
    api.cards.path,
    { schema: { querystring: api.cards.query, response: { 200: api.cards.response } } },
    async (req) => ({
      users: await accounts.cards({
        ids: idsParam(req.query.ids, 'ids'),
        usernames: listParam(req.query.usernames, 'usernames'),
      }),
    }),
  );
}
