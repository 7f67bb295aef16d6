import { area } from '../check.js';
import { assert, assertEqual, fails, failsOnField, ok } from '../expect.js';
import { publish, signUp } from '../fixtures.js';
import { isIsoWithMillis, preview } from '../schema.js';

/** Spec: endpoints.md "Add Comments to an Article", "Get Comments from an Article", "Delete Comment". */
export const commentChecks = area('comments', {
  'when a comment is added, then 200 returns it with an id, its body and its author': async ({ api }) => {
    const author = await signUp(api, 'post');
    const commenter = await signUp(api, 'commenter');
    const article = await publish(api, author);
    const { comment } = ok(await api.addComment(commenter.token, article.slug, 'His name was my name too.'));
    assertEqual(comment.body, 'His name was my name too.', 'comment.body');
    assertEqual(comment.author.username, commenter.username, 'comment.author.username');
    assertEqual(comment.author.following, false, 'comment.author.following');
  },

  'when a comment is added, then createdAt and updatedAt are ISO 8601 with milliseconds': async ({ api }) => {
    const author = await signUp(api, 'stamp');
    const article = await publish(api, author);
    const { comment } = ok(await api.addComment(author.token, article.slug, 'Timed.'));
    for (const field of ['createdAt', 'updatedAt'] as const) {
      assert(
        isIsoWithMillis(comment[field]),
        `comment.${field} is ${preview(comment[field])}, expected like 2016-02-18T03:22:56.637Z`,
      );
    }
  },

  'when comments are listed without a token, then the new comments are there': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'thread');
    const article = await publish(api, author);
    const first = ok(await api.addComment(author.token, article.slug, 'First!')).comment;
    const second = ok(await api.addComment(author.token, article.slug, 'Second.')).comment;
    assert(first.id !== second.id, `both comments got id ${first.id}`);
    await eventually(async () => {
      const { comments } = ok(await api.comments(article.slug));
      const ids = comments.map((c) => c.id).sort((a, b) => a - b);
      assertEqual(ids.join(), [first.id, second.id].sort((a, b) => a - b).join(), 'comment ids');
      assertEqual(comments.find((c) => c.id === second.id)?.body, 'Second.', 'comment body');
    });
  },

  'when comments are listed by a follower of the commenter, then author.following is true': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'discussed');
    const commenter = await signUp(api, 'talker');
    const follower = await signUp(api, 'listener');
    const article = await publish(api, author);
    const { comment } = ok(await api.addComment(commenter.token, article.slug, 'Follow me.'));
    ok(await api.follow(follower.token, commenter.username));
    await eventually(async () => {
      const listed = ok(await api.comments(article.slug, follower.token)).comments.find(
        (c) => c.id === comment.id,
      );
      assertEqual(listed?.author.following, true, 'comment author.following for a follower');
    });
    const anonymous = ok(await api.comments(article.slug)).comments.find((c) => c.id === comment.id);
    assertEqual(anonymous?.author.following, false, 'comment author.following without a token');
  },

  'when the author of a comment deletes it, then 204 and it leaves the list': async ({ api, eventually }) => {
    const author = await signUp(api, 'regret');
    const article = await publish(api, author);
    const { comment } = ok(await api.addComment(author.token, article.slug, 'Oops.'));
    const kept = ok(await api.addComment(author.token, article.slug, 'Kept.')).comment;
    ok(await api.deleteComment(author.token, article.slug, comment.id));
    await eventually(async () => {
      const ids = ok(await api.comments(article.slug)).comments.map((c) => c.id);
      assertEqual(ids.join(), String(kept.id), 'comment ids after the delete');
    });
  },

  'when a comment that no longer exists is deleted, then it answers 404': async ({ api }) => {
    const author = await signUp(api, 'twicedel');
    const article = await publish(api, author);
    const { comment } = ok(await api.addComment(author.token, article.slug, 'Short-lived.'));
    ok(await api.deleteComment(author.token, article.slug, comment.id));
    fails(await api.deleteComment(author.token, article.slug, comment.id), 404);
  },

  'when a comment body is blank, then it answers 422 naming body': async ({ api }) => {
    const author = await signUp(api, 'mute');
    const article = await publish(api, author);
    failsOnField(await api.addComment(author.token, article.slug, ''), 'body');
  },
});
