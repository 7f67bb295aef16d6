import { conduitFunction } from '../../core/conduit-function.js';
import { currentUser, logIn, register, updateUser } from './accounts.js';
import { usersPlan } from './plan.js';

const users = conduitFunction(usersPlan, {
  CreateUser: ({ database, tokens, body }) => register(database.db, tokens, body.user),
  Login: ({ database, tokens, body }) => logIn(database.db, tokens, body.user),
  GetCurrentUser: ({ database, tokens, viewerId }) => currentUser(database.db, tokens, viewerId),
  UpdateCurrentUser: ({ database, tokens, viewerId, body }) =>
    updateUser(database.db, tokens, viewerId, body.user),
});

export const handler = users.handler;
export const definition = users;
