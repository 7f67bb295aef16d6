import type { Article, Profile, PublishingV1 } from '@journey/soa-contracts';

/**
 * The Conduit calls the wire bench compares, each in its two forms: the REST JSON a client exchanges
 * with the bus, and the publishing-v1 SOAP operation the bus exchanges with the publishing service to
 * answer it. Same data in both, so the difference is only the encoding.
 */

export type WireOperation = 'ListArticles' | 'GetArticle' | 'CreateArticle';

export interface ConduitCall {
  /** The REST call, as the shared bench rows name it: `GET /api/articles?limit=20`. */
  endpoint: string;
  method: 'GET' | 'POST';
  path: string;
  /** The REST request body; none for a GET. */
  jsonRequest?: unknown;
  jsonAnswer: unknown;
  operation: WireOperation;
  /** The operation's input element's content, in canonical.ts/messages.ts shapes. */
  soapInput: object;
  /** What the service answers, in the same shapes. */
  soapOutput: object;
}

/** A page of the list call: what `GET /api/articles` answers by default. */
export const PAGE_SIZE = 20;

const WORDS = `service contract registry bus envelope schema canonical model version consumer provider
operation binding endpoint fault header namespace orchestration mediation routing transformation policy
governance capability reuse latency payload encoding`.split(/\s+/);

/** Deterministic words, so every run and both encodings carry exactly the same text. */
function words(seed: number, count: number): string {
  return Array.from({ length: count }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(' ');
}

/** Paragraphs of about a blog post's size (2 KB), like the articles `journey bench` seeds. */
const articleBody = (seed: number) =>
  Array.from({ length: 5 }, (_, p) =>
    Array.from({ length: 4 }, (_, s) => `${words(seed + p + s, 14)}.`).join(' '),
  ).join('\n\n');

const author = (seed: number): Profile => ({
  username: `author${seed % 7}`,
  ...(seed % 2 === 0 && { bio: `Writes about ${words(seed, 4)}` }),
  ...(seed % 3 === 0 && { image: `https://images.example.com/${seed % 7}.png` }),
  following: seed % 4 === 0,
});

/** An article as publishing answers it; lists leave the body out, as the JSON API does. */
export function sampleArticle(seed: number, withBody: boolean): Article {
  const title = words(seed, 6);
  const at = new Date(Date.UTC(2026, 0, 1) + seed * 3_600_000).toISOString();
  return {
    slug: `${title.replaceAll(' ', '-')}-${seed}`,
    title,
    description: words(seed + 1, 11),
    ...(withBody && { body: articleBody(seed) }),
    tagList: { tag: [WORDS[seed % WORDS.length]!, WORDS[(seed + 5) % WORDS.length]!] },
    createdAt: at,
    updatedAt: at,
    favorited: seed % 5 === 0,
    favoritesCount: seed % 13,
    author: author(seed),
  };
}

/** The REST shape of a canonical profile: absent bio and image are JSON nulls. */
const jsonProfile = (profile: Profile) => ({
  username: profile.username,
  bio: profile.bio ?? null,
  image: profile.image ?? null,
  following: profile.following,
});

/** The REST shape of a canonical article: the tag list is a plain array. */
export const jsonArticle = (article: Article) => ({
  slug: article.slug,
  title: article.title,
  description: article.description,
  ...(article.body !== undefined && { body: article.body }),
  tagList: article.tagList.tag,
  createdAt: article.createdAt,
  updatedAt: article.updatedAt,
  favorited: article.favorited,
  favoritesCount: article.favoritesCount,
  author: jsonProfile(article.author),
});

type Input<Op extends WireOperation> = PublishingV1[Op]['request'];
type Output<Op extends WireOperation> = PublishingV1[Op]['response'];

/** The three calls: a page of 20 articles, one article with its body, and publishing one. */
export function conduitCalls(): ConduitCall[] {
  const page: Output<'ListArticles'> = {
    article: Array.from({ length: PAGE_SIZE }, (_, i) => sampleArticle(i + 1, false)),
    page: { limit: PAGE_SIZE, offset: 0, total: 2_000 },
  };
  const listInput: Input<'ListArticles'> = { page: { limit: PAGE_SIZE, offset: 0 } };
  const one = sampleArticle(42, true);
  const created = sampleArticle(43, true);
  const createInput: Input<'CreateArticle'> = {
    title: created.title,
    description: created.description,
    body: created.body!,
    tagList: created.tagList,
  };
  return [
    {
      endpoint: `GET /api/articles?limit=${PAGE_SIZE}`,
      method: 'GET',
      path: `/api/articles?limit=${PAGE_SIZE}`,
      jsonAnswer: { articles: page.article.map(jsonArticle), articlesCount: page.page.total },
      operation: 'ListArticles',
      soapInput: listInput,
      soapOutput: page,
    },
    {
      endpoint: 'GET /api/articles/:slug',
      method: 'GET',
      path: `/api/articles/${one.slug}`,
      jsonAnswer: { article: jsonArticle(one) },
      operation: 'GetArticle',
      soapInput: { slug: one.slug } satisfies Input<'GetArticle'>,
      soapOutput: { article: one } satisfies Output<'GetArticle'>,
    },
    {
      endpoint: 'POST /api/articles',
      method: 'POST',
      path: '/api/articles',
      jsonRequest: { article: { ...createInput, tagList: created.tagList.tag } },
      jsonAnswer: { article: jsonArticle(created) },
      operation: 'CreateArticle',
      soapInput: createInput,
      soapOutput: { article: created } satisfies Output<'CreateArticle'>,
    },
  ];
}
