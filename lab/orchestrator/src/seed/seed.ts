import { Agent, request } from 'undici';
import { seededRandom } from './random.js';
import { articleBody, sentence, tagPool, title } from './text.js';

export interface SeedOptions {
  /** Base URL of a running Conduit API (without `/api`). */
  baseUrl: string;
  users: number;
  articles: number;
  seed?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  onProgress?: (progress: { phase: string; done: number; total: number }) => void;
}

export interface SeedSummary {
  users: number;
  articles: number;
  comments: number;
  favorites: number;
  follows: number;
  /** One seeded user's credentials, for demos and the benchmark's authenticated calls. */
  sampleUser: { email: string; password: string; token: string; username: string };
  sampleSlug: string;
}

const PASSWORD = 'journey-password';

/** The few fields of Conduit replies the seeder reads. */
interface ApiReply {
  user: { token: string };
  article: { slug: string };
}

/**
 * Seeds through the public HTTP API, never the database: the same code fills every pattern,
 * whatever its storage looks like, and every rule (slugs, validation, counts) applies to the data.
 */
export async function seedViaApi(options: SeedOptions): Promise<SeedSummary> {
  const random = seededRandom(options.seed ?? 42);
  const dispatcher = new Agent({ connections: options.concurrency ?? 16 });
  const runId = Date.now().toString(36);
  const plan = planWork(random, options.users, options.articles);
  const total = plan.totalRequests;
  let done = 0;
  const tick = (phase: string) => options.onProgress?.({ phase, done: ++done, total });

  const call = async (method: 'GET' | 'POST', path: string, token: string | undefined, body?: unknown) => {
    const response = await request(`${options.baseUrl}/api${path}`, {
      method,
      dispatcher,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Token ${token}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300)
      throw new Error(`seeding ${method} ${path} got ${response.statusCode}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as ApiReply;
  };

  try {
    const users = await inBatches(plan.users, options.concurrency ?? 16, async (i) => {
      const username = `${plan.userNames[i]}_${runId}`;
      const email = `${username}@example.com`;
      const { user } = await call('POST', '/users', undefined, {
        user: { username, email, password: PASSWORD },
      });
      tick('users');
      return { username, email, token: user.token };
    });

    const slugs = await inBatches(plan.articles, options.concurrency ?? 16, async (a) => {
      const { article } = await call('POST', '/articles', users[a.author]!.token, {
        article: { title: a.title, description: a.description, body: a.body, tagList: a.tags },
      });
      tick('articles');
      return article.slug;
    });

    await inBatches(plan.follows, options.concurrency ?? 16, async ([follower, followee]) => {
      await call(
        'POST',
        `/profiles/${encodeURIComponent(users[followee]!.username)}/follow`,
        users[follower]!.token,
      );
      tick('follows');
    });
    await inBatches(plan.favorites, options.concurrency ?? 16, async ([user, article]) => {
      await call('POST', `/articles/${slugs[article]}/favorite`, users[user]!.token);
      tick('favorites');
    });
    await inBatches(plan.comments, options.concurrency ?? 16, async ([user, article, body]) => {
      await call('POST', `/articles/${slugs[article]}/comments`, users[user]!.token, { comment: { body } });
      tick('comments');
    });

    const sample = users[0]!;
    return {
      users: users.length,
      articles: slugs.length,
      comments: plan.comments.length,
      favorites: plan.favorites.length,
      follows: plan.follows.length,
      sampleUser: { ...sample, password: PASSWORD },
      sampleSlug: slugs[0]!,
    };
  } finally {
    await dispatcher.close();
  }
}

/** Decides the whole data set up front from the seed, so it is the same on every pattern. */
function planWork(random: ReturnType<typeof seededRandom>, userCount: number, articleCount: number) {
  const userNames = Array.from(
    { length: userCount },
    (_, i) =>
      `${random.pick(['ada', 'linus', 'grace', 'ken', 'barbara', 'edsger', 'margaret', 'dennis'])}${i}`,
  );
  const articles = Array.from({ length: articleCount }, () => ({
    // A few prolific authors write most articles.
    author: random.zipf(userCount, 0.9),
    title: title(random),
    description: sentence(random, 8, 14),
    body: articleBody(random),
    tags: [...new Set(Array.from({ length: random.int(0, 4) }, () => tagPool[random.zipf(tagPool.length)]!))],
  }));
  const follows = new Map<string, [number, number]>();
  for (let follower = 0; follower < userCount; follower++) {
    for (let k = 0; k < random.int(0, 8); k++) {
      const followee = random.zipf(userCount, 0.9);
      if (followee !== follower) follows.set(`${follower}:${followee}`, [follower, followee]);
    }
  }
  const favorites = new Map<string, [number, number]>();
  for (let user = 0; user < userCount; user++) {
    for (let k = 0; k < random.int(0, 30); k++) {
      const article = random.zipf(articleCount, 0.8);
      favorites.set(`${user}:${article}`, [user, article]);
    }
  }
  const comments: Array<[number, number, string]> = [];
  for (let article = 0; article < articleCount; article++) {
    if (random.next() < 0.3) {
      for (let k = 0; k < random.int(1, 4); k++)
        comments.push([random.int(0, userCount - 1), article, sentence(random, 5, 30)]);
    }
  }
  const users = Array.from({ length: userCount }, (_, i) => i);
  return {
    userNames,
    users,
    articles,
    follows: [...follows.values()],
    favorites: [...favorites.values()],
    comments,
    totalRequests: userCount + articleCount + follows.size + favorites.size + comments.length,
  };
}

/** Runs `work` over items with at most `limit` in flight, keeping results in input order. */
async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
