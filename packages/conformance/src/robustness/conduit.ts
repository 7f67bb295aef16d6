import { randomBytes } from 'node:crypto';
import { excerpt, type HttpClient, parseJson } from './http.js';

/** A JSON reply; `status` 0 means no answer (timeout or connection error, explained in `text`). */
export interface JsonReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: replies are checked field by field by the callers.
  body: any;
  text: string;
}

export interface Account {
  username: string;
  email: string;
  password: string;
  token: string;
}

/** The few well-formed Conduit calls the suites need to set up and read back state. */
export class Conduit {
  constructor(readonly http: HttpClient) {}

  async call(
    method: string,
    path: string,
    options: { token?: string; json?: unknown } = {},
  ): Promise<JsonReply> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Token ${options.token}`;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const outcome = await this.http.send({
      method,
      path,
      headers,
      ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    });
    if (outcome.kind === 'response') {
      return { status: outcome.status, body: parseJson(outcome.text), text: outcome.text };
    }
    return { status: 0, body: undefined, text: outcome.kind === 'timeout' ? 'timeout' : outcome.message };
  }

  /** Like `call`, but anything other than `expected` throws with the request and the reply. */
  async expect(
    expected: number | number[],
    method: string,
    path: string,
    options: { token?: string; json?: unknown } = {},
  ): Promise<JsonReply> {
    const reply = await this.call(method, path, options);
    const ok = Array.isArray(expected) ? expected.includes(reply.status) : reply.status === expected;
    if (!ok) {
      throw new Error(
        `${method} /api${path} answered ${reply.status || 'nothing'} (expected ${expected}): ${excerpt(reply.text)}`,
      );
    }
    return reply;
  }

  async register(prefix: string, password = `pw-${unique()}`): Promise<Account> {
    const username = `${prefix}${unique()}`;
    const email = `${username}@example.com`;
    const reply = await this.expect([200, 201], 'POST', '/users', {
      json: { user: { username, email, password } },
    });
    return { username, email, password, token: reply.body.user.token };
  }

  async createArticle(
    token: string,
    article: { title: string; description?: string; body?: string; tagList?: string[] },
  ): Promise<string> {
    const reply = await this.expect([200, 201], 'POST', '/articles', {
      token,
      json: { article: { description: 'description', body: 'body', ...article } },
    });
    return reply.body.article.slug;
  }
}

/** A short random suffix that keeps names unique across runs against the same database. */
export function unique(): string {
  return randomBytes(5).toString('hex');
}

export const enc = encodeURIComponent;
