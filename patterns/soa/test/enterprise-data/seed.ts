import { insertFavorite, linkTags, moveFavoritesCount } from '@journey/conduit-sql/articles';
import { insertFollow } from '@journey/conduit-sql/profiles';
import type { EnterpriseDb } from '@journey/soa-enterprise-data';

// Rows written straight into the shared database, as the service that owns them would: the tests
// of one service need people and articles without running the others.

let sequence = 0;
/** Ticks on each call, so rows seeded in order are ordered in time too. */
const nextInstant = () => new Date(Date.UTC(2026, 0, 1) + ++sequence * 1000).toISOString();

export async function seedPerson(
  db: EnterpriseDb,
  username: string,
  profile: { bio?: string; image?: string } = {},
): Promise<number> {
  const at = nextInstant();
  const { id } = await db
    .insertInto('users')
    .values({
      username,
      email: `${username}@example.test`,
      password_hash: 'not-a-real-hash',
      bio: profile.bio ?? null,
      image: profile.image ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function seedArticle(
  db: EnterpriseDb,
  authorId: number,
  slug: string,
  tags: string[] = [],
): Promise<number> {
  const at = nextInstant();
  const { id } = await db
    .insertInto('articles')
    .values({
      slug,
      title: slug.replaceAll('-', ' '),
      description: `about ${slug}`,
      body: `the body of ${slug}`,
      author_id: authorId,
      tag_list: JSON.stringify(tags),
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await linkTags(db, id, tags);
  return id;
}

export async function seedFavorite(db: EnterpriseDb, userId: number, articleId: number): Promise<void> {
  if (await insertFavorite(db, userId, articleId)) await moveFavoritesCount(db, articleId, 1);
}

export const seedFollow = (db: EnterpriseDb, followerId: number, followeeId: number) =>
  insertFollow(db, followerId, followeeId, nextInstant());

export async function seedComment(
  db: EnterpriseDb,
  articleId: number,
  authorId: number,
  body: string,
): Promise<number> {
  const at = nextInstant();
  const { id } = await db
    .insertInto('comments')
    .values({ article_id: articleId, author_id: authorId, body, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
