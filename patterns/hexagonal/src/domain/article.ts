import { articleDraft, Rules, slugify } from '@journey/conduit-rules';
import { Forbidden } from './errors.js';
import type { UserId } from './user.js';

export type ArticleId = number;

export interface Article {
  id: ArticleId;
  slug: string;
  title: string;
  description: string;
  body: string;
  authorId: UserId;
  /** Trimmed, de-duplicated and sorted when published; Conduit never edits tags afterwards. */
  tagList: string[];
  /** Always equals the number of users who favorite the article (kept so by the favorite use cases). */
  favoritesCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Lists leave the body out (spec: api-response-format), so repositories need not read it. */
export type ArticleSummary = Omit<Article, 'body'>;

export interface Draft {
  title: string;
  description: string;
  body: string;
  tagList?: readonly string[];
}

export interface ArticleEdit {
  title?: string;
  description?: string;
  body?: string;
}

export function checkDraft(draft: Draft): { title: string; tagList: string[] } {
  const { title, tagList } = articleDraft(draft);
  return { title, tagList };
}

export function checkEdit(edit: ArticleEdit): void {
  const rules = new Rules();
  if (edit.title !== undefined) rules.required('title', edit.title);
  if (edit.description !== undefined) rules.required('description', edit.description);
  if (edit.body !== undefined) rules.required('body', edit.body);
  rules.check();
}

export function checkIsAuthor(article: Pick<Article, 'authorId'>, userId: UserId): void {
  if (article.authorId !== userId) throw new Forbidden('only the author may change this article');
}

/** The readable slug of a title; `suffix` makes it unique when the plain one is taken. */
export const slugFor = (title: string, suffix?: string) =>
  suffix === undefined ? slugify(title) : `${slugify(title)}-${suffix}`;

/** A new title moves the article to a new URL, unless it slugs to the same words (a changed comma keeps it). */
export const needsNewSlug = (current: Pick<Article, 'title'>, title: string | undefined) =>
  title !== undefined && slugify(title) !== slugify(current.title);
