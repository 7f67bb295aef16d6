import { beforeEach, describe, expect, it } from 'vitest';
import { type Application, createApplication, Forbidden } from '../src/application/index.js';
import * as commentRules from '../src/domain/comment.js';
import { inMemoryData } from '../test/in-memory-data.js';

/**
 * The layered exercise's acceptance test (`journey exercise layered check`): authors moderate their
 * comment sections. The rule is a Permission of the domain; the use case is checked from just below
 * HTTP on the in-memory data, as test/application.test.ts does: no server, no database.
 */
const PERMISSION = 'OnlyAnAuthorMayDeleteTheComment';

type PermissionClass = new (
  comment: { authorId: number },
  article: { authorId: number },
  userId: number,
) => { isGranted(): boolean; message: string };

function permission(): PermissionClass {
  const found = (commentRules as Record<string, unknown>)[PERMISSION];
  expect(
    found,
    `src/domain/comment.ts exports no ${PERMISSION}: add it there, as a Permission taking (comment, article, userId)`,
  ).toBeTypeOf('function');
  return found as PermissionClass;
}

let data: ReturnType<typeof inMemoryData>;
let app: Application;

beforeEach(() => {
  data = inMemoryData();
  app = createApplication({
    data,
    passwords: { hash: async (p) => `hashed:${p}`, verify: async (p, stored) => stored === `hashed:${p}` },
    tokens: { issue: async (id) => `token-${id}`, verify: async () => null },
    clock: () => '2024-01-01T00:00:00.000Z',
  });
});

const register = async (username: string) =>
  (await app.users.register({ username, email: `${username}@example.com`, password: 'password1' })).user;

/** An article by one user with a comment by another: the situation moderation is about. */
async function commentedArticle() {
  const author = await register('author');
  const reader = await register('reader');
  const stranger = await register('stranger');
  const { article } = await app.articles.create(author.id, {
    title: 'Moderated',
    description: 'd',
    body: 'b',
    tagList: [],
  });
  const { comment } = await app.comments.add(reader.id, article.slug, { body: 'A reader writes' });
  return { author, reader, stranger, slug: article.slug, commentId: String(comment.id) };
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe(`the domain's ${PERMISSION}`, () => {
  it('when the user wrote the comment, or the article under it, then it is granted', () => {
    const Permission = permission();
    expect(new Permission({ authorId: 1 }, { authorId: 2 }, 1).isGranted(), 'the comment’s author').toBe(
      true,
    );
    expect(new Permission({ authorId: 1 }, { authorId: 2 }, 2).isGranted(), 'the article’s author').toBe(
      true,
    );
  });

  it('when the user wrote neither, then it is refused with a message that names both authors', () => {
    const refused = new (permission())({ authorId: 1 }, { authorId: 2 }, 3);
    expect(refused.isGranted()).toBe(false);
    expect(refused.message, 'the message says who may: the comment’s author or the article’s author').toMatch(
      /comment.*article|article.*comment/i,
    );
  });
});

describe('deleting a comment (application layer)', () => {
  it('when the article’s author deletes a reader’s comment, then it is gone', async () => {
    const { author, slug, commentId } = await commentedArticle();
    const error = await refusal(app.comments.remove(author.id, slug, commentId));
    expect(
      error,
      `the article's author was refused (${String((error as Error | undefined)?.message)}): let them delete comments under their article`,
    ).toBeUndefined();
    expect(await app.comments.list(null, slug)).toEqual([]);
  });

  it('when someone who wrote neither deletes it, then it is Forbidden and the comment stays', async () => {
    const { stranger, slug, commentId } = await commentedArticle();
    const error = await refusal(app.comments.remove(stranger.id, slug, commentId));
    expect(error, 'a stranger must still get Forbidden (403)').toBeInstanceOf(Forbidden);
    expect((error as Error).message, 'the 403 says who may delete it').toMatch(/article/i);
    expect(await app.comments.list(null, slug)).toHaveLength(1);
  });

  it('when the comment’s author deletes it under someone else’s article, then it is gone', async () => {
    const { reader, slug, commentId } = await commentedArticle();
    await app.comments.remove(reader.id, slug, commentId);
    expect(await app.comments.list(null, slug)).toEqual([]);
  });
});
