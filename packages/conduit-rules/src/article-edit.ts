import { slugify } from './slug.js';
import { normaliseTags, Rules } from './validation.js';

export interface ArticleDraftInput {
  title: string;
  description: string;
  body: string;
  tagList?: readonly string[] | undefined;
}

/** A new article as stored: the title trimmed, the tags normalised (see normaliseTags). */
export interface ArticleDraft {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

/** The spec's rules for `POST /articles`: title, description and body are required. Throws ValidationFailed. */
export function articleDraft(input: ArticleDraftInput): ArticleDraft {
  new Rules()
    .required('title', input.title)
    .required('description', input.description)
    .required('body', input.body)
    .check();
  return {
    title: input.title.trim(),
    description: input.description,
    body: input.body,
    tagList: normaliseTags(input.tagList),
  };
}

export interface ArticleEditInput {
  title?: string | undefined;
  description?: string | undefined;
  body?: string | undefined;
}

/** Only the fields the client sent, the title trimmed. */
export interface ArticleEdit {
  title?: string;
  description?: string;
  body?: string;
}

/** The spec's rules for `PUT /articles/:slug`: a field that is sent must not be blank. Throws ValidationFailed. */
export function articleEdit(input: ArticleEditInput): ArticleEdit {
  const rules = new Rules();
  if (input.title !== undefined) rules.required('title', input.title);
  if (input.description !== undefined) rules.required('description', input.description);
  if (input.body !== undefined) rules.required('body', input.body);
  rules.check();
  const title = input.title?.trim();
  return {
    ...(title !== undefined && { title }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.body !== undefined && { body: input.body }),
  };
}

/** A new title means a new slug, unless it slugs to the same words (a changed comma keeps the URL). */
export const needsNewSlug = (
  edit: ArticleEdit,
  currentTitle: string,
): edit is ArticleEdit & { title: string } =>
  edit.title !== undefined && slugify(edit.title) !== slugify(currentTitle);
