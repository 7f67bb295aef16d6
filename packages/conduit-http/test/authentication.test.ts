import { Unauthorized } from '@journey/conduit-rules';
import { createLogger } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateWith } from '../src/authentication.js';
import { type ConduitServer, createConduitServer } from '../src/index.js';

/** A verifier that knows one good token, refuses some by throwing (as layered and hexagonal do), and can fail. */
async function verify(token: string): Promise<number | null> {
  if (token === 'good') return 7;
  if (token === 'refused') throw new Unauthorized('token is invalid or expired');
  if (token === 'broken') throw new Error('the token store is down');
  return null;
}

describe('authenticateWith', () => {
  let app: ConduitServer;
  beforeAll(async () => {
    app = await createConduitServer(createLogger('authentication-test', 'silent'));
    const auth = authenticateWith(verify);
    app.get('/optional', { preHandler: auth.optional }, async (request) => ({ viewer: request.viewerId }));
    app.get('/required', { preHandler: auth.required }, async (request) => ({ viewer: request.viewerId }));
  });
  afterAll(() => app.close());

  const get = (url: string, authorization?: string) =>
    app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });

  it('when a valid token comes as "Token" or "Bearer", then both routes see its user', async () => {
    for (const header of ['Token good', 'Bearer good']) {
      expect((await get('/optional', header)).json()).toEqual({ viewer: 7 });
      expect((await get('/required', header)).json()).toEqual({ viewer: 7 });
    }
  });

  it.each(['Token stale', 'Token refused', 'Token not a jwt', 'Basic good', 'Token', ''])(
    'when the header is %j, then an optional route answers as to an anonymous caller and a required one 401',
    async (header) => {
      const optional = await get('/optional', header);
      expect(optional.statusCode).toBe(200);
      expect(optional.json()).toEqual({ viewer: null });
      expect((await get('/required', header)).statusCode).toBe(401);
    },
  );

  it('when verifying fails for another reason than the token, then an optional route does not hide it', async () => {
    expect((await get('/optional', 'Token broken')).statusCode).toBe(500);
  });
});
