import { Agent } from 'undici';
import { type Random, seededRandom } from '../seed/random.js';
import { type ConduitCall, conduitClient, expectOk, registerUser } from './conduit-client.js';
import { mixFor, type Weights, type WorkloadOperation } from './workload-mix.js';

export interface WorkloadSettings {
  /** Users calling at once, each over its own keep-alive connection, one call after another. */
  connections: number;
  durationSec: number;
  /** Calls before the measured window, not counted: the processes' JIT and caches warm up. */
  warmupSec: number;
  /** Share of the users that are signed in, 0…1; the others make only the calls that need no login. */
  loggedInShare: number;
  weights: Weights;
  /**
   * Seed of every random choice. Each user draws from its own stream (seed + its index), so a user
   * makes the same sequence of calls against every pattern whatever the others' answers' timing; a
   * faster pattern only gets further along each user's sequence.
   */
  seed?: number;
}

export interface OperationFigures {
  calls: number;
  failures: number;
}

export interface WorkloadResult {
  /** Calls answered in the measured window, whatever their status. */
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Answers outside 2xx and calls that failed, over all calls, 0…1. */
  errorRate: number;
  /** Per operation, what was called: the mix as it ran. */
  operations: Partial<Record<WorkloadOperation, OperationFigures>>;
  /** The first few failures, `POST /articles/:slug/favorite → 500 …`, so an error rate can be read. */
  sampleFailures: string[];
  loggedInUsers: number;
  anonymousUsers: number;
  /**
   * The measured window, epoch ms: from the end of the warm-up until the last counted call answered.
   * Registering the users and the warm-up lie before it, so what else is read for the window (traces)
   * leaves them out too.
   */
  window: { fromMs: number; toMs: number };
}

interface Catalogue {
  slugs: string[];
  authors: string[];
}

interface User {
  /** Its place among the users, which names what it writes so no two users' writes collide. */
  index: number;
  token?: string;
  /** Follows and favorites toggle, so a user alternates between doing and undoing them. */
  toggles: Map<string, boolean>;
  /** This user's own stream of choices, untouched by what the other users draw. */
  random: Random;
  /** Calls made so far, which numbers what it writes. */
  calls: number;
}

const percentile = (sorted: Float64Array, q: number) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

/** The articles and authors the workload picks from: what the API lists first, seeded beforehand. */
async function readCatalogue(call: ConduitCall): Promise<Catalogue> {
  const { articles } = (await expectOk(
    'listing the seeded articles',
    call('GET', '/articles?limit=100'),
  )) as { articles: Array<{ slug: string; author: { username: string } }> };
  if (articles.length === 0) throw new Error('the workload needs seeded articles; the list is empty');
  return {
    slugs: articles.map((a) => a.slug),
    authors: [...new Set(articles.map((a) => a.author.username))],
  };
}

/**
 * One user's call of `operation`, as a real client would make it: an article or author drawn from the
 * catalogue, writes with fresh content, favorite and follow alternating with their undo.
 */
function callFor(operation: WorkloadOperation, user: User, catalogue: Catalogue): Parameters<ConduitCall> {
  const draw = user.random.next;
  const sequence = `${user.index}.${user.calls}`;
  const pick = (items: string[]) => items[Math.floor(draw() * items.length)]!;
  const token = user.token;
  const toggled = (key: string) => {
    const on = !user.toggles.get(key);
    user.toggles.set(key, on);
    return on;
  };
  switch (operation) {
    case 'list':
      return ['GET', `/articles?limit=20&offset=${Math.floor(draw() * 3) * 20}`, { token }];
    case 'article':
      return ['GET', `/articles/${pick(catalogue.slugs)}`, { token }];
    case 'comments':
      return ['GET', `/articles/${pick(catalogue.slugs)}/comments`, { token }];
    case 'tags':
      return ['GET', '/tags', { token }];
    case 'profile':
      return ['GET', `/profiles/${encodeURIComponent(pick(catalogue.authors))}`, { token }];
    case 'feed':
      return ['GET', '/articles/feed?limit=20', { token }];
    case 'favorite': {
      const slug = pick(catalogue.slugs);
      return [toggled(`favorite ${slug}`) ? 'POST' : 'DELETE', `/articles/${slug}/favorite`, { token }];
    }
    case 'follow': {
      const author = pick(catalogue.authors);
      const path = `/profiles/${encodeURIComponent(author)}/follow`;
      return [toggled(`follow ${author}`) ? 'POST' : 'DELETE', path, { token }];
    }
    case 'comment':
      return [
        'POST',
        `/articles/${pick(catalogue.slugs)}/comments`,
        { token, body: { comment: { body: `Workload comment ${sequence}` } } },
      ];
    case 'publish':
      return [
        'POST',
        '/articles',
        {
          token,
          body: {
            article: {
              title: `Workload ${sequence} ${Math.floor(draw() * 1e9).toString(36)}`,
              description: 'written by the compare workload',
              body: 'A realistic mix needs writes too.',
              tagList: ['workload'],
            },
          },
        },
      ];
  }
}

/**
 * Runs the compare workload against a seeded Conduit API: `connections` users, a share of them signed in
 * (registered here, each following a few authors so its feed has articles), each calling one operation
 * after another, drawn from the mix, for the warm-up and then the measured window.
 */
export async function runWorkload(baseUrl: string, settings: WorkloadSettings): Promise<WorkloadResult> {
  const loggedInMix = mixFor(settings.weights, true);
  const anonymousMix = mixFor(settings.weights, false);
  const loggedInCount = Math.round(settings.connections * settings.loggedInShare);
  const anonymousCount = settings.connections - loggedInCount;
  if (loggedInCount > 0 && !loggedInMix) throw new Error('the weights leave signed-in users nothing to call');
  if (anonymousCount > 0 && !anonymousMix) {
    throw new Error(
      'the weights name only calls that need a login, so anonymous users have nothing to call: give a read (list, article, comments, tags, profile) a weight, or sign every user in',
    );
  }
  const dispatcher = new Agent({ connections: settings.connections, pipelining: 1 });
  const call = conduitClient(baseUrl, dispatcher);
  const seed = settings.seed ?? 17;
  const runId = Date.now().toString(36);
  try {
    const catalogue = await readCatalogue(call);
    const users: User[] = [];
    for (let i = 0; i < settings.connections; i++) {
      const user: User = { index: i, toggles: new Map(), random: seededRandom(seed + i), calls: 0 };
      if (i < loggedInCount) {
        user.token = (await registerUser(call, `load${i}_${runId}`)).token;
        for (const author of catalogue.authors.slice(0, 3)) {
          await expectOk(
            `following ${author}`,
            call('POST', `/profiles/${encodeURIComponent(author)}/follow`, { token: user.token }),
          );
          user.toggles.set(`follow ${author}`, true);
        }
      }
      users.push(user);
    }

    const latencies: number[] = [];
    const operations: WorkloadResult['operations'] = {};
    const sampleFailures: string[] = [];
    let failures = 0;
    let measuring = false;
    const drive = async (user: User, until: () => boolean) => {
      const mix = user.token ? loggedInMix! : anonymousMix!;
      while (!until()) {
        const operation = mix.pick(user.random.next());
        const [method, path, options] = callFor(operation, user, catalogue);
        user.calls++;
        // A call counts in the window it started in.
        const counted = measuring;
        const started = performance.now();
        let failed: string | undefined;
        try {
          const { status, text } = await call(method, path, options);
          if (status < 200 || status >= 300) failed = `${method} ${path} → ${status} ${text.slice(0, 120)}`;
        } catch (error) {
          failed = `${method} ${path} → ${(error as Error).message}`;
        }
        if (!counted) continue;
        latencies.push(performance.now() - started);
        const figures = operations[operation] ?? { calls: 0, failures: 0 };
        operations[operation] = figures;
        figures.calls++;
        if (failed) {
          failures++;
          figures.failures++;
          if (sampleFailures.length < 5) sampleFailures.push(failed);
        }
      }
    };
    // Every user runs through warm-up and measurement without a pause; only the window is counted.
    const warmupEnds = performance.now() + settings.warmupSec * 1000;
    const windowEnds = warmupEnds + settings.durationSec * 1000;
    let fromMs = Date.now();
    const startMeasuring = () => {
      measuring = true;
      fromMs = Date.now();
    };
    const windowStart = setTimeout(startMeasuring, settings.warmupSec * 1000);
    if (settings.warmupSec === 0) startMeasuring();
    await Promise.all(users.map((user) => drive(user, () => performance.now() >= windowEnds)));
    clearTimeout(windowStart);
    const toMs = Date.now();

    const sorted = Float64Array.from(latencies).sort();
    return {
      requests: latencies.length,
      requestsPerSecond: latencies.length / settings.durationSec,
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      p99Ms: percentile(sorted, 0.99),
      errorRate: latencies.length === 0 ? 0 : failures / latencies.length,
      operations,
      sampleFailures,
      loggedInUsers: loggedInCount,
      anonymousUsers: anonymousCount,
      window: { fromMs, toMs },
    };
  } finally {
    await dispatcher.close();
  }
}
