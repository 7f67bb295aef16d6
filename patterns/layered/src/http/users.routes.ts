import { routes } from '@journey/contract';
import type { Application } from '../application/index.js';
import type { Authentication } from './authentication.js';
import { presentUser } from './presenters.js';
import type { Server } from './server.js';

export function usersRoutes(server: Server, { users }: Application, auth: Authentication) {
  const { Login, CreateUser, GetCurrentUser, UpdateCurrentUser } = routes;

  server.post(
    Login.path,
    { schema: { body: Login.body, response: { 200: Login.response } } },
    async (req) => ({
      user: presentUser(await users.login(req.body.user)),
    }),
  );

  server.post(
    CreateUser.path,
    { schema: { body: CreateUser.body, response: { 201: CreateUser.response } } },
    async (req, reply) => reply.code(201).send({ user: presentUser(await users.register(req.body.user)) }),
  );

  server.get(
    GetCurrentUser.path,
    { schema: { response: { 200: GetCurrentUser.response } }, preHandler: auth.required },
    async (req) => ({ user: presentUser(await users.current(req.viewerId!)) }),
  );

  server.put(
    UpdateCurrentUser.path,
    {
      schema: { body: UpdateCurrentUser.body, response: { 200: UpdateCurrentUser.response } },
      preHandler: auth.required,
    },
    async (req) => ({ user: presentUser(await users.update(req.viewerId!, req.body.user)) }),
  );
}
