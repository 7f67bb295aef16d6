import { createJwtTokens, createLogger, type ServiceProcess } from '@journey/platform';
import { buildIdentity } from '@journey/soa-identity';
import { type OpenEnterpriseData, openEnterpriseData } from '@journey/soa-service-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterpriseDatabases, type TestDatabase } from '../service-host/enterprise-databases.js';
import { type IdentityClient, identityClient } from './identity-client.js';

const JWT_SECRET = 'identity-test-secret';
const tokens = createJwtTokens(JWT_SECRET);
let counter = 0;
const unique = (prefix: string) =>
  `${prefix}${process.pid.toString(36)}${(++counter).toString(36)}${Date.now().toString(36)}`;

const newAccount = (prefix: string) => {
  const username = unique(prefix);
  return { username, email: `${username}@Example.COM`, password: 'correct horse battery' };
};

describe.each(enterpriseDatabases)('IdentityService v1 on $label', (kind) => {
  let database: TestDatabase;
  let identity: ServiceProcess;
  let client: IdentityClient;
  /** The enterprise data as another service sees it: for what identity does not write (follows). */
  let shared: OpenEnterpriseData;

  beforeAll(async () => {
    if (kind.skip) return;
    database = await kind.provision('identity');
    identity = await buildIdentity({
      databaseUrl: database.url,
      jwtSecret: JWT_SECRET,
      logger: createLogger('identity', 'silent'),
    });
    const origin = await identity.app.listen({ port: 0, host: '127.0.0.1' });
    client = await identityClient(`${origin}/soap/identity/v1?wsdl`);
    shared = await openEnterpriseData(database.url);
  }, 60_000);

  afterAll(async () => {
    await shared?.close();
    await identity?.close();
    await database?.dispose();
  });

  const register = async (prefix: string) => {
    const account = newAccount(prefix);
    const { user } = await client.call('Register', account);
    return { ...account, user };
  };

  describe.skipIf(kind.skip)('Register', () => {
    it('when an account is registered, then it answers the user with a token for its id and the email lower-cased', async () => {
      const account = newAccount('jake');
      const { user } = await client.call('Register', account);
      expect(user).toEqual({
        id: expect.any(Number),
        email: account.email.toLowerCase(),
        username: account.username,
        token: expect.any(String),
      });
      expect(await tokens.verify(user.token)).toBe(user.id);
    });

    it('when the username is taken, then it is VALIDATION_FAILED: username has already been taken', async () => {
      const first = await register('taken');
      const fault = await client.fault('Register', { ...newAccount('other'), username: first.username });
      expect(fault).toEqual({
        code: 'VALIDATION_FAILED',
        status: 422,
        errors: { username: ['has already been taken'] },
      });
    });

    it('when the email is taken in another case, then it is VALIDATION_FAILED: email has already been taken', async () => {
      const first = await register('mail');
      const fault = await client.fault('Register', {
        ...newAccount('again'),
        email: first.email.toUpperCase(),
      });
      expect(fault.errors).toEqual({ email: ['has already been taken'] });
    });

    it('when fields are blank or malformed, then every problem comes back at once with the RealWorld messages', async () => {
      const fault = await client.fault('Register', { username: ' ', email: 'not-an-email', password: '' });
      expect(fault).toEqual({
        code: 'VALIDATION_FAILED',
        status: 422,
        errors: { username: ["can't be blank"], email: ['is invalid'], password: ["can't be blank"] },
      });
    });

    it('when a registration is repeated with its idempotency key, then the first answer comes back and one account exists', async () => {
      const account = newAccount('retry');
      const key = unique('key');
      const first = await client.call('Register', account, { idempotencyKey: key });
      const again = await client.call('Register', account, { idempotencyKey: key });
      expect(again).toEqual(first);
      const rows = await shared.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', account.username)
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('when an idempotency key is reused for another registration, then it is VALIDATION_FAILED on idempotency-key', async () => {
      const key = unique('key');
      await client.call('Register', newAccount('keyed'), { idempotencyKey: key });
      const fault = await client.fault('Register', newAccount('reuse'), { idempotencyKey: key });
      expect(fault.errors).toEqual({
        'idempotency-key': ['was already used for another request; send a new key'],
      });
    });
  });

  describe.skipIf(kind.skip)('Authenticate', () => {
    it('when the credentials are right (email in any case), then it answers the user with a fresh token', async () => {
      const account = await register('login');
      const { user } = await client.call('Authenticate', {
        email: account.email.toUpperCase(),
        password: account.password,
      });
      expect(user).toMatchObject({ id: account.user.id, username: account.username });
      expect(await tokens.verify(user.token)).toBe(account.user.id);
    });

    it('when the password is wrong or the email unknown, then both are the same VALIDATION_FAILED on "email or password"', async () => {
      const account = await register('wrongpw');
      const wrong = await client.fault('Authenticate', {
        email: account.email,
        password: `${account.password}-not`,
      });
      const unknown = await client.fault('Authenticate', {
        email: `${unique('nobody')}@x.example`,
        password: 'whatever1',
      });
      expect(wrong).toEqual({
        code: 'VALIDATION_FAILED',
        status: 422,
        errors: { 'email or password': ['is invalid'] },
      });
      expect(unknown).toEqual(wrong);
    });
  });

  describe.skipIf(kind.skip)('GetCurrentUser', () => {
    it('when the CallContext names the viewer, then it answers their account', async () => {
      const account = await register('current');
      const { user } = await client.call('GetCurrentUser', {}, { viewerId: account.user.id });
      expect(user).toMatchObject({
        id: account.user.id,
        email: account.email.toLowerCase(),
        username: account.username,
      });
    });

    it('when there is no viewer, then it is UNAUTHORIZED', async () => {
      expect(await client.fault('GetCurrentUser', {})).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    });

    it("when the viewer's account does not exist, then it is UNAUTHORIZED", async () => {
      const fault = await client.fault('GetCurrentUser', {}, { viewerId: 2_000_000_000 });
      expect(fault).toEqual({
        code: 'UNAUTHORIZED',
        status: 401,
        errors: { token: ['the user of this token no longer exists'] },
      });
    });
  });

  describe.skipIf(kind.skip)('UpdateUser', () => {
    it('when bio and image are sent, then they are set; when sent as nil, then they are cleared; absent fields stay', async () => {
      const account = await register('editor');
      const viewer = { viewerId: account.user.id };
      const set = await client.call(
        'UpdateUser',
        { bio: 'I like to skateboard', image: 'https://i.example/a.png' },
        viewer,
      );
      expect(set.user).toMatchObject({
        username: account.username,
        bio: 'I like to skateboard',
        image: 'https://i.example/a.png',
      });
      const cleared = await client.call('UpdateUser', { bio: null }, viewer);
      expect(cleared.user.bio).toBeUndefined();
      expect(cleared.user.image).toBe('https://i.example/a.png');
    });

    it('when the password changes, then only the new one signs in', async () => {
      const account = await register('rotate');
      await client.call('UpdateUser', { password: 'a brand new secret' }, { viewerId: account.user.id });
      const { user } = await client.call('Authenticate', {
        email: account.email,
        password: 'a brand new secret',
      });
      expect(user.id).toBe(account.user.id);
      expect(
        (await client.fault('Authenticate', { email: account.email, password: account.password })).status,
      ).toBe(422);
    });

    it("when the username or email is another account's, then it is VALIDATION_FAILED naming that field", async () => {
      const [mine, theirs] = [await register('mine'), await register('theirs')];
      const viewer = { viewerId: mine.user.id };
      expect((await client.fault('UpdateUser', { username: theirs.username }, viewer)).errors).toEqual({
        username: ['has already been taken'],
      });
      expect((await client.fault('UpdateUser', { email: theirs.email }, viewer)).errors).toEqual({
        email: ['has already been taken'],
      });
    });

    it('when there is no viewer, then it is UNAUTHORIZED and nothing changes', async () => {
      expect((await client.fault('UpdateUser', { bio: 'anonymous' })).code).toBe('UNAUTHORIZED');
    });
  });

  describe.skipIf(kind.skip)('GetProfile', () => {
    it('when the profile does not exist, then it is NOT_FOUND on profile', async () => {
      expect(await client.fault('GetProfile', { username: unique('ghost') })).toEqual({
        code: 'NOT_FOUND',
        status: 404,
        errors: { profile: ['not found'] },
      });
    });

    it('when the viewer follows the user (a row engagement wrote), then following is true for them only', async () => {
      const [author, fan, stranger] = [
        await register('author'),
        await register('fan'),
        await register('stranger'),
      ];
      await client.call('UpdateUser', { bio: 'writes things' }, { viewerId: author.user.id });
      await shared.db
        .insertInto('follows')
        .values({
          follower_id: fan.user.id,
          followee_id: author.user.id,
          created_at: new Date().toISOString(),
        })
        .execute();
      const asFan = await client.call('GetProfile', { username: author.username }, { viewerId: fan.user.id });
      expect(asFan.profile).toEqual({ username: author.username, bio: 'writes things', following: true });
      const asStranger = await client.call(
        'GetProfile',
        { username: author.username },
        { viewerId: stranger.user.id },
      );
      expect(asStranger.profile.following).toBe(false);
      const anonymous = await client.call('GetProfile', { username: author.username });
      expect(anonymous.profile.following).toBe(false);
    });
  });
});
