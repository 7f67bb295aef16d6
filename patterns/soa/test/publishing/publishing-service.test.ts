import type { Article, ArticlePage, Comment, PublishingV1 } from '@journey/soa-contracts';
import { publishingEndpoints } from '@journey/soa-publishing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseChoices } from '../enterprise-data/scratch-database.js';
import { seedFavorite, seedPerson } from '../enterprise-data/seed.js';
import { type Caller, faultOf, serveEnterpriseService } from '../enterprise-data/served-service.js';

type Served = Awaited<ReturnType<typeof serveEnterpriseService>>;
type Call = Awaited<ReturnType<Served['client']>>;

const ISO_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const dragon = {
  title: 'How to train your dragon',
  description: 'Ever wonder how?',
  body: 'You have to believe',
};
const page = { limit: 20, offset: 0 };

let counter = 0;
/** A name no other test of this run uses: the tests of one database share it. */
const unique = (prefix: string) => `${prefix}${process.pid.toString(36)}${(++counter).toString(36)}`;

for (const { choice, skip } of databaseChoices) {
  describe.skipIf(skip !== undefined)(`PublishingService v1 on ${choice}${skip ? ` (${skip})` : ''}`, () => {
    let served: Served;
    let call: Call;
    beforeAll(async () => {
      served = await serveEnterpriseService('publishing', choice, publishingEndpoints);
      call = await served.client(1);
    });
    afterAll(() => served?.stop());

    const person = async (prefix = 'writer') => {
      const username = unique(prefix);
      return { username, id: await seedPerson(served.db, username, { bio: `${prefix} bio` }) };
    };
    const create = async (caller: Caller, fields: Partial<PublishingV1['CreateArticle']['request']> = {}) =>
      (
        await call<PublishingV1['CreateArticle']['response']>(
          'CreateArticle',
          { ...dragon, ...fields },
          caller,
        )
      ).article;
    const get = async (slug: string, caller: Caller = {}) =>
      (await call<{ article: Article }>('GetArticle', { slug }, caller)).article;
    const articleRows = (slug: string) =>
      served.db.selectFrom('articles').select(['id', 'slug']).where('slug', 'like', `${slug}%`).execute();

    describe('CreateArticle', () => {
      it('when a viewer creates an article, then it answers it with body, sorted unique tags and its author', async () => {
        const jake = await person('jake');
        const article = await create(
          { viewer: jake.id },
          { title: `  ${unique('Dragons')}  `, tagList: { tag: ['training', ' dragons ', 'dragons', ''] } },
        );
        expect(article).toEqual({
          slug: expect.stringMatching(/^dragons[a-z0-9]+$/),
          title: expect.stringMatching(/^Dragons[a-z0-9]+$/),
          description: dragon.description,
          body: dragon.body,
          tagList: { tag: ['dragons', 'training'] },
          createdAt: expect.stringMatching(ISO_MILLIS),
          updatedAt: article.createdAt,
          favorited: false,
          favoritesCount: 0,
          author: { username: jake.username, bio: 'jake bio', following: false },
        });
      });

      it('when no tagList is sent, then the article has no tags', async () => {
        const article = await create({ viewer: (await person()).id });
        expect(article.tagList).toEqual({ tag: [] });
      });

      it('when two articles have the same title, then the second slug gets a suffix', async () => {
        const viewer = (await person()).id;
        const title = unique('Same title ');
        const first = await create({ viewer }, { title });
        const second = await create({ viewer }, { title });
        expect(second.slug).toMatch(new RegExp(`^${first.slug}-[0-9a-f]{8}$`));
      });

      it('when there is no viewer, then it is UNAUTHORIZED', async () => {
        expect(await faultOf(create({}))).toEqual({
          code: 'UNAUTHORIZED',
          errors: { token: ['is missing'] },
        });
      });

      it('when title, description and body are blank, then VALIDATION_FAILED names each field', async () => {
        const viewer = (await person()).id;
        expect(await faultOf(create({ viewer }, { title: ' ', description: '', body: '' }))).toEqual({
          code: 'VALIDATION_FAILED',
          errors: { title: ["can't be blank"], description: ["can't be blank"], body: ["can't be blank"] },
        });
      });

      it('when the same idempotency key is sent twice, then one article is written and both get its answer', async () => {
        const caller = { viewer: (await person()).id, idempotencyKey: unique('key') };
        const title = unique('Once only ');
        const first = await create(caller, { title });
        const again = await create(caller, { title });
        expect(again).toEqual(first);
        expect(await articleRows(first.slug)).toHaveLength(1);
      });
    });

    describe('GetArticle', () => {
      it('when read anonymously or by a reader who favorited it, then favorited is the reader’s', async () => {
        const author = await person();
        const reader = await person('reader');
        const created = await create({ viewer: author.id }, { title: unique('Read me ') });
        const [row] = await articleRows(created.slug);
        await seedFavorite(served.db, reader.id, row!.id);
        expect(await get(created.slug)).toEqual({ ...created, favoritesCount: 1 });
        expect(await get(created.slug, { viewer: reader.id })).toMatchObject({
          favorited: true,
          favoritesCount: 1,
        });
      });

      it('when the slug is unknown, then it is NOT_FOUND on article', async () => {
        expect(await faultOf(get('no-such-article'))).toEqual({
          code: 'NOT_FOUND',
          errors: { article: ['not found'] },
        });
      });
    });

    describe('ListArticles', () => {
      it('when filtered by tag, author and favoriter, then it pages newest first without bodies, total counting all', async () => {
        const author = await person('lister');
        const fan = await person('fan');
        const tag = unique('tag');
        const slugs: string[] = [];
        for (let n = 0; n < 3; n++)
          slugs.push(
            (await create({ viewer: author.id }, { title: unique('Listed '), tagList: { tag: [tag] } })).slug,
          );
        const [favorite] = await articleRows(slugs[0]!);
        await seedFavorite(served.db, fan.id, favorite!.id);

        const byTag = await call<ArticlePage>('ListArticles', { tag, page: { limit: 2, offset: 0 } });
        expect(byTag.article.map((a) => a.slug)).toEqual([slugs[2], slugs[1]]);
        expect(byTag.article.every((a) => a.body === undefined)).toBe(true);
        expect(byTag.page).toEqual({ limit: 2, offset: 0, total: 3 });
        const rest = await call<ArticlePage>('ListArticles', { tag, page: { limit: 2, offset: 2 } });
        expect(rest.article.map((a) => a.slug)).toEqual([slugs[0]]);

        const byAuthor = await call<ArticlePage>('ListArticles', { author: author.username, page });
        expect(byAuthor.page.total).toBe(3);
        const favorited = await call<ArticlePage>(
          'ListArticles',
          { tag, favoritedBy: fan.username, page },
          { viewer: fan.id },
        );
        expect(favorited.article.map((a) => [a.slug, a.favorited, a.favoritesCount])).toEqual([
          [slugs[0], true, 1],
        ]);
        const nobody = await call<ArticlePage>('ListArticles', { author: unique('nobody'), page });
        expect(nobody).toEqual({ article: [], page: { ...page, total: 0 } });
      });
    });

    describe('ListArticles paging rules', () => {
      it('when a direct consumer asks past the bounds the contract sets (limit 1..100, offset 0..10^9), then the kit refuses the envelope before the handler', async () => {
        const list = (p: object) => call<ArticlePage>('ListArticles', { tag: unique('none'), page: p });
        for (const outOfBounds of [
          { limit: 500, offset: 0 },
          { limit: 0, offset: 0 },
          { limit: 1, offset: 2_000_000_000 },
        ]) {
          await expect(list(outOfBounds)).rejects.toMatchObject({
            code: 'SchemaInvalid',
            side: 'Client',
            declared: false,
          });
        }
        expect((await list({ limit: 100, offset: 0 })).page).toEqual({ limit: 100, offset: 0, total: 0 });
      });
    });

    describe('UpdateArticle', () => {
      it('when the author changes the title, then the slug follows and the old one is NOT_FOUND', async () => {
        const author = await person();
        const created = await create({ viewer: author.id }, { title: unique('Before ') });
        const title = unique('After ');
        const { article } = await call<{ article: Article }>(
          'UpdateArticle',
          { slug: created.slug, title },
          { viewer: author.id },
        );
        expect(article).toMatchObject({
          title,
          slug: title.toLowerCase().replace(' ', '-'),
          body: dragon.body,
        });
        expect(article.updatedAt >= created.updatedAt).toBe(true);
        expect(await faultOf(get(created.slug))).toMatchObject({ code: 'NOT_FOUND' });
        expect(await get(article.slug)).toEqual(article);
      });

      it('when the author changes description and body, then they are stored and the slug stays', async () => {
        const author = await person();
        const created = await create({ viewer: author.id }, { title: unique('Kept ') });
        await call(
          'UpdateArticle',
          { slug: created.slug, description: 'New', body: 'Newer' },
          { viewer: author.id },
        );
        expect(await get(created.slug)).toMatchObject({
          slug: created.slug,
          description: 'New',
          body: 'Newer',
        });
      });

      it('when someone else, nobody, a blank field or an unknown slug, then FORBIDDEN, UNAUTHORIZED, VALIDATION_FAILED, NOT_FOUND and no change', async () => {
        const author = await person();
        const intruder = await person('intruder');
        const created = await create({ viewer: author.id }, { title: unique('Guarded ') });
        const update = (input: object, caller: Caller) =>
          call('UpdateArticle', { slug: created.slug, ...input }, caller);
        expect(await faultOf(update({ body: 'Defaced.' }, { viewer: intruder.id }))).toEqual({
          code: 'FORBIDDEN',
          errors: { body: ['only the author may change this article'] },
        });
        expect(await faultOf(update({ body: 'Defaced.' }, {}))).toMatchObject({ code: 'UNAUTHORIZED' });
        expect(await faultOf(update({ title: '' }, { viewer: author.id }))).toEqual({
          code: 'VALIDATION_FAILED',
          errors: { title: ["can't be blank"] },
        });
        expect(
          await faultOf(call('UpdateArticle', { slug: 'no-such-article', body: 'x' }, { viewer: author.id })),
        ).toEqual({ code: 'NOT_FOUND', errors: { article: ['not found'] } });
        expect(await get(created.slug)).toEqual(created);
      });
    });

    describe('DeleteArticle', () => {
      it('when the author deletes, then the article, its comments, tag links and favorites go; a second delete is NOT_FOUND', async () => {
        const author = await person();
        const fan = await person('fan');
        const tag = unique('gone');
        const created = await create(
          { viewer: author.id },
          { title: unique('Doomed '), tagList: { tag: [tag] } },
        );
        const [row] = await articleRows(created.slug);
        const id = row!.id;
        await seedFavorite(served.db, fan.id, id);
        await call('AddComment', { slug: created.slug, body: 'Last words.' }, { viewer: fan.id });

        expect(await faultOf(call('DeleteArticle', { slug: created.slug }, { viewer: fan.id }))).toEqual({
          code: 'FORBIDDEN',
          errors: { body: ['only the author may change this article'] },
        });
        expect(await faultOf(call('DeleteArticle', { slug: created.slug }))).toMatchObject({
          code: 'UNAUTHORIZED',
        });
        expect(await call('DeleteArticle', { slug: created.slug }, { viewer: author.id })).toEqual({});

        const left = async (table: 'comments' | 'favorites' | 'article_tags') =>
          (await served.db.selectFrom(table).select('article_id').where('article_id', '=', id).execute())
            .length;
        expect([await left('comments'), await left('favorites'), await left('article_tags')]).toEqual([
          0, 0, 0,
        ]);
        expect((await call<{ tag: string[] }>('ListTags', {})).tag).not.toContain(tag);
        expect(await faultOf(call('DeleteArticle', { slug: created.slug }, { viewer: author.id }))).toEqual({
          code: 'NOT_FOUND',
          errors: { article: ['not found'] },
        });
      });
    });

    describe('ListTags', () => {
      it('when articles carry tags, then each tag in use is listed once, anonymously', async () => {
        const viewer = (await person()).id;
        const [shared, single] = [unique('shared'), unique('single')];
        await create({ viewer }, { title: unique('Tagged '), tagList: { tag: [shared, single] } });
        await create({ viewer }, { title: unique('Tagged '), tagList: { tag: [shared] } });
        const { tag } = await call<{ tag: string[] }>('ListTags', {});
        expect(tag.filter((name) => name === shared || name === single)).toEqual([shared, single]);
        expect(new Set(tag).size).toBe(tag.length);
      });
    });

    describe('racing writes', () => {
      it('when articles with one title are created at once, then each gets its own slug', async () => {
        const viewer = (await person()).id;
        const title = unique('Racing title ');
        const created = await Promise.all(Array.from({ length: 5 }, () => create({ viewer }, { title })));
        expect(new Set(created.map((a) => a.slug)).size).toBe(5);
      });

      it('when comments are added while the article is deleted, then each is answered or NOT_FOUND, and none stays behind', async () => {
        const author = await person();
        const commenters = await Promise.all(Array.from({ length: 6 }, () => person('last')));
        const { slug } = await create({ viewer: author.id }, { title: unique('Contested ') });
        const [row] = await articleRows(slug);
        const outcomes = await Promise.all([
          call('DeleteArticle', { slug }, { viewer: author.id }).then(() => 'deleted'),
          ...commenters.map((c) =>
            call('AddComment', { slug, body: 'last word' }, { viewer: c.id }).then(
              () => 'commented',
              async (fault: unknown) => (await faultOf(Promise.reject(fault))).code,
            ),
          ),
        ]);
        expect(outcomes[0]).toBe('deleted');
        expect(outcomes.slice(1).every((o) => o === 'commented' || o === 'NOT_FOUND')).toBe(true);
        const orphans = await served.db
          .selectFrom('comments')
          .select('id')
          .where('article_id', '=', row!.id)
          .execute();
        expect(orphans).toEqual([]);
      });
    });

    describe('SOAP 1.2', () => {
      it('when a SOAP 1.2 consumer calls, then it gets the same answers and declared faults', async () => {
        const call12 = await served.client(1, { soapVersion: '1.2' });
        const viewer = (await person()).id;
        const { article } = await call12<{ article: Article }>(
          'CreateArticle',
          { ...dragon, title: unique('Twelve ') },
          { viewer },
        );
        expect(await get(article.slug)).toEqual(article);
        expect(await faultOf(call12('GetArticle', { slug: 'no-such-article' }))).toEqual({
          code: 'NOT_FOUND',
          errors: { article: ['not found'] },
        });
      });
    });

    describe('comments', () => {
      it('when comments are added and listed, then each comes back with its id and author, oldest first', async () => {
        const author = await person();
        const commenter = await person('commenter');
        const { slug } = await create({ viewer: author.id }, { title: unique('Discussed ') });
        const { comment } = await call<{ comment: Comment }>(
          'AddComment',
          { slug, body: 'First!' },
          { viewer: commenter.id },
        );
        expect(comment).toEqual({
          id: expect.any(Number),
          createdAt: expect.stringMatching(ISO_MILLIS),
          updatedAt: comment.createdAt,
          body: 'First!',
          author: { username: commenter.username, bio: 'commenter bio', following: false },
        });
        await call('AddComment', { slug, body: 'Second.' }, { viewer: author.id });
        const listed = await call<{ comment: Comment[] }>('ListComments', { slug });
        expect(listed.comment.map((c) => c.body)).toEqual(['First!', 'Second.']);
        expect(listed.comment[0]).toEqual(comment);
      });

      it('when a comment is blank, anonymous or on an unknown article, then VALIDATION_FAILED, UNAUTHORIZED, NOT_FOUND', async () => {
        const viewer = (await person()).id;
        const { slug } = await create({ viewer }, { title: unique('Quiet ') });
        expect(await faultOf(call('AddComment', { slug, body: ' ' }, { viewer }))).toEqual({
          code: 'VALIDATION_FAILED',
          errors: { body: ["can't be blank"] },
        });
        expect(await faultOf(call('AddComment', { slug, body: 'Hi' }))).toMatchObject({
          code: 'UNAUTHORIZED',
        });
        expect(
          await faultOf(call('AddComment', { slug: 'no-such-article', body: 'Hi' }, { viewer })),
        ).toEqual({
          code: 'NOT_FOUND',
          errors: { article: ['not found'] },
        });
        expect(await faultOf(call('ListComments', { slug: 'no-such-article' }))).toMatchObject({
          code: 'NOT_FOUND',
        });
      });

      it('when comments are deleted, then only their author may, once, and only under their own article', async () => {
        const author = await person();
        const intruder = await person('censor');
        const { slug } = await create({ viewer: author.id }, { title: unique('Moderated ') });
        const other = await create({ viewer: author.id }, { title: unique('Elsewhere ') });
        const { comment } = await call<{ comment: Comment }>(
          'AddComment',
          { slug, body: 'Mine.' },
          { viewer: author.id },
        );
        const remove = (caller: Caller, on = slug) =>
          call('DeleteComment', { slug: on, commentId: comment.id }, caller);

        expect(await faultOf(remove({ viewer: intruder.id }))).toEqual({
          code: 'FORBIDDEN',
          errors: { body: ['only the author may delete this comment'] },
        });
        expect(await faultOf(remove({}))).toMatchObject({ code: 'UNAUTHORIZED' });
        expect(await faultOf(remove({ viewer: author.id }, other.slug))).toEqual({
          code: 'NOT_FOUND',
          errors: { comment: ['not found'] },
        });
        expect(await remove({ viewer: author.id })).toEqual({});
        expect((await call<{ comment: Comment[] }>('ListComments', { slug })).comment).toEqual([]);
        expect(await faultOf(remove({ viewer: author.id }))).toMatchObject({ code: 'NOT_FOUND' });
      });
    });
  });
}
