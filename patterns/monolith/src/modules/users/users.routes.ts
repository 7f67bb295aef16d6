import { routes } from '@journey/contract';
import type { Authenticated } from '../../http/authentication.js';
import type { App } from '../../http/server.js';
import type { UsersService } from './users.service.js';

export function usersRoutes(app: App, users: UsersService, auth: Authenticated) {
  const { Login, CreateUser, GetCurrentUser, UpdateCurrentUser } = routes;

  app.post(Login.path, { schema: { body: Login.body, response: { 200: Login.response } } }, async (req) => ({
    user: await users.login(req.body.user),
  }));

  app.post(
    CreateUser.path,
    { schema: { body: CreateUser.body, response: { 201: CreateUser.response } } },
    async (req, reply) => reply.code(201).send({ user: await users.register(req.body.user) }),
  );

  app.get(
    GetCurrentUser.path,
    { schema: { response: { 200: GetCurrentUser.response } }, preHandler: auth.required },
    async (req) => ({
      user: await users.current(req.viewerId!),
    }),
  );

  app.put(
    UpdateCurrentUser.path,
    {
      schema: { body: UpdateCurrentUser.body, response: { 200: UpdateCurrentUser.response } },
      preHandler: auth.required,
    },
    async (req) => ({ user: await users.update(req.viewerId!, req.body.user) }),
  );
}
