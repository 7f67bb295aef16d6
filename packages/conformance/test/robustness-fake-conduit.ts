import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  normaliseEmail,
  normaliseTags,
  parsePage,
  Rules,
  slugify,
  ValidationFailed,
  withSuffix,
} from '@journey/conduit-rules';
import { limits } from '@journey/contract';

/**
 * A small in-memory Conduit on node:http, correct by default, with bugs to switch on one at a time.
 * The robustness suites must pass against the correct one (no false alarms) and flag each bug.
 */
export interface FakeBugs {
  /** `GET /articles?limit=abc` crashes with a 500. */
  limitAbc500?: boolean;
  /** Favorites update a counter by read-modify-write with an await in between: lost updates. */
  racyFavorites?: boolean;
  /** Registration checks for a taken username/email, awaits, then inserts: duplicates get in. */
  racyRegistration?: boolean;
  /**
   * Deleting an article awaits between its steps, and a favorite or comment that lands in between
   * fails with a 500: what a deadlock or a foreign-key error between the two writes looks like.
   */
  racyDelete?: boolean;
  /** Tokens with `alg: none` are trusted. */
  acceptAlgNone?: boolean;
  /** A tag filter with a quote in it never gets an answer. */
  hangOnQuote?: boolean;
  /** Unknown routes get a plain-text 404. */
  plainNotFound?: boolean;
  /** No request body limit. */
  noBodyLimit?: boolean;
}

export interface FakeConduit {
  baseUrl: string;
  close(): Promise<void>;
}

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
  authorId: number;
  createdAt: string;
  updatedAt: string;
  favoritedBy: Set<number>;
  /** Only the racy variant keeps a separate counter. */
  counter: number;
  /** Set by the racy delete while it is half done. */
  deleting?: boolean;
}
interface Comment {
  id: number;
  articleId: number;
  authorId: number;
  body: string;
  createdAt: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: Record<string, string[]>,
  ) {
    super(`${status}`);
  }
}
const notFound = (what: string) => new HttpError(404, { [what]: ['not found'] });

export async function startFakeConduit(bugs: FakeBugs = {}): Promise<FakeConduit> {
  const secret = randomBytes(32);
  const users = new Map<number, User>();
  const follows = new Set<string>();
  const articles = new Map<number, Article>();
  const comments = new Map<number, Comment>();
  let nextId = 1;
  const pending = new Set<ServerResponse>();

  // ---- tokens ----
  const b64 = (v: string) => Buffer.from(v).toString('base64url');
  const issue = (userId: number) => {
    const unsigned = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify({ sub: String(userId), exp: Math.floor(Date.now() / 1000) + 3600 }))}`;
    return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
  };
  const verify = (token: string): User | undefined => {
    const [head, payload, signature] = token.split('.');
    if (head === undefined || payload === undefined || signature === undefined) return undefined;
    try {
      const header = JSON.parse(Buffer.from(head, 'base64url').toString());
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      if (!(bugs.acceptAlgNone && String(header.alg).toLowerCase() === 'none')) {
        if (header.alg !== 'HS256') return undefined;
        const expected = createHmac('sha256', secret).update(`${head}.${payload}`).digest();
        const given = Buffer.from(signature, 'base64url');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
        if (typeof claims.exp !== 'number' || claims.exp < Date.now() / 1000) return undefined;
      }
      return users.get(Number(claims.sub));
    } catch {
      return undefined;
    }
  };
  const authenticate = (req: IncomingMessage, required: boolean): User | undefined => {
    const header = req.headers.authorization;
    if (header === undefined) {
      if (required) throw new HttpError(401, { token: ['is missing'] });
      return undefined;
    }
    const match = /^Token ([^\s]+)$/.exec(header);
    const user = match ? verify(match[1]!) : undefined;
    if (!user) throw new HttpError(401, { token: ['is invalid'] });
    return user;
  };

  // ---- views ----
  const profile = (u: User, viewer?: User) => ({
    username: u.username,
    bio: u.bio,
    image: u.image,
    following: viewer ? follows.has(`${viewer.id}:${u.id}`) : false,
  });
  const count = (a: Article) => (bugs.racyFavorites ? a.counter : a.favoritedBy.size);
  const articleView = (a: Article, viewer?: User, withBody = true) => ({
    slug: a.slug,
    title: a.title,
    description: a.description,
    ...(withBody ? { body: a.body } : {}),
    tagList: a.tagList,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    favorited: viewer ? a.favoritedBy.has(viewer.id) : false,
    favoritesCount: count(a),
    author: profile(users.get(a.authorId)!, viewer),
  });
  const commentView = (c: Comment, viewer?: User) => ({
    id: c.id,
    createdAt: c.createdAt,
    updatedAt: c.createdAt,
    body: c.body,
    author: profile(users.get(c.authorId)!, viewer),
  });
  const userView = (u: User) => ({
    user: { email: u.email, token: issue(u.id), username: u.username, bio: u.bio, image: u.image },
  });

  // ---- lookups and validation ----
  const bySlug = (slug: string) => {
    for (const a of articles.values()) if (a.slug === slug) return a;
    throw notFound('article');
  };
  const usable = (article: Article) => {
    if (article.deleting) throw new Error(`article ${article.id} is being deleted`);
    return article;
  };
  const byUsername = (username: string) => {
    for (const u of users.values()) if (u.username === username) return u;
    throw notFound('profile');
  };
  const taken = (field: 'username' | 'email', value: string, except?: number) =>
    [...users.values()].some(
      (u) =>
        u.id !== except &&
        (field === 'email' ? normaliseEmail(u.email) === normaliseEmail(value) : u.username === value),
    );
  const object = (value: unknown, key: string): Record<string, unknown> => {
    const inner =
      value && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)[key]
        : undefined;
    if (!inner || typeof inner !== 'object' || Array.isArray(inner))
      throw new HttpError(422, { [key]: ["can't be blank"] });
    return inner as Record<string, unknown>;
  };
  const text = (
    o: Record<string, unknown>,
    key: string,
    max: number,
    required: boolean,
    nullable: boolean,
  ) => {
    const v = o[key];
    if (v === undefined) {
      if (required) throw new HttpError(422, { [key]: ["can't be blank"] });
      return undefined;
    }
    if (v === null && nullable) return null;
    if (typeof v !== 'string') throw new HttpError(422, { [key]: ['must be a string'] });
    if (v.length > max) throw new HttpError(422, { [key]: [`is too long (maximum is ${max})`] });
    if (required && v.trim() === '') throw new HttpError(422, { [key]: ["can't be blank"] });
    return v;
  };
  const str = (o: Record<string, unknown>, key: string, max: number, required: boolean) =>
    text(o, key, max, required, false) as string | undefined;
  const uniqueSlug = (title: string) => {
    const base = slugify(title);
    const used = new Set([...articles.values()].map((a) => a.slug));
    return used.has(base) ? withSuffix(base) : base;
  };
  const page = (query: URLSearchParams) => {
    for (const key of new Set(query.keys())) {
      if (query.getAll(key).length > 1) throw new HttpError(422, { [key]: ['must be given once'] });
    }
    return parsePage({ limit: query.get('limit') ?? undefined, offset: query.get('offset') ?? undefined });
  };
  const listing = (list: Article[], query: URLSearchParams, viewer?: User) => {
    const { limit, offset } = page(query);
    const sorted = list.sort((a, b) => b.id - a.id);
    return {
      articles: sorted.slice(offset, offset + limit).map((a) => articleView(a, viewer, false)),
      articlesCount: sorted.length,
    };
  };

  // ---- routes ----
  type Handler = (ctx: {
    req: IncomingMessage;
    params: string[];
    query: URLSearchParams;
    body: () => unknown;
  }) => Promise<[number, unknown?]>;
  const table: Array<[string, RegExp, Handler]> = [];
  const route = (method: string, pattern: string, handler: Handler) =>
    table.push([method, new RegExp(`^/api${pattern.replace(/:[a-z]+/g, '([^/]+)')}$`), handler]);

  route('POST', '/users/login', async ({ body }) => {
    const u = object(body(), 'user');
    const email = str(u, 'email', limits.email, true)!;
    const password = str(u, 'password', limits.password.max, true)!;
    const user = [...users.values()].find((x) => normaliseEmail(x.email) === normaliseEmail(email));
    if (!user || user.password !== password)
      throw new HttpError(401, { 'email or password': ['is invalid'] });
    return [200, userView(user)];
  });
  route('POST', '/users', async ({ body }) => {
    const u = object(body(), 'user');
    const username = str(u, 'username', limits.username, true)!;
    const email = str(u, 'email', limits.email, true)!;
    const password = str(u, 'password', limits.password.max, true)!;
    new Rules().username('username', username).email('email', email).password('password', password).check();
    const check = () => {
      if (taken('username', username)) throw new HttpError(422, { username: ['has already been taken'] });
      if (taken('email', email)) throw new HttpError(422, { email: ['has already been taken'] });
    };
    check();
    if (bugs.racyRegistration) await sleep(5);
    const user: User = { id: nextId++, username, email, password, bio: null, image: null };
    users.set(user.id, user);
    return [201, userView(user)];
  });
  route('GET', '/user', async ({ req }) => [200, userView(authenticate(req, true)!)]);
  route('PUT', '/user', async ({ req, body }) => {
    const me = authenticate(req, true)!;
    const u = object(body(), 'user');
    const email = str(u, 'email', limits.email, false);
    const username = str(u, 'username', limits.username, false);
    const password = str(u, 'password', limits.password.max, false);
    const bio = text(u, 'bio', limits.bio, false, true);
    const image = text(u, 'image', limits.image, false, true);
    new Rules().username('username', username).email('email', email).password('password', password).check();
    if (email !== undefined && (email.trim() === '' || taken('email', email, me.id)))
      throw new HttpError(422, { email: ['is invalid or taken'] });
    if (username !== undefined && (username.trim() === '' || taken('username', username, me.id)))
      throw new HttpError(422, { username: ['is invalid or taken'] });
    Object.assign(me, {
      ...(email !== undefined ? { email } : {}),
      ...(username !== undefined ? { username } : {}),
      ...(password ? { password } : {}),
      ...(bio !== undefined ? { bio } : {}),
      ...(image !== undefined ? { image } : {}),
    });
    return [200, userView(me)];
  });
  route('GET', '/profiles/:username', async ({ req, params }) => {
    const viewer = authenticate(req, false);
    return [200, { profile: profile(byUsername(params[0]!), viewer) }];
  });
  for (const method of ['POST', 'DELETE']) {
    route(method, '/profiles/:username/follow', async ({ req, params }) => {
      const me = authenticate(req, true)!;
      const them = byUsername(params[0]!);
      if (method === 'POST') follows.add(`${me.id}:${them.id}`);
      else follows.delete(`${me.id}:${them.id}`);
      return [200, { profile: profile(them, me) }];
    });
  }
  route('GET', '/articles/feed', async ({ req, query }) => {
    const me = authenticate(req, true)!;
    return [
      200,
      listing(
        [...articles.values()].filter((a) => follows.has(`${me.id}:${a.authorId}`)),
        query,
        me,
      ),
    ];
  });
  route('GET', '/articles', async ({ req, query }) => {
    const viewer = authenticate(req, false);
    if (bugs.limitAbc500 && query.get('limit') === 'abc') throw new Error('NaN is not a valid LIMIT');
    const tag = query.get('tag');
    if (bugs.hangOnQuote && tag?.includes("'")) await new Promise(() => {});
    const author = query.get('author');
    const favorited = query.get('favorited');
    const favoriter =
      favorited === null ? undefined : [...users.values()].find((u) => u.username === favorited);
    const list = [...articles.values()].filter(
      (a) =>
        (tag === null || a.tagList.includes(tag)) &&
        (author === null || users.get(a.authorId)?.username === author) &&
        (favorited === null || (favoriter !== undefined && a.favoritedBy.has(favoriter.id))),
    );
    return [200, listing(list, query, viewer)];
  });
  route('POST', '/articles', async ({ req, body }) => {
    const me = authenticate(req, true)!;
    const a = object(body(), 'article');
    const title = str(a, 'title', limits.title, true)!;
    const description = str(a, 'description', limits.description, true)!;
    const articleBody = str(a, 'body', limits.body, true)!;
    const tags = a.tagList ?? [];
    if (
      !Array.isArray(tags) ||
      tags.length > limits.tagsPerArticle ||
      tags.some((t) => typeof t !== 'string' || t.length > limits.tag)
    )
      throw new HttpError(422, { tagList: ['must be a list of short strings'] });
    const now = new Date().toISOString();
    const article: Article = {
      id: nextId++,
      slug: uniqueSlug(title),
      title,
      description,
      body: articleBody,
      tagList: normaliseTags(tags as string[]),
      authorId: me.id,
      createdAt: now,
      updatedAt: now,
      favoritedBy: new Set(),
      counter: 0,
    };
    articles.set(article.id, article);
    return [201, { article: articleView(article, me) }];
  });
  route('GET', '/articles/:slug', async ({ req, params }) => {
    const viewer = authenticate(req, false);
    return [200, { article: articleView(bySlug(params[0]!), viewer) }];
  });
  route('PUT', '/articles/:slug', async ({ req, params, body }) => {
    const me = authenticate(req, true)!;
    const article = bySlug(params[0]!);
    if (article.authorId !== me.id) throw new HttpError(403, { article: ['is not yours'] });
    const a = object(body(), 'article');
    const title = str(a, 'title', limits.title, false);
    const description = str(a, 'description', limits.description, false);
    const newBody = str(a, 'body', limits.body, false);
    for (const [k, v] of Object.entries({ title, description, body: newBody }))
      if (v !== undefined && v.trim() === '') throw new HttpError(422, { [k]: ["can't be blank"] });
    if (title !== undefined && title !== article.title)
      Object.assign(article, { title, slug: uniqueSlug(title) });
    if (description !== undefined) article.description = description;
    if (newBody !== undefined) article.body = newBody;
    article.updatedAt = new Date().toISOString();
    return [200, { article: articleView(article, me) }];
  });
  route('DELETE', '/articles/:slug', async ({ req, params }) => {
    const me = authenticate(req, true)!;
    const article = bySlug(params[0]!);
    if (article.authorId !== me.id) throw new HttpError(403, { article: ['is not yours'] });
    if (bugs.racyDelete) {
      article.deleting = true;
      await sleep(20);
    }
    articles.delete(article.id);
    return [204];
  });
  route('GET', '/articles/:slug/comments', async ({ req, params }) => {
    const viewer = authenticate(req, false);
    const article = bySlug(params[0]!);
    const list = [...comments.values()].filter((c) => c.articleId === article.id);
    return [200, { comments: list.map((c) => commentView(c, viewer)) }];
  });
  route('POST', '/articles/:slug/comments', async ({ req, params, body }) => {
    const me = authenticate(req, true)!;
    const article = usable(bySlug(params[0]!));
    const text = str(object(body(), 'comment'), 'body', limits.comment, true)!;
    const comment: Comment = {
      id: nextId++,
      articleId: article.id,
      authorId: me.id,
      body: text,
      createdAt: new Date().toISOString(),
    };
    comments.set(comment.id, comment);
    return [200, { comment: commentView(comment, me) }];
  });
  route('DELETE', '/articles/:slug/comments/:id', async ({ req, params }) => {
    const me = authenticate(req, true)!;
    const article = bySlug(params[0]!);
    const comment = /^\d{1,15}$/.test(params[1]!) ? comments.get(Number(params[1])) : undefined;
    if (!comment || comment.articleId !== article.id) throw notFound('comment');
    if (comment.authorId !== me.id) throw new HttpError(403, { comment: ['is not yours'] });
    comments.delete(comment.id);
    return [204];
  });
  for (const method of ['POST', 'DELETE']) {
    route(method, '/articles/:slug/favorite', async ({ req, params }) => {
      const me = authenticate(req, true)!;
      const article = usable(bySlug(params[0]!));
      const has = article.favoritedBy.has(me.id);
      if (method === 'POST' ? !has : has) {
        if (method === 'POST') article.favoritedBy.add(me.id);
        else article.favoritedBy.delete(me.id);
        if (bugs.racyFavorites) {
          const before = article.counter;
          await sleep(Math.random() * 5);
          article.counter = before + (method === 'POST' ? 1 : -1);
        }
      }
      return [200, { article: articleView(article, me) }];
    });
  }
  route('GET', '/tags', async () => [
    200,
    { tags: [...new Set([...articles.values()].flatMap((a) => a.tagList))].sort() },
  ]);

  // ---- plumbing ----
  const send = (res: ServerResponse, status: number, payload?: unknown) => {
    pending.delete(res);
    if (payload === undefined) res.writeHead(status).end();
    else
      res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify(payload));
  };

  const server = createServer(async (req, res) => {
    pending.add(res);
    const raw = req.url ?? '/';
    const [path = '/', search = ''] = raw.split(/\?(.*)/s);
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= limits.requestBody || bugs.noBodyLimit) chunks.push(chunk);
      }
    } catch {
      return;
    }
    try {
      if (req.method === 'OPTIONS') return send(res, 204);
      if (size > limits.requestBody && !bugs.noBodyLimit)
        throw new HttpError(413, { body: ['is too large'] });
      const matches = table.filter(([, pattern]) => pattern.test(path));
      const hit = matches.find(([m]) => m === method);
      if (!hit) {
        if (matches.length === 0 && bugs.plainNotFound) {
          pending.delete(res);
          return res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        }
        throw new HttpError(matches.length ? 405 : 404, { route: [`${req.method} ${path} does not exist`] });
      }
      const [, pattern, handler] = hit;
      const params = pattern
        .exec(path)!
        .slice(1)
        .map((p) => {
          try {
            return decodeURIComponent(p);
          } catch {
            throw new HttpError(400, { url: ['is malformed'] });
          }
        });
      const body = () => {
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
          throw new HttpError(415, { body: ['must be JSON'] });
        const raw = Buffer.concat(chunks).toString('utf8');
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          throw new HttpError(400, { body: ['is not valid JSON'] });
        }
      };
      const [status, payload] = await handler({ req, params, query: new URLSearchParams(search), body });
      send(res, status, payload);
    } catch (error) {
      if (error instanceof HttpError) send(res, error.status, { errors: error.errors });
      else if (error instanceof ValidationFailed) send(res, 422, { errors: error.errors });
      else send(res, 500, { errors: { server: [String(error)] } });
    }
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of pending) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
