import type { Article, ArticlePage, Profile } from '@journey/soa-contracts';
import { engagementEndpoints } from '@journey/soa-engagement';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseChoices } from '../enterprise-data/scratch-database.js';
import { seedArticle, seedFollow, seedPerson } from '../enterprise-data/seed.js';
import { faultOf, serveEnterpriseService } from '../enterprise-data/served-service.js';

type Served = Awaited<ReturnType<typeof serveEnterpriseService>>;
type Call = Awaited<ReturnType<Served['client']>>;
type ProfileAnswer = { profile: Profile; followersCount?: number };

let counter = 0;
/** A name no other test of this run uses: the tests of one database share it. */
const unique = (prefix: string) => `${prefix}${process.pid.toString(36)}${(++counter).toString(36)}`;
const page = { limit: 20, offset: 0 };

for (const { choice, skip } of databaseChoices) {
  describe.skipIf(skip !== undefined)(`EngagementService on ${choice}${skip ? ` (${skip})` : ''}`, () => {
    let served: Served;
    /** A v1 consumer at the v1 endpoint, a v1 consumer at the v2 endpoint, a v2 consumer. */
    let v1: Call;
    let v1AtV2: Call;
    let v2: Call;
    beforeAll(async () => {
      served = await serveEnterpriseService('engagement', choice, engagementEndpoints);
      [v1, v1AtV2, v2] = await Promise.all([served.client(1), served.client(1, { at: 2 }), served.client(2)]);
    });
    afterAll(() => served?.stop());

    const person = async (prefix = 'user') => {
      const username = unique(prefix);
      return { username, id: await seedPerson(served.db, username) };
    };
    const article = async (authorId: number) => {
      const slug = unique('article-');
      return { slug, id: await seedArticle(served.db, authorId, slug) };
    };
    const following = async (followerId: number, followeeId: number) =>
      (
        await served.db
          .selectFrom('follows')
          .select('followee_id')
          .where('follower_id', '=', followerId)
          .where('followee_id', '=', followeeId)
          .execute()
      ).length === 1;

    for (const [consumer, call] of [
      ['a v1 consumer at the v1 endpoint', () => v1],
      ['a v1 consumer at the v2 endpoint', () => v1AtV2],
    ] as const) {
      describe(consumer, () => {
        it('when an article is favorited, twice, then unfavorited, then favorited and the count follow, once per reader', async () => {
          const author = await person('author');
          const [reader, other] = [await person('reader'), await person('other')];
          const { slug } = await article(author.id);
          const favorite = async (op: 'Favorite' | 'Unfavorite', viewer: number) =>
            (await call()<{ article: Article }>(op, { slug }, { viewer })).article;

          expect(await favorite('Favorite', reader.id)).toMatchObject({
            slug,
            favorited: true,
            favoritesCount: 1,
          });
          expect(await favorite('Favorite', reader.id)).toMatchObject({ favorited: true, favoritesCount: 1 });
          expect(await favorite('Favorite', other.id)).toMatchObject({ favorited: true, favoritesCount: 2 });
          const unfavorited = await favorite('Unfavorite', reader.id);
          expect(unfavorited).toMatchObject({ favorited: false, favoritesCount: 1 });
          expect(unfavorited.body).toBe(`the body of ${slug}`);
          expect(await favorite('Unfavorite', reader.id)).toMatchObject({
            favorited: false,
            favoritesCount: 1,
          });
        });

        it('when the favoriting reader follows the author, then the answered author is followed', async () => {
          const author = await person('author');
          const fan = await person('fan');
          const { slug } = await article(author.id);
          const before = await call()<{ article: Article }>('Favorite', { slug }, { viewer: fan.id });
          expect(before.article.author).toEqual({ username: author.username, following: false });
          await seedFollow(served.db, fan.id, author.id);
          const after = await call()<{ article: Article }>('Unfavorite', { slug }, { viewer: fan.id });
          expect(after.article.author).toEqual({ username: author.username, following: true });
        });

        it('when an unknown article is favorited or nobody favorites, then NOT_FOUND and UNAUTHORIZED', async () => {
          const viewer = (await person()).id;
          const { slug } = await article(viewer);
          for (const op of ['Favorite', 'Unfavorite']) {
            expect(await faultOf(call()(op, { slug: 'no-such-article' }, { viewer }))).toEqual({
              code: 'NOT_FOUND',
              errors: { article: ['not found'] },
            });
            expect(await faultOf(call()(op, { slug }))).toEqual({
              code: 'UNAUTHORIZED',
              errors: { token: ['is missing'] },
            });
          }
        });

        it('when a user follows twice, then unfollows once, then following is true, true, false and one row went', async () => {
          const follower = await person('follower');
          const followed = await person('followed');
          const follow = async (op: 'Follow' | 'Unfollow') =>
            (await call()<ProfileAnswer>(op, { username: followed.username }, { viewer: follower.id }))
              .profile;
          expect(await follow('Follow')).toEqual({ username: followed.username, following: true });
          expect(await follow('Follow')).toEqual({ username: followed.username, following: true });
          expect(await following(follower.id, followed.id)).toBe(true);
          expect(await follow('Unfollow')).toEqual({ username: followed.username, following: false });
          expect(await following(follower.id, followed.id)).toBe(false);
        });

        it('when a v1 consumer follows, then it reads no followersCount, even from the v2 endpoint', async () => {
          const follower = await person();
          const followed = await person();
          const answer = await call()<ProfileAnswer>(
            'Follow',
            { username: followed.username },
            { viewer: follower.id },
          );
          expect(answer).toEqual({ profile: { username: followed.username, following: true } });
        });

        it('when someone unknown, oneself or by nobody is followed, then NOT_FOUND, VALIDATION_FAILED, UNAUTHORIZED', async () => {
          const user = await person();
          for (const op of ['Follow', 'Unfollow']) {
            expect(await faultOf(call()(op, { username: unique('nobody') }, { viewer: user.id }))).toEqual({
              code: 'NOT_FOUND',
              errors: { profile: ['not found'] },
            });
            expect(await faultOf(call()(op, { username: user.username }))).toMatchObject({
              code: 'UNAUTHORIZED',
            });
          }
          expect(await faultOf(call()('Follow', { username: user.username }, { viewer: user.id }))).toEqual({
            code: 'VALIDATION_FAILED',
            errors: { username: ['you cannot follow yourself'] },
          });
          expect(await following(user.id, user.id)).toBe(false);
        });

        it('when the feed is read, then it holds the followed authors’ articles, newest first, authors followed, paged', async () => {
          const reader = await person('reader');
          const [followedA, followedB, stranger] = [await person(), await person(), await person()];
          const first = await article(followedA.id);
          await article(stranger.id);
          const second = await article(followedB.id);
          const third = await article(followedA.id);
          const feed = (viewer: number, p = page) => call()<ArticlePage>('Feed', { page: p }, { viewer });

          expect(await feed(reader.id)).toEqual({ article: [], page: { ...page, total: 0 } });
          await seedFollow(served.db, reader.id, followedA.id);
          await seedFollow(served.db, reader.id, followedB.id);
          const whole = await feed(reader.id);
          expect(whole.article.map((a) => a.slug)).toEqual([third.slug, second.slug, first.slug]);
          expect(whole.article.every((a) => a.author.following && a.body === undefined)).toBe(true);
          expect(whole.page).toEqual({ ...page, total: 3 });
          const paged = await feed(reader.id, { limit: 1, offset: 1 });
          expect(paged).toEqual({ article: [whole.article[1]], page: { limit: 1, offset: 1, total: 3 } });
          expect(await faultOf(call()('Feed', { page }))).toMatchObject({ code: 'UNAUTHORIZED' });
          // Past the contract's bounds (limit 1..100): the kit refuses the envelope before the handler.
          for (const limit of [0, 101]) {
            await expect(feed(reader.id, { limit, offset: 0 })).rejects.toMatchObject({
              code: 'SchemaInvalid',
              declared: false,
            });
          }
        });
      });
    }

    describe('a v2 consumer', () => {
      it('when it follows and unfollows, then the answer carries the followers counted after the change', async () => {
        const followed = await person('popular');
        const [a, b] = [await person(), await person()];
        const follow = (op: 'Follow' | 'Unfollow', viewer: number) =>
          v2<ProfileAnswer>(op, { username: followed.username }, { viewer });
        expect(await follow('Follow', a.id)).toEqual({
          profile: { username: followed.username, following: true },
          followersCount: 1,
        });
        expect((await follow('Follow', b.id)).followersCount).toBe(2);
        expect((await follow('Follow', b.id)).followersCount).toBe(2);
        expect(await follow('Unfollow', a.id)).toEqual({
          profile: { username: followed.username, following: false },
          followersCount: 1,
        });
      });

      it('when it calls what v2 did not change, then it gets v1’s answers and faults', async () => {
        const author = await person();
        const reader = await person();
        const { slug } = await article(author.id);
        await v2('Follow', { username: author.username }, { viewer: reader.id });
        const { article: favorited } = await v2<{ article: Article }>(
          'Favorite',
          { slug },
          { viewer: reader.id },
        );
        expect(favorited).toMatchObject({
          slug,
          favorited: true,
          favoritesCount: 1,
          author: { following: true },
        });
        const feed = await v2<ArticlePage>('Feed', { page }, { viewer: reader.id });
        expect(feed.article.map((a) => a.slug)).toEqual([slug]);
        expect(
          await faultOf(v2('Follow', { username: reader.username }, { viewer: reader.id })),
        ).toMatchObject({
          code: 'VALIDATION_FAILED',
        });
      });
    });

    describe('racing writes', () => {
      it('when many readers favorite and a few unfavorite at once, then favoritesCount counts what stayed', async () => {
        const { slug, id } = await article((await person()).id);
        const readers = await Promise.all(Array.from({ length: 12 }, () => person('racer')));
        await Promise.all(readers.map((r) => v1('Favorite', { slug }, { viewer: r.id })));
        await Promise.all(
          readers
            .slice(0, 4)
            .flatMap((r) => [
              v1('Unfavorite', { slug }, { viewer: r.id }),
              v1('Favorite', { slug }, { viewer: readers[11]!.id }),
            ]),
        );
        const { favorites_count } = await served.db
          .selectFrom('articles')
          .select('favorites_count')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(Number(favorites_count)).toBe(8);
        const rows = await served.db
          .selectFrom('favorites')
          .select('user_id')
          .where('article_id', '=', id)
          .execute();
        expect(rows).toHaveLength(8);
      });
    });

    describe('idempotent writes', () => {
      it('when a Follow is retried with its key after an Unfollow, then it answers the first answer and writes nothing', async () => {
        const follower = await person();
        const followed = await person();
        const key = unique('key');
        const follow = () =>
          v1<ProfileAnswer>(
            'Follow',
            { username: followed.username },
            { viewer: follower.id, idempotencyKey: key },
          );
        const first = await follow();
        await v1('Unfollow', { username: followed.username }, { viewer: follower.id });
        expect(await follow()).toEqual(first);
        expect(await following(follower.id, followed.id)).toBe(false);
      });

      it('when a Favorite is retried with its key, then the count moved once', async () => {
        const reader = await person();
        const { slug } = await article((await person()).id);
        const caller = { viewer: reader.id, idempotencyKey: unique('key') };
        const first = await v1<{ article: Article }>('Favorite', { slug }, caller);
        expect(await v1('Favorite', { slug }, caller)).toEqual(first);
        expect(first.article.favoritesCount).toBe(1);
      });
    });
  });
}
