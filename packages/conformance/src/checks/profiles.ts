import { area } from '../check.js';
import { allOf, assertEqual, fails, ok } from '../expect.js';
import { signUp, unique } from '../fixtures.js';

/** Spec: endpoints.md "Get Profile", "Follow user", "Unfollow user". */
export const profileChecks = area('profiles', {
  'when a profile is fetched without a token, then it is returned with following false': async ({
    api,
    eventually,
  }) => {
    const user = await signUp(api, 'profile');
    await eventually(async () => {
      const { profile } = ok(await api.profile(user.username));
      assertEqual(profile.username, user.username, 'profile.username');
      assertEqual(profile.following, false, 'profile.following');
    });
  },

  'when a user follows another, then following is true for the follower only': async ({
    api,
    eventually,
  }) => {
    const follower = await signUp(api, 'follower');
    const author = await signUp(api, 'followed');
    const stranger = await signUp(api, 'stranger');
    const { profile } = ok(await api.follow(follower.token, author.username));
    assertEqual(profile.username, author.username, 'follow reply profile.username');
    assertEqual(profile.following, true, 'follow reply profile.following');
    await eventually(async () => {
      assertEqual(
        ok(await api.profile(author.username, follower.token)).profile.following,
        true,
        'following',
      );
    });
    assertEqual(ok(await api.profile(author.username)).profile.following, false, 'following without a token');
    assertEqual(
      ok(await api.profile(author.username, stranger.token)).profile.following,
      false,
      "following for someone who doesn't follow",
    );
  },

  'when a user unfollows, then following is false again': async ({ api, eventually }) => {
    const follower = await signUp(api, 'unfollower');
    const author = await signUp(api, 'unfollowed');
    ok(await api.follow(follower.token, author.username));
    await eventually(async () => {
      assertEqual(
        ok(await api.profile(author.username, follower.token)).profile.following,
        true,
        'following',
      );
    });
    const { profile } = ok(await api.unfollow(follower.token, author.username));
    assertEqual(profile.following, false, 'unfollow reply profile.following');
    await eventually(async () => {
      assertEqual(
        ok(await api.profile(author.username, follower.token)).profile.following,
        false,
        'following',
      );
    });
  },

  'when a user follows twice, then one unfollow ends it': async ({ api, eventually }) => {
    const follower = await signUp(api, 'twice');
    const author = await signUp(api, 'twiced');
    assertEqual(
      ok(await api.follow(follower.token, author.username)).profile.following,
      true,
      'first follow',
    );
    assertEqual(
      ok(await api.follow(follower.token, author.username)).profile.following,
      true,
      'second follow',
    );
    assertEqual(ok(await api.unfollow(follower.token, author.username)).profile.following, false, 'unfollow');
    await eventually(async () => {
      assertEqual(
        ok(await api.profile(author.username, follower.token)).profile.following,
        false,
        'following',
      );
    });
  },

  'when an unknown profile is requested or followed, then it answers 404': async ({ api }) => {
    const user = await signUp(api, 'seeker');
    const nobody = `nobody_${unique()}`;
    await allOf([
      async () => fails(await api.profile(nobody), 404),
      async () => fails(await api.profile(nobody, user.token), 404),
      async () => fails(await api.follow(user.token, nobody), 404),
      async () => fails(await api.unfollow(user.token, nobody), 404),
    ]);
  },
});
