import { area } from '../check.js';
import { allOf, assert, assertEqual, fails, failsOnField, ok } from '../expect.js';
import { newUserInput, signUp, unique } from '../fixtures.js';

/** Registration, login, the current user and its update (spec: endpoints.md, Authentication … Update User). */
export const userChecks = area('users', {
  'when a user registers, then the reply is 201 with the user and a token': async ({ api }) => {
    const input = newUserInput('reg');
    const { user } = ok(await api.register(input));
    assertEqual(user.username, input.username, 'user.username');
    assertEqual(user.email, input.email, 'user.email');
    assert(user.token.length > 0, 'user.token is empty');
    assert(!('password' in user), 'the user in the reply includes its password');
  },

  'when a user logs in with the right password, then the reply carries a token that works': async ({
    api,
  }) => {
    const registered = await signUp(api, 'login');
    const { user } = ok(await api.login(registered.email, registered.password));
    assertEqual(user.username, registered.username, 'user.username');
    assertEqual(user.email, registered.email, 'user.email');
    const me = ok(await api.currentUser(user.token)).user;
    assertEqual(me.username, registered.username, 'GET /user username with the login token');
  },

  'when the current user is fetched with "Authorization: Token …", then it is the owner of the token':
    async ({ api }) => {
      const registered = await signUp(api, 'me');
      const { user } = ok(await api.currentUser(registered.token));
      assertEqual(user.username, registered.username, 'user.username');
      assertEqual(user.email, registered.email, 'user.email');
      assert(user.token.length > 0, 'user.token is empty');
    },

  'when a username is already taken, then registration fails with 422 naming username': async ({ api }) => {
    const first = await signUp(api, 'dupname');
    const second = newUserInput('dupname');
    failsOnField(await api.register({ ...second, username: first.username }), 'username');
  },

  'when an email is already taken, then registration fails with 422 naming email': async ({ api }) => {
    const first = await signUp(api, 'dupmail');
    const second = newUserInput('dupmail');
    failsOnField(await api.register({ ...second, email: first.email }), 'email');
  },

  'when username, email or password is blank, then registration fails with 422 naming that field': async ({
    api,
  }) => {
    await allOf(
      (['username', 'email', 'password'] as const).map((field) => async () => {
        failsOnField(await api.register({ ...newUserInput('blank'), [field]: '' }), field);
      }),
    );
  },

  'when the password is wrong, then login fails with 401 or 422': async ({ api }) => {
    const user = await signUp(api, 'wrongpw');
    fails(await api.login(user.email, `${user.password}-not`), [401, 422]);
  },

  'when the email is unknown, then login fails with 401 or 422': async ({ api }) => {
    fails(await api.login(`nobody_${unique()}@conformance.example`, 'whatever-password'), [401, 422]);
  },

  'when bio and image are updated, then the current user and the profile show them': async ({
    api,
    eventually,
  }) => {
    const user = await signUp(api, 'bio');
    const bio = `I test things ${unique()}`;
    const image = `https://images.conformance.example/${unique()}.png`;
    const updated = ok(await api.updateUser(user.token, { bio, image })).user;
    assertEqual(updated.bio, bio, 'PUT /user bio');
    assertEqual(updated.image, image, 'PUT /user image');
    assertEqual(updated.username, user.username, 'PUT /user username');
    const me = ok(await api.currentUser(user.token)).user;
    assertEqual(me.bio, bio, 'GET /user bio');
    assertEqual(me.image, image, 'GET /user image');
    await eventually(async () => {
      const { profile } = ok(await api.profile(user.username));
      assertEqual(profile.bio, bio, 'profile bio');
      assertEqual(profile.image, image, 'profile image');
    });
  },

  'when email, username and password change, then login works with the new ones only': async ({
    api,
    eventually,
  }) => {
    const user = await signUp(api, 'change');
    const next = newUserInput('changed');
    const updated = ok(await api.updateUser(user.token, next)).user;
    assertEqual(updated.username, next.username, 'PUT /user username');
    assertEqual(updated.email, next.email, 'PUT /user email');

    const { user: loggedIn } = ok(await api.login(next.email, next.password));
    assertEqual(loggedIn.username, next.username, 'login with the new credentials: username');
    const me = ok(await api.currentUser(loggedIn.token)).user;
    assertEqual(me.email, next.email, 'GET /user email with the new token');
    fails(await api.login(next.email, user.password), [401, 422]);
    fails(await api.login(user.email, user.password), [401, 422]);
    await eventually(async () => {
      ok(await api.profile(next.username));
      fails(await api.profile(user.username), 404);
    });
  },

  'when the password is sent empty with other changes, then those apply and the old password still logs in':
    async ({ api }) => {
      // The reference front-ends' settings form sends `"password": ""` when its field is left empty.
      const user = await signUp(api, 'keeppw');
      const bio = `I keep my password ${unique()}`;
      const updated = ok(await api.updateUser(user.token, { bio, password: '' })).user;
      assertEqual(updated.bio, bio, 'PUT /user bio');
      ok(await api.login(user.email, user.password));
    },

  'when a user takes a username or email that another user has, then the update fails with 422': async ({
    api,
  }) => {
    const taken = await signUp(api, 'taken');
    const user = await signUp(api, 'taker');
    await allOf([
      async () => failsOnField(await api.updateUser(user.token, { username: taken.username }), 'username'),
      async () => failsOnField(await api.updateUser(user.token, { email: taken.email }), 'email'),
    ]);
  },
});
