import type { Article, ArticleSummary } from '../domain/article.js';
import type { Comment } from '../domain/comment.js';
import { type Profile, profileOf } from '../domain/profile.js';
import type { User, UserId } from '../domain/user.js';
import type { DrivenPorts } from './ports/driven/index.js';
import type { Viewer } from './ports/driving/use-cases.port.js';
import type { ArticleSummaryView, ArticleView, CommentView, UserView } from './ports/driving/views.js';

type Ports<K extends keyof DrivenPorts> = Pick<DrivenPorts, K>;

export const timestamp = ({ clock }: Ports<'clock'>) => clock.now().toISOString();

export async function userView({ tokens }: Ports<'tokens'>, user: User): Promise<UserView> {
  return {
    email: user.email,
    token: await tokens.issue(user.id),
    username: user.username,
    bio: user.bio,
    image: user.image,
  };
}

/** Profiles as the viewer sees them: one call for the users, one for the follow flags, however many. */
export async function profilesOf(
  { users, follows }: Ports<'users' | 'follows'>,
  viewer: Viewer,
  ids: readonly UserId[],
): Promise<Map<UserId, Profile>> {
  const unique = [...new Set(ids)];
  const [found, followed] = await Promise.all([
    users.byIds(unique),
    viewer === null ? new Set<UserId>() : follows.followedAmong(viewer, unique),
  ]);
  const profiles = new Map<UserId, Profile>();
  for (const [id, user] of found) profiles.set(id, profileOf(user, followed.has(id)));
  return profiles;
}

const authorOf = (profiles: Map<UserId, Profile>, what: string, authorId: UserId) => {
  const author = profiles.get(authorId);
  // Users are never deleted, so this is a broken adapter, not a client error.
  if (!author) throw new Error(`${what} has an author (${authorId}) the user repository does not know`);
  return author;
};

export async function articleSummaries(
  ports: Ports<'users' | 'follows' | 'articles'>,
  viewer: Viewer,
  articles: ArticleSummary[],
): Promise<ArticleSummaryView[]> {
  const ids = articles.map((a) => a.id);
  const [authors, favorited] = await Promise.all([
    profilesOf(
      ports,
      viewer,
      articles.map((a) => a.authorId),
    ),
    viewer === null || ids.length === 0 ? new Set<number>() : ports.articles.favoritedAmong(viewer, ids),
  ]);
  return articles.map((article) => ({
    slug: article.slug,
    title: article.title,
    description: article.description,
    tagList: article.tagList,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    favorited: favorited.has(article.id),
    favoritesCount: article.favoritesCount,
    author: authorOf(authors, `article ${article.id}`, article.authorId),
  }));
}

export async function articleView(
  ports: Ports<'users' | 'follows' | 'articles'>,
  viewer: Viewer,
  article: Article,
): Promise<ArticleView> {
  const [summary] = await articleSummaries(ports, viewer, [article]);
  return { ...summary!, body: article.body };
}

export async function commentViews(
  ports: Ports<'users' | 'follows'>,
  viewer: Viewer,
  comments: Comment[],
): Promise<CommentView[]> {
  const authors = await profilesOf(
    ports,
    viewer,
    comments.map((c) => c.authorId),
  );
  return comments.map((comment) => ({
    id: comment.id,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    body: comment.body,
    author: authorOf(authors, `comment ${comment.id}`, comment.authorId),
  }));
}
