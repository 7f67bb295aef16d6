import { routes } from '@journey/contract';
import type { Conduit } from '../../../application/ports/driving/use-cases.port.js';
import type { Authentication } from '../authentication.js';
import type { App } from '../server.js';

/** Translate HTTP into a use-case call and back; no rule lives here. */
export function usersRoutes(app: App, conduit: Conduit, auth: Authentication) {
  const { Login, CreateUser, GetCurrentUser, UpdateCurrentUser } = routes;

  app.post(Login.path, { schema: { body: Login.body, response: { 200: Login.response } } }, async (req) => ({
    user: await conduit.logIn(req.body.user),
  }));

  app.post(
    CreateUser.path,
    { schema: { body: CreateUser.body, response: { 201: CreateUser.response } } },
    async (req, reply) => reply.code(201).send({ user: await conduit.registerUser(req.body.user) }),
  );

  app.get(
    GetCurrentUser.path,
    { schema: { response: { 200: GetCurrentUser.response } }, preHandler: auth.required },
    async (req) => ({ user: await conduit.getCurrentUser(req.viewerId!) }),
  );

  app.put(
    UpdateCurrentUser.path,
    {
      schema: { body: UpdateCurrentUser.body, response: { 200: UpdateCurrentUser.response } },
      preHandler: auth.required,
    },
    async (req) => ({ user: await conduit.updateUser(req.viewerId!, req.body.user) }),
  );
}
