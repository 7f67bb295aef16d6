import { randomBytes } from 'node:crypto';
import type { Article } from '@journey/contract';
import type { ConduitClient } from './client.js';
import { ok } from './expect.js';

/**
 * Every check makes its own users, articles and tags with a random suffix, so the suite can run
 * again and again against a database that already holds data, and checks never see each other's rows.
 */
export function unique(): string {
  return randomBytes(5).toString('hex');
}

export interface TestUser {
  username: string;
  email: string;
  password: string;
  token: string;
}

export function newUserInput(label = 'user') {
  const username = `${label}_${unique()}`;
  return { username, email: `${username}@conformance.example`, password: `pw-${unique()}` };
}

/** Registers a fresh user and returns its credentials and token. */
export async function signUp(api: ConduitClient, label = 'user'): Promise<TestUser> {
  const input = newUserInput(label);
  const { user } = ok(await api.register(input));
  return { ...input, token: user.token };
}

export function newArticleInput(label = 'article', tagList?: string[]) {
  const id = unique();
  return {
    title: `Conformance ${label} ${id}`,
    description: `What ${label} ${id} is about`,
    body: `The body of ${label} ${id}.`,
    ...(tagList ? { tagList } : {}),
  };
}

/** Publishes an article as `author` and returns it as the API answered. */
export async function publish(
  api: ConduitClient,
  author: TestUser,
  input: { title?: string; description?: string; body?: string; tagList?: string[] } = {},
): Promise<Article> {
  const { article } = ok(await api.createArticle(author.token, { ...newArticleInput(), ...input }));
  return article;
}

/** A tag no other check (or earlier run) uses. */
export function uniqueTag(label = 'tag'): string {
  return `${label}${unique()}`;
}
