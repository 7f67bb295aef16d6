import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Deliberate mistakes the fake can make, each one a bug real Conduit back ends have shipped.
 * The fake without bugs is a complete in-memory Conduit, so a test can show which checks each
 * bug trips — and that nothing else does.
 */
export type Bug =
  | 'register-200-without-token'
  | 'list-includes-body'
  | 'articles-count-is-page-size'
  | 'favorite-counts-every-click'
  | 'slug-kept-on-retitle'
  | 'no-cors'
  | 'anyone-deletes-comments'
  | 'timestamps-without-millis'
  | 'feed-shows-everyone'
  | 'tags-hang'
  | 'tags-html'
  | 'empty-password-is-blank'
  | 'stale-token-on-public-read-is-401'
  | 'ignores-idempotency-key'
  | 'idempotency-key-shared-by-users';

interface User {
  id: number;
  username: string;
  email: string;
  password: string;
  bio: string | null;
  image: string | null;
}
interface Article {
  id: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  authorId: number;
  favorites: number[];
}
interface Comment {
  id: number;
  articleId: number;
  body: string;
  authorId: number;
  createdAt: string;
  updatedAt: string;
}
interface Reply {
  status: number;
  body?: unknown;
}

type Json = Record<string, unknown>;
const invalid = (errors: Record<string, string[]>): Reply => ({ status: 422, body: { errors } });
const problem = (status: number, message: string): Reply => ({
  status,
  body: { errors: { body: [message] } },
});

export interface FakeConduit {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startFakeConduit(bugs: readonly Bug[] = []): Promise<FakeConduit> {
  const has = (bug: Bug) => bugs.includes(bug);
  const users: User[] = [];
  const tokens = new Map<string, number>();
  const follows = new Set<string>();
  const articles: Article[] = [];
  const comments: Comment[] = [];
  const answered = new Map<string, { request: string; reply: Reply }>();
  let ids = 0;

  const now = () =>
    has('timestamps-without-millis')
      ? new Date().toISOString().replace(/\.\d+/, '')
      : new Date().toISOString();
  const byId = (id: number) => users.find((u) => u.id === id)!;
  const following = (viewer: User | undefined, id: number) => !!viewer && follows.has(`${viewer.id}>${id}`);
  const profile = (user: User, viewer?: User) => ({
    username: user.username,
    bio: user.bio,
    image: user.image,
    following: following(viewer, user.id),
  });
  const userBody = (user: User, token: string) => ({
    user: { email: user.email, token, username: user.username, bio: user.bio, image: user.image },
  });
  const issue = (user: User) => {
    const token = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(String(user.id)).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
    tokens.set(token, user.id);
    return token;
  };
  const articleView = (article: Article, viewer: User | undefined, withBody: boolean) => {
    const count = article.favorites.length;
    const { id: _id, authorId, favorites, body, ...fields } = article;
    return {
      ...fields,
      ...(withBody ? { body } : {}),
      favorited: !!viewer && favorites.includes(viewer.id),
      favoritesCount: has('favorite-counts-every-click') ? count : new Set(favorites).size,
      author: profile(byId(authorId), viewer),
    };
  };
  const commentView = (comment: Comment, viewer?: User) => {
    const { articleId: _a, authorId, ...fields } = comment;
    return { ...fields, author: profile(byId(authorId), viewer) };
  };
  const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
  const required = (input: Json, fields: string[]) => {
    const errors: Record<string, string[]> = {};
    for (const field of fields) if (blank(input[field])) errors[field] = ["can't be blank"];
    return errors;
  };
  const slugify = (title: string) =>
    `${title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}-${randomBytes(3).toString('hex')}`;

  function list(filtered: Article[], viewer: User | undefined, query: URLSearchParams): Reply {
    const limit = Math.min(Number(query.get('limit') ?? 20), 100);
    const offset = Number(query.get('offset') ?? 0);
    const sorted = [...filtered].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
    const page = sorted.slice(offset, offset + limit);
    return {
      status: 200,
      body: {
        articles: page.map((a) => articleView(a, viewer, has('list-includes-body'))),
        articlesCount: has('articles-count-is-page-size') ? page.length : sorted.length,
      },
    };
  }

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    input: Json,
    viewer: User | undefined,
  ): Reply {
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [resource, key, sub, subKey] = segments;
    const needUser = (): User => {
      if (!viewer) throw problem(401, 'missing or invalid token');
      return viewer;
    };
    const wrapped = (name: string): Json => {
      const value = input[name];
      if (typeof value !== 'object' || value === null) throw invalid({ [name]: ["can't be blank"] });
      return value as Json;
    };
    const findArticle = (): Article => {
      const article = articles.find((a) => a.slug === key);
      if (!article) throw problem(404, 'article not found');
      return article;
    };

    if (resource === 'users' && method === 'POST' && key === undefined) {
      const user = wrapped('user');
      const errors = required(user, ['username', 'email', 'password']);
      if (users.some((u) => u.username === user.username)) errors.username = ['has already been taken'];
      if (users.some((u) => u.email === user.email)) errors.email = ['has already been taken'];
      if (Object.keys(errors).length > 0) return invalid(errors);
      const created: User = {
        id: ++ids,
        username: String(user.username),
        email: String(user.email),
        password: String(user.password),
        bio: null,
        image: null,
      };
      users.push(created);
      if (has('register-200-without-token')) {
        const { user: body } = userBody(created, '');
        const { token: _t, ...withoutToken } = body;
        return { status: 200, body: { user: withoutToken } };
      }
      return { status: 201, body: userBody(created, issue(created)) };
    }
    if (resource === 'users' && key === 'login' && method === 'POST') {
      const login = wrapped('user');
      const errors = required(login, ['email', 'password']);
      if (Object.keys(errors).length > 0) return invalid(errors);
      const user = users.find((u) => u.email === login.email && u.password === login.password);
      if (!user) return problem(401, 'invalid email or password');
      return { status: 200, body: userBody(user, issue(user)) };
    }
    if (resource === 'user' && key === undefined) {
      const me = needUser();
      if (method === 'GET') return { status: 200, body: userBody(me, issue(me)) };
      if (method === 'PUT') {
        const change = wrapped('user');
        const errors: Record<string, string[]> = {};
        if (users.some((u) => u !== me && u.username === change.username))
          errors.username = ['has already been taken'];
        if (users.some((u) => u !== me && u.email === change.email))
          errors.email = ['has already been taken'];
        if (change.password === '') {
          // A settings form left empty sends "password": "", meaning "keep it".
          if (has('empty-password-is-blank')) errors.password = ["can't be blank"];
          else delete change.password;
        }
        if (Object.keys(errors).length > 0) return invalid(errors);
        for (const field of ['username', 'email', 'password', 'bio', 'image'] as const) {
          if (change[field] !== undefined) (me as unknown as Json)[field] = change[field];
        }
        return { status: 200, body: userBody(me, issue(me)) };
      }
    }
    if (resource === 'profiles' && key !== undefined) {
      const target = users.find((u) => u.username === key);
      if (sub === 'follow' && !viewer) return problem(401, 'missing or invalid token');
      if (!target) return problem(404, 'profile not found');
      if (sub === undefined && method === 'GET')
        return { status: 200, body: { profile: profile(target, viewer) } };
      if (sub === 'follow') {
        const edge = `${needUser().id}>${target.id}`;
        if (method === 'POST') follows.add(edge);
        if (method === 'DELETE') follows.delete(edge);
        return { status: 200, body: { profile: profile(target, viewer) } };
      }
    }
    if (resource === 'articles' && key === 'feed' && method === 'GET') {
      const me = needUser();
      const feed = has('feed-shows-everyone') ? articles : articles.filter((a) => following(me, a.authorId));
      return list(feed, me, query);
    }
    if (resource === 'articles' && key === undefined) {
      if (method === 'GET') {
        const tag = query.get('tag');
        const author = query.get('author');
        const favorited = query.get('favorited');
        const fan = users.find((u) => u.username === favorited);
        const filtered = articles.filter(
          (a) =>
            (tag === null || a.tagList.includes(tag)) &&
            (author === null || byId(a.authorId).username === author) &&
            (favorited === null || (!!fan && a.favorites.includes(fan.id))),
        );
        return list(filtered, viewer, query);
      }
      if (method === 'POST') {
        const me = needUser();
        const input = wrapped('article');
        const errors = required(input, ['title', 'description', 'body']);
        if (Object.keys(errors).length > 0) return invalid(errors);
        const at = now();
        const article: Article = {
          id: ++ids,
          slug: slugify(String(input.title)),
          title: String(input.title),
          description: String(input.description),
          body: String(input.body),
          // Sorted, as the official Postman collection expects (`training, dragons` comes back `dragons, training`).
          tagList: Array.isArray(input.tagList) ? [...new Set(input.tagList.map(String))].sort() : [],
          createdAt: at,
          updatedAt: at,
          authorId: me.id,
          favorites: [],
        };
        articles.push(article);
        return { status: 201, body: { article: articleView(article, me, true) } };
      }
    }
    if (resource === 'articles' && key !== undefined && sub === undefined) {
      if (method !== 'GET') needUser();
      const article = findArticle();
      if (method === 'GET') return { status: 200, body: { article: articleView(article, viewer, true) } };
      if (article.authorId !== viewer!.id) return problem(403, 'only the author may change this article');
      if (method === 'PUT') {
        const change = wrapped('article');
        if (typeof change.title === 'string' && change.title !== article.title) {
          article.title = change.title;
          if (!has('slug-kept-on-retitle')) article.slug = slugify(change.title);
        }
        if (typeof change.description === 'string') article.description = change.description;
        if (typeof change.body === 'string') article.body = change.body;
        article.updatedAt = now();
        return { status: 200, body: { article: articleView(article, viewer, true) } };
      }
      if (method === 'DELETE') {
        articles.splice(articles.indexOf(article), 1);
        return { status: 204 };
      }
    }
    if (resource === 'articles' && sub === 'favorite') {
      const me = needUser();
      const article = findArticle();
      if (method === 'POST' && (has('favorite-counts-every-click') || !article.favorites.includes(me.id)))
        article.favorites.push(me.id);
      if (method === 'DELETE') article.favorites = article.favorites.filter((id) => id !== me.id);
      return { status: 200, body: { article: articleView(article, me, true) } };
    }
    if (resource === 'articles' && sub === 'comments') {
      if (method !== 'GET') needUser();
      const article = findArticle();
      if (method === 'GET' && subKey === undefined) {
        const list = comments.filter((c) => c.articleId === article.id).map((c) => commentView(c, viewer));
        return { status: 200, body: { comments: list } };
      }
      if (method === 'POST' && subKey === undefined) {
        const input = wrapped('comment');
        const errors = required(input, ['body']);
        if (Object.keys(errors).length > 0) return invalid(errors);
        const at = now();
        const comment = {
          id: ++ids,
          articleId: article.id,
          body: String(input.body),
          authorId: viewer!.id,
          createdAt: at,
          updatedAt: at,
        };
        comments.push(comment);
        return { status: 200, body: { comment: commentView(comment, viewer) } };
      }
      if (method === 'DELETE' && subKey !== undefined) {
        const comment = comments.find((c) => c.articleId === article.id && String(c.id) === subKey);
        if (!comment) return problem(404, 'comment not found');
        if (comment.authorId !== viewer!.id && !has('anyone-deletes-comments'))
          return problem(403, 'only the author may delete this comment');
        comments.splice(comments.indexOf(comment), 1);
        return { status: 204 };
      }
    }
    if (resource === 'tags' && method === 'GET') {
      return { status: 200, body: { tags: [...new Set(articles.flatMap((a) => a.tagList))] } };
    }
    return problem(404, 'no such route');
  }

  /** Safe retries: a write repeated with its Idempotency-Key gets the first answer, whatever it was. */
  function once(
    key: string | string[],
    viewer: User | undefined,
    request: string,
    answer: () => Reply,
  ): Reply {
    if (has('ignores-idempotency-key')) return answer();
    if (typeof key !== 'string' || key.length === 0 || key.length > 255)
      return invalid({ 'idempotency-key': ['must be 1 to 255 characters'] });
    const scoped = has('idempotency-key-shared-by-users') ? key : `${viewer?.id ?? 'anonymous'} ${key}`;
    const first = answered.get(scoped);
    if (first)
      return first.request === request ? first.reply : invalid({ 'idempotency-key': ['was already used'] });
    let reply: Reply;
    try {
      reply = answer();
    } catch (error) {
      if (!(error as Reply).status) throw error;
      reply = error as Reply;
    }
    answered.set(scoped, { request, reply });
    return reply;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (!has('no-cors')) {
      response.setHeader('access-control-allow-origin', '*');
      if (request.method === 'OPTIONS') {
        response.writeHead(204, {
          'access-control-allow-headers': has('ignores-idempotency-key')
            ? 'Authorization, Content-Type'
            : 'Authorization, Content-Type, Idempotency-Key',
          'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
        });
        return response.end();
      }
    }
    if (has('tags-hang') && url.pathname === '/api/tags') return; // never answers
    if (has('tags-html') && url.pathname === '/api/tags') {
      return response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Tags</h1>');
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let reply: Reply;
    try {
      const input = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString()) as Json) : {};
      const header = request.headers.authorization ?? '';
      const token = header.startsWith('Token ') ? header.slice(6) : undefined;
      const viewerId = token === undefined ? undefined : tokens.get(token);
      // An unknown token proves nobody: routes that need a user refuse it, public reads see an anonymous caller.
      if (token !== undefined && viewerId === undefined && has('stale-token-on-public-read-is-401'))
        throw problem(401, 'invalid token');
      if (!url.pathname.startsWith('/api/')) throw problem(404, 'no such route');
      const viewer = viewerId === undefined ? undefined : byId(viewerId);
      const method = request.method ?? 'GET';
      const answer = () => route(method, url.pathname.slice(4), url.searchParams, input, viewer);
      const key = request.headers['idempotency-key'];
      reply =
        key === undefined || method === 'GET'
          ? answer()
          : once(key, viewer, `${method} ${url.pathname} ${chunks.join('')}`, answer);
    } catch (error) {
      reply = (error as Reply).status ? (error as Reply) : problem(500, String(error));
    }
    if (reply.body === undefined) return response.writeHead(reply.status).end();
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(reply.body));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
