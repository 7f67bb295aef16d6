import { type OperationId, routes } from '@journey/contract';
import fc from 'fast-check';
import {
  type BodyPlan,
  bodyRoutes,
  type Check,
  corpus,
  FIXTURE,
  fail,
  maybe,
  type Plan,
  pass,
  pct,
  planArbitrary,
} from './bad-input.plans.js';
import { type Account, Conduit, enc, unique } from './conduit.js';
import {
  createFixture,
  diffSnapshots,
  type Fixture,
  type Snapshot,
  settledSnapshot,
  takeSnapshot,
} from './fixture.js';
import { createHttpClient, excerpt, type Outcome, parseJson, type RawRequest } from './http.js';
import { type ForgedToken, forgeTokens } from './jwt.js';
import { settle } from './settle.js';

export interface BadInputOptions {
  /** The server's root; the API is under `${baseUrl}/api`. */
  baseUrl: string;
  /** Generated requests, on top of a fixed corpus of ~150 that every run sends. */
  runs?: number;
  /** fast-check seed; the same seed generates the same requests. Printed when a run fails. */
  seed?: number;
  /** A request unanswered after this long is a hang, reported as a failure. */
  timeoutMs?: number;
  /** Requests in flight at once. Use 1 to replay a seed in exactly the same order. */
  concurrency?: number;
  /** How long reads may lag behind writes (eventually consistent patterns). */
  settleMs?: number;
  /** Where to print the seed and a summary when something fails; `console.error` by default. */
  log?: (line: string) => void;
  /** Called after every fuzzed request, e.g. to tabulate what a server answers to what. */
  onResponse?: (request: string, status: number | 'timeout' | 'no-response') => void;
}

export interface BadInputFailure {
  /** The request, e.g. `POST /api/articles [Authorization: Token <forged: alg none>] body: {...}`. */
  request: string;
  status: number | 'timeout' | 'no-response';
  /** The response body (shortened), or what differed. */
  body: string;
  /** What was wrong with the answer. */
  reason: string;
}

export interface BadInputReport {
  seed: number;
  /** Requests fired by the fuzzer (setup and verification reads not included). */
  requests: number;
  byStatus: Record<number, number>;
  failures: BadInputFailure[];
}

/** Statuses a correct server may use to refuse bad input. */
export const REFUSALS = [400, 401, 403, 404, 405, 413, 415, 422] as const;

/** Ids created at run time that plans refer to. Mutable: the attacker may rename or delete their own things. */
interface Context {
  fixture: Fixture;
  attacker: Account;
  sandbox: { slug: string; commentId: number };
  forged: ForgedToken[];
}

interface Built {
  plan: Plan;
  request: () => RawRequest;
  description: string;
  allowed: Set<number>;
  successAllowed: boolean;
}

/**
 * Fires malformed, hostile and unauthorised requests at every Conduit endpoint and checks that the
 * server refuses each one cleanly (a 4xx from the agreed list, with a RealWorld error body, in time),
 * accepts only what is actually valid, and leaves a fixture of real data exactly as it was.
 */
export async function runBadInput(options: BadInputOptions): Promise<BadInputReport> {
  const {
    baseUrl,
    runs = 300,
    seed = (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0,
    timeoutMs = 10_000,
    concurrency = 4,
    settleMs = 5_000,
    log = (line: string) => console.error(line),
  } = options;
  const http = createHttpClient(baseUrl, { connections: concurrency * 2 + 8, timeoutMs });
  const api = new Conduit(http);
  const report: BadInputReport = { seed, requests: 0, byStatus: {}, failures: [] };
  const failures = report.failures;
  try {
    await api.expect(200, 'GET', '/tags');
    const fixture = await createFixture(api);
    const attacker = await api.register('robustattacker');
    const context: Context = {
      fixture,
      attacker,
      sandbox: await createSandbox(api, attacker),
      forged: forgeTokens(fixture.owner.token),
    };
    const before = await settledSnapshot(api, fixture, settleMs);

    const plans = [
      ...corpus(context.forged.length),
      ...fc.sample(planArbitrary(context.forged.length), { numRuns: runs, seed }),
    ];
    const created = new Map<string, string>();
    let next = 0;
    const worker = async () => {
      while (next < plans.length) {
        const plan = plans[next++]!;
        const built = build(plan, context);
        const outcome = await http.send(built.request());
        report.requests += 1;
        if (outcome.kind === 'response')
          report.byStatus[outcome.status] = (report.byStatus[outcome.status] ?? 0) + 1;
        options.onResponse?.(
          built.description,
          outcome.kind === 'response'
            ? outcome.status
            : outcome.kind === 'timeout'
              ? 'timeout'
              : 'no-response',
        );
        for (const reason of judge(built, outcome, context, created)) {
          failures.push({
            request: built.description,
            status:
              outcome.kind === 'response'
                ? outcome.status
                : outcome.kind === 'timeout'
                  ? 'timeout'
                  : 'no-response',
            body:
              outcome.kind === 'response'
                ? excerpt(outcome.text, 500)
                : outcome.kind === 'error'
                  ? outcome.message
                  : '',
            reason,
          });
        }
        if (outcome.kind === 'response') await follow(api, built, outcome, context);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));

    failures.push(...(await afterwards(api, context, before, settleMs)));
  } finally {
    await http.close();
  }
  if (failures.length > 0) {
    log(
      `runBadInput: ${failures.length} failure(s) in ${report.requests} requests against ${baseUrl} ` +
        `(seed ${seed}; replay with runBadInput({ baseUrl, runs: ${runs}, seed: ${seed}, concurrency: 1 }))`,
    );
    for (const f of failures.slice(0, 20)) log(`  ${f.status} ${f.request}\n    ${f.reason}: ${f.body}`);
  }
  return report;
}

async function createSandbox(api: Conduit, attacker: Account): Promise<Context['sandbox']> {
  const slug = await api.createArticle(attacker.token, {
    title: `Sandbox ${unique()}`,
    tagList: ['sandbox'],
  });
  const comment = await api.expect([200, 201], 'POST', `/articles/${enc(slug)}/comments`, {
    token: attacker.token,
    json: { comment: { body: 'sandbox comment' } },
  });
  return { slug, commentId: comment.body.comment.id };
}

// ---- From plan to request ----------------------------------------------------------------------

/** Requests that would change the fixture if made by an accepted token, so the attacker aims them elsewhere. */
const CHANGES_FIXTURE = new Set<OperationId>(['CreateArticleComment', 'CreateArticleFavorite']);

function build(original: Plan, ctx: Context): Built {
  const { fixture, attacker, sandbox } = ctx;
  const token = original.token;
  const actsAsAttacker = token.kind === 'valid' || token.kind === 'scheme';
  const plan: Plan =
    actsAsAttacker && original.op && CHANGES_FIXTURE.has(original.op) && original.slug === 'fixture'
      ? { ...original, slug: 'sandbox' }
      : original;

  const checks: Check[] = [];
  let authorization: string | undefined;
  let authDescription = '';
  switch (token.kind) {
    case 'none':
      break;
    case 'valid':
      authorization = `Token ${attacker.token}`;
      authDescription = "Token <attacker's token>";
      break;
    case 'scheme':
      authorization = token.format.replace('%s', attacker.token);
      authDescription = token.format.replace('%s', "<attacker's token>");
      break;
    case 'junk':
      authorization = token.header;
      authDescription = excerpt(token.header, 80);
      break;
    case 'forged': {
      const forged = ctx.forged[token.index % ctx.forged.length]!;
      authorization = `Token ${forged.token}`;
      authDescription = `Token <forged as the fixture owner: ${forged.name}>`;
      break;
    }
  }

  // Authentication.
  const auth = plan.op ? routes[plan.op].auth : 'none';
  const refused = token.kind === 'none' || token.kind === 'junk' || token.kind === 'forged';
  if (auth === 'required') checks.push(refused ? fail(401) : token.kind === 'scheme' ? maybe(401) : pass);
  else if (token.kind !== 'none' && token.kind !== 'valid') checks.push(maybe(401));
  if (plan.op === 'Login') checks.push(maybe(401));

  // Route, query, body.
  if (plan.routeCheck) checks.push(plan.routeCheck);
  if (plan.query) checks.push(plan.query.check);
  if (plan.body) checks.push(plan.body.check);

  // Targets.
  let path = plan.template;
  if (plan.slug !== undefined) {
    const s = plan.slug;
    const value =
      s === 'fixture'
        ? enc(fixture.slug)
        : s === 'sandbox'
          ? enc(sandbox.slug)
          : s.raw
            ? s.random
            : pct(s.random);
    path = path.replace(':slug', value);
    if (s === 'sandbox') checks.push(maybe(404)); // the attacker may have renamed or deleted it
    if (typeof s === 'object') checks.push(s.raw ? maybe(400, 404, 405) : maybe(404));
    if (actsAsAttacker && (plan.op === 'UpdateArticle' || plan.op === 'DeleteArticle')) {
      if (s === 'fixture') checks.push(fail(403));
      if (typeof s === 'object') checks.push(maybe(403));
    }
  }
  if (plan.username !== undefined) {
    const u = plan.username;
    path = path.replace(
      ':username',
      u === 'owner' ? enc(fixture.owner.username) : u === 'self' ? enc(attacker.username) : pct(u.random),
    );
    if (u === 'self') checks.push(maybe(404, 400, 403, 422)); // renamed, or following oneself
    if (typeof u === 'object') checks.push(maybe(404, 400, 403, 422));
  }
  if (plan.id !== undefined) {
    const i = plan.id;
    path = path.replace(
      ':id',
      i === 'fixture'
        ? String(fixture.commentId)
        : i === 'sandbox'
          ? String(sandbox.commentId)
          : pct(i.random),
    );
    if (typeof i === 'object') checks.push(maybe(400, 403, 404, 422));
    if (i === 'sandbox') checks.push(maybe(403, 404));
    if (i === 'fixture' && actsAsAttacker && plan.op === 'DeleteArticleComment') {
      // Someone else's comment: 403, or 404 when asked for under another article.
      checks.push(plan.slug === 'fixture' ? fail(403) : fail(403, 404));
    }
  }
  if (plan.query) path += `?${plan.query.text}`;
  // A NUL byte in a path parameter or filter is text no resource can carry (PostgreSQL cannot even
  // store it): refusing it as invalid input is as acceptable as "not found" or an empty list.
  if (/%00/i.test(path)) checks.push(maybe(400, 422));

  const failing = checks.filter((c) => c.level === 'fail');
  const allowed = new Set(checks.flatMap((c) => (c.level === 'pass' ? [] : c.codes)));
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  const body = plan.body ? materialise(plan.body, plan.op, ctx) : undefined;
  if (body?.contentType) headers['content-type'] = body.contentType;

  const description = [
    `${plan.method} /api${path}`,
    authDescription && `[Authorization: ${authDescription}]`,
    body && `[Content-Type: ${body.contentType ?? 'none'}]`,
    body && `body: ${body.description}`,
    `(${plan.label})`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    plan,
    description,
    allowed,
    successAllowed: failing.length === 0,
    request: () => ({
      method: plan.method,
      path,
      headers,
      ...(body ? { body: body.make(), chunked: body.chunked ?? false } : {}),
    }),
  };
}

function materialise(
  body: BodyPlan,
  op: OperationId | undefined,
  ctx: Context,
): { contentType: string | null; make: () => string | Buffer; chunked?: boolean; description: string } {
  switch (body.kind) {
    case 'json': {
      const text = JSON.stringify(resolvePlaceholders(body.value, ctx)) ?? '';
      return { contentType: 'application/json', make: () => text, description: excerpt(text, 200) };
    }
    case 'text': {
      const data =
        typeof body.text === 'string'
          ? (resolvePlaceholders(body.text, ctx) as string)
          : Buffer.from(body.text);
      const shown =
        typeof data === 'string'
          ? JSON.stringify(excerpt(data, 200))
          : `<bytes ${data.toString('hex').slice(0, 64)}>`;
      return { contentType: body.contentType, make: () => data, description: shown };
    }
    case 'huge': {
      const spec: { wrapper: string; fields: Array<{ name: string }> } = (op && bodyRoutes[op]) || {
        wrapper: 'article',
        fields: [{ name: 'body' }],
      };
      const field = spec.fields.find((f) => f.name !== 'tagList' && f.name !== 'email')?.name ?? 'body';
      const head = `{"${spec.wrapper}":{"${field}":"`;
      const tail = '"}}';
      const text = `${head}${'a'.repeat(Math.max(0, body.bytes - head.length - tail.length))}${tail}`;
      const make = () => Buffer.from(text);
      return {
        contentType: 'application/json',
        make,
        chunked: body.chunked,
        description: `${head}aaaa…${tail} (${text.length} bytes${body.chunked ? ', chunked' : ''})`,
      };
    }
  }
}

/** Swaps the FIXTURE placeholders for the run's real values, anywhere in a body. */
function resolvePlaceholders(value: unknown, ctx: Context): unknown {
  const { owner } = ctx.fixture;
  const fresh = unique();
  const table: Record<string, string> = {
    [FIXTURE.email]: owner.email,
    [FIXTURE.emailUpper]: owner.email.toUpperCase(),
    [FIXTURE.username]: owner.username,
    [FIXTURE.usernameUpper]: owner.username.toUpperCase(),
    [FIXTURE.passwordWithSpace]: `${owner.password} `,
    [FIXTURE.passwordUpper]: owner.password.toUpperCase(),
    [FIXTURE.freshEmail]: `fresh${fresh}@example.com`,
    [FIXTURE.freshUsername]: `fresh${fresh}`,
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v;
      for (const [placeholder, real] of Object.entries(table)) out = out.split(placeholder).join(real);
      return out;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) {
        Object.defineProperty(out, k, { value: walk(inner), enumerable: true, writable: true });
      }
      return out;
    }
    return v;
  };
  return walk(value);
}

// ---- Judging answers ---------------------------------------------------------------------------

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Everything wrong with one answer; empty when it is fine. */
function judge(built: Built, outcome: Outcome, ctx: Context, created: Map<string, string>): string[] {
  if (outcome.kind === 'timeout')
    return [`no answer within the timeout (${outcome.ms} ms): the server hangs`];
  if (outcome.kind === 'error') return ['the connection failed without an HTTP answer'];
  const { status, text, contentType } = outcome;
  const problems: string[] = [];
  const refusals = [...built.allowed].sort().join('/');
  const expected = `expected ${[built.successAllowed && '2xx', refusals].filter(Boolean).join(' or ')}`;
  const isSuccess = status >= 200 && status < 300;
  if (status >= 500) problems.push(`server error (${expected})`);
  else if (isSuccess && !built.successAllowed)
    problems.push(`accepted a request that must be refused (${expected})`);
  else if (!isSuccess && !built.allowed.has(status)) problems.push(`unexpected status (${expected})`);
  else if (!isSuccess && !(REFUSALS as readonly number[]).includes(status))
    problems.push(`status outside ${REFUSALS.join('/')}`);

  const hasBody = built.plan.method !== 'HEAD' && text.length > 0;
  if (status >= 400 && status < 500 && hasBody) {
    const json = parseJson(text);
    if (!isErrorShape(json))
      problems.push('4xx body is not the RealWorld error shape {"errors":{"<key>":["..."]}}');
    else if (!/json/i.test(contentType))
      problems.push(`4xx error body sent as ${contentType || 'no content type'}`);
  }
  if (isSuccess && hasBody) {
    const json = parseJson(text) as { article?: Record<string, unknown> } | undefined;
    if (json === undefined) problems.push('2xx body is not JSON');
    const article = json?.article;
    if (article && (built.plan.op === 'CreateArticle' || built.plan.op === 'UpdateArticle')) {
      const slug = article.slug;
      if (typeof slug !== 'string' || !SLUG.test(slug))
        problems.push(`slug ${JSON.stringify(slug)} is not ${SLUG}`);
      if (slug === ctx.fixture.slug) problems.push('the new slug is the fixture article’s slug');
      if ((article.author as { username?: string } | undefined)?.username === ctx.fixture.owner.username) {
        problems.push('the article was written as the fixture owner');
      }
      if (built.plan.op === 'CreateArticle' && typeof slug === 'string') {
        if (article.favoritesCount !== 0 || article.favorited !== false) {
          problems.push(
            `a new article has favoritesCount ${article.favoritesCount}, favorited ${article.favorited}`,
          );
        }
        const title = String(article.title);
        const earlier = created.get(slug);
        if (earlier !== undefined)
          problems.push(`slug ${slug} was already given to another article (${JSON.stringify(earlier)})`);
        created.set(slug, title);
      }
    }
  }
  return problems;
}

function isErrorShape(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const errors = (value as { errors?: unknown }).errors;
  if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return false;
  const entries = Object.values(errors);
  return (
    entries.length > 0 && entries.every((m) => Array.isArray(m) && m.every((s) => typeof s === 'string'))
  );
}

/** Keeps the context pointing at things that exist after the attacker changed their own data. */
async function follow(api: Conduit, built: Built, outcome: Outcome & { kind: 'response' }, ctx: Context) {
  if (outcome.status < 200 || outcome.status >= 300) return;
  const { plan } = built;
  const body = parseJson(outcome.text) as {
    article?: { slug?: string };
    user?: { username?: string; token?: string };
  };
  const onSandbox = plan.slug === 'sandbox';
  try {
    if (plan.op === 'DeleteArticle' && onSandbox) ctx.sandbox = await createSandbox(api, ctx.attacker);
    if (plan.op === 'UpdateArticle' && onSandbox && body?.article?.slug) ctx.sandbox.slug = body.article.slug;
    if (plan.op === 'DeleteArticleComment' && onSandbox && plan.id === 'sandbox') {
      ctx.sandbox = await createSandbox(api, ctx.attacker);
    }
    if (plan.op === 'UpdateCurrentUser' && plan.token.kind === 'valid' && body?.user) {
      if (body.user.username) ctx.attacker.username = body.user.username;
      if (body.user.token) ctx.attacker.token = body.user.token;
    }
  } catch {
    // Best effort: a missing sandbox only turns later requests into 404s, which the checks allow.
  }
}

/** After the run: the server is alive, the fixture is unchanged, and its owner can still log in. */
async function afterwards(
  api: Conduit,
  ctx: Context,
  before: Snapshot,
  settleMs: number,
): Promise<BadInputFailure[]> {
  const failures: BadInputFailure[] = [];
  for (const path of ['/tags', '/articles']) {
    const reply = await api.call('GET', path);
    if (reply.status !== 200) {
      failures.push({
        request: `GET /api${path} (after the run)`,
        status: reply.status || 'no-response',
        body: excerpt(reply.text, 500),
        reason: 'the server is not answering normally after the run',
      });
    }
  }
  if (failures.length > 0) return failures;

  const { fixture } = ctx;
  const settled = await settle(
    () => takeSnapshot(api, fixture),
    (after) => diffSnapshots(before, after).length === 0,
    { timeoutMs: settleMs },
  );
  for (const d of diffSnapshots(before, settled.value)) {
    failures.push({
      request: `${d.key} (fixture snapshot after the run)`,
      status: (settled.value[d.key] as { status?: number } | undefined)?.status ?? 'no-response',
      body: `before: ${excerpt(d.before, 600)}\n    after:  ${excerpt(d.after, 600)}`,
      reason: 'the fixture changed',
    });
  }

  const login = await api.call('POST', '/users/login', {
    json: { user: { email: fixture.owner.email, password: fixture.owner.password } },
  });
  const token = login.body?.user?.token as string | undefined;
  const me = token ? await api.call('GET', '/user', { token }) : undefined;
  if (
    login.status !== 200 ||
    !token ||
    me?.status !== 200 ||
    me.body?.user?.username !== fixture.owner.username
  ) {
    failures.push({
      request: `POST /api/users/login as ${fixture.owner.email} with the original password, then GET /api/user`,
      status: me?.status ?? (login.status || 'no-response'),
      body: excerpt(me?.text ?? login.text, 500),
      reason: 'the fixture owner can no longer log in',
    });
  }
  return failures;
}
