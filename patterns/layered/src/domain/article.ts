import { articleDraft, Rules, slugify, withSuffix } from '@journey/conduit-rules';
import type { Permission } from './business-rule.js';

export interface Article {
  id: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  authorId: number;
  /** Sorted, unique, never edited after publishing (Conduit has no tag editing). */
  tagList: string[];
  /** ISO 8601 with milliseconds, the bytes the API returns. */
  createdAt: string;
  updatedAt: string;
  favoritesCount: number;
}

/** A new article that passed the rules, before it has an id or a slug of its own. */
export interface ArticleDraft {
  title: string;
  description: string;
  body: string;
  tagList: string[];
  /** The readable slug; the application adds a suffix if another article already has it. */
  slug: string;
}

export interface ArticleRevision {
  title?: string;
  description?: string;
  body?: string;
  /** Set only when the new title reads differently: a changed comma keeps the URL. */
  slug?: string;
}

export function draftArticle(input: {
  title: string;
  description: string;
  body: string;
  tagList?: string[];
}) {
  const draft = articleDraft(input);
  return { ...draft, slug: slugify(draft.title) } satisfies ArticleDraft;
}

export function reviseArticle(
  current: Pick<Article, 'title'>,
  input: { title?: string; description?: string; body?: string },
): ArticleRevision {
  const rules = new Rules();
  if (input.title !== undefined) rules.required('title', input.title);
  if (input.description !== undefined) rules.required('description', input.description);
  if (input.body !== undefined) rules.required('body', input.body);
  rules.check();
  const title = input.title?.trim();
  const slug = title === undefined ? undefined : slugify(title);
  return {
    ...(title !== undefined && { title }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.body !== undefined && { body: input.body }),
    ...(slug !== undefined && slug !== slugify(current.title) && { slug }),
  };
}

export class OnlyTheAuthorMayChangeTheArticle implements Permission {
  readonly message = 'only the author may change this article';
  constructor(
    private readonly article: Pick<Article, 'authorId'>,
    private readonly userId: number,
  ) {}
  isGranted() {
    return this.article.authorId === this.userId;
  }
}

/** An article as a list shows it: everything but the body (spec: api-response-format, 2024-08-16). */
export type ArticleSummary = Omit<Article, 'body'>;

/** A slug already in use gets a random suffix; the readable one goes to whoever came first. */
export const slugFor = (readable: string, taken: boolean) => (taken ? withSuffix(readable) : readable);
