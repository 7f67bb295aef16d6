import type { ConduitServer } from '@journey/conduit-http';
import { announce, requireViewer } from '@journey/event-driven-service-kit';
import type { Accounts } from './accounts.service.js';
import { identityApi as api } from './api.js';

export function accountsRoutes(app: ConduitServer, accounts: Accounts) {
  app.post(
    api.register.path,
    { schema: { body: api.register.body, response: { 201: api.register.response } } },
    async (req, reply) => {
      const { account, events } = await accounts.register(req.body.user);
      return announce(reply, events).code(201).send({ account });
    },
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
    async (req, reply) => {
      const { account, events } = await accounts.update(requireViewer(req), req.body.user);
      return announce(reply, events).send({ account });
    },
  );
}
