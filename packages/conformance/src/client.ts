import { API_PREFIX, type OperationId, routes } from '@journey/contract';
import { Agent, type Dispatcher } from 'undici';

/** What came back, with enough of the request to say which call it was in an error message. */
export interface Reply {
  /** The contract operation, when the call went through `call()`; raw requests have none. */
  op?: OperationId;
  /** `POST /api/users`, for messages. */
  request: string;
  status: number;
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  text: string;
  /** The parsed JSON body, or `undefined` when the body is empty or not JSON. */
  body: unknown;
}

export interface OpReply<Op extends OperationId> extends Reply {
  op: Op;
}

export interface RawRequest {
  method: string;
  /** Path below the API root, e.g. `/articles?limit=1`. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON (with `Content-Type: application/json`) unless it is already a string. */
  json?: unknown;
}

export interface CallOptions {
  token?: string | undefined;
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ClientOptions {
  /** Shared connection pool; the client makes its own when none is given (close it with `close()`). */
  dispatcher?: Dispatcher;
  /** Aborts every request in flight, e.g. when a check runs out of time. */
  signal?: AbortSignal;
  /** A request with no complete answer after this long fails. Default 10 s. */
  requestTimeoutMs?: number;
}

type Query = Record<string, string | number | undefined>;
type UserFields = { username?: string; email?: string; password?: string };
type ArticleFields = { title?: string; description?: string; body?: string; tagList?: string[] };

/**
 * One small Conduit client on top of undici: a raw `send()`, a `call()` per contract operation, and
 * one-line helpers named after what a client does. It never throws on an HTTP status (the checks
 * decide what is right); it throws only when no answer came back.
 */
export class ConduitClient {
  private readonly origin: string;
  private readonly prefix: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(
    baseUrl: string,
    private readonly options: ClientOptions = {},
  ) {
    const base = new URL(baseUrl);
    this.origin = base.origin;
    this.prefix = `${base.pathname.replace(/\/+$/, '')}${API_PREFIX}`;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 5_000 });
  }

  async send(request: RawRequest): Promise<Reply> {
    const path = `${this.prefix}${request.path}`;
    const label = `${request.method} ${path}`;
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      body = typeof request.json === 'string' ? request.json : JSON.stringify(request.json);
      headers['content-type'] ??= 'application/json';
    }
    const timeout = this.options.requestTimeoutMs ?? 10_000;
    try {
      const response = await this.dispatcher.request({
        origin: this.origin,
        path,
        method: request.method as Dispatcher.HttpMethod,
        headers,
        body: body ?? null,
        signal: this.options.signal,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const text = await response.body.text();
      return {
        request: label,
        status: response.statusCode,
        headers: flatten(response.headers),
        text,
        body: parse(text),
      };
    } catch (error) {
      const reason = this.options.signal?.aborted ? String(this.options.signal.reason) : describe(error);
      throw new Error(`${label} got no answer: ${reason}`, { cause: error });
    }
  }

  /** Calls a contract operation by its OpenAPI operationId; `params` fill the `:name` parts of its path. */
  async call<Op extends OperationId>(op: Op, options: CallOptions = {}): Promise<OpReply<Op>> {
    const route = routes[op];
    const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
      const value = options.params?.[name];
      if (value === undefined) throw new Error(`${op}: missing path parameter ${name}`);
      return encodeURIComponent(String(value));
    });
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Token ${options.token}`;
    const reply = await this.send({
      method: route.method,
      path: `${path}${queryString(options.query)}`,
      headers,
      json: options.body,
    });
    return { ...reply, op };
  }

  register(user: UserFields) {
    return this.call('CreateUser', { body: { user } });
  }
  login(email: string, password: string) {
    return this.call('Login', { body: { user: { email, password } } });
  }
  currentUser(token?: string) {
    return this.call('GetCurrentUser', { token });
  }
  updateUser(token: string | undefined, user: Record<string, unknown>) {
    return this.call('UpdateCurrentUser', { token, body: { user } });
  }
  profile(username: string, token?: string) {
    return this.call('GetProfileByUsername', { token, params: { username } });
  }
  follow(token: string | undefined, username: string) {
    return this.call('FollowUserByUsername', { token, params: { username } });
  }
  unfollow(token: string | undefined, username: string) {
    return this.call('UnfollowUserByUsername', { token, params: { username } });
  }
  listArticles(query: Query = {}, token?: string) {
    return this.call('GetArticles', { token, query });
  }
  feed(token: string | undefined, query: Query = {}) {
    return this.call('GetArticlesFeed', { token, query });
  }
  createArticle(token: string | undefined, article: ArticleFields) {
    return this.call('CreateArticle', { token, body: { article } });
  }
  getArticle(slug: string, token?: string) {
    return this.call('GetArticle', { token, params: { slug } });
  }
  updateArticle(token: string | undefined, slug: string, article: ArticleFields) {
    return this.call('UpdateArticle', { token, params: { slug }, body: { article } });
  }
  deleteArticle(token: string | undefined, slug: string) {
    return this.call('DeleteArticle', { token, params: { slug } });
  }
  favorite(token: string | undefined, slug: string) {
    return this.call('CreateArticleFavorite', { token, params: { slug } });
  }
  unfavorite(token: string | undefined, slug: string) {
    return this.call('DeleteArticleFavorite', { token, params: { slug } });
  }
  addComment(token: string | undefined, slug: string, body: string) {
    return this.call('CreateArticleComment', { token, params: { slug }, body: { comment: { body } } });
  }
  comments(slug: string, token?: string) {
    return this.call('GetArticleComments', { token, params: { slug } });
  }
  deleteComment(token: string | undefined, slug: string, id: number | string) {
    return this.call('DeleteArticleComment', { token, params: { slug, id } });
  }
  tags() {
    return this.call('GetTags');
  }

  /** Closes the connection pool if this client made it. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.destroy();
  }
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${code ? `${code}: ` : ''}${error.message}${cause}`;
}
