import type { BenchTopology, PatternBench, PatternBenchContext } from '@journey/topology';
import {
  formatPropagation,
  goalP99Ms,
  type PropagationOutcome,
  type PropagationRun,
  type PropagationSettings,
} from './propagation-report.js';

/**
 * The event-driven pattern's own figure: how long a published article takes to reach its author's
 * followers' feeds, per broker, at a fixed publish rate. Each broker gets a fresh topology; a broker
 * whose server is not reachable is reported as skipped rather than failing the others. Each broker is
 * measured in several runs (--runs), since the tail moves from run to run on a shared machine and the
 * goal is about how many runs stay under it. Declared in pattern.ts with its flags (--rate,
 * --followers, --runs); `npm run bench -- event-driven` runs it.
 */

const WARMUP_PUBLISHES = 20;

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;

async function api<T>(
  base: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
) {
  const response = await fetch(`${base}/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token && { authorization: `Token ${init.token}` }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
  return { status: response.status, body: (await response.json()) as T };
}

const register = async (base: string, name: string) =>
  (
    await api<{ user: { token: string } }>(base, '/users', {
      method: 'POST',
      body: { user: { username: name, email: `${name}@bench.example`, password: 'propagation-bench' } },
    })
  ).body.user.token;

/** Publishes `count` articles on a fixed schedule; each answer's status and latency. */
async function publishOnSchedule(
  base: string,
  token: string,
  count: number,
  ratePerSec: number,
  tag: string,
) {
  const started = performance.now();
  const writes: Array<Promise<{ status: number; ms: number }>> = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1_000) / ratePerSec;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    writes.push(
      api(base, '/articles', {
        method: 'POST',
        token,
        body: {
          article: {
            title: `${tag} ${i}`,
            description: 'lag',
            body: 'How long until my followers see this?',
          },
        },
      }).then(
        ({ status }) => ({ status, ms: performance.now() - sent }),
        () => ({ status: 0, ms: performance.now() - sent }),
      ),
    );
  }
  return Promise.all(writes);
}

/** The author's followers, then a warm-up, then `options.runs` measured runs in a row. */
async function measure(
  topology: BenchTopology,
  options: PropagationSettings,
  broker: string,
  progress: (message: string) => void,
): Promise<PropagationRun[]> {
  const base = topology.url;
  const views = topology.processes.find((p) => p.name === 'views');
  if (!views) throw new Error('the event-driven topology has no views process');
  const run = `${broker}${Date.now().toString(36)}`;
  progress(`${broker}: an author and ${options.followers} followers`);
  const author = await register(base, `author${run}`);
  for (let i = 0; i < options.followers; i++) {
    const follower = await register(base, `reader${i}${run}`);
    await api(base, `/profiles/author${run}/follow`, { method: 'POST', token: follower });
  }
  await publishOnSchedule(base, author, WARMUP_PUBLISHES, options.ratePerSec, 'warm-up');
  const count = options.ratePerSec * options.durationSec;
  const runs: PropagationRun[] = [];
  for (let index = 1; index <= options.runs; index++) {
    progress(
      `${broker}: run ${index} of ${options.runs}, ${count} publishes at ${options.ratePerSec}/s for ${options.durationSec}s`,
    );
    // Every write of the run before was answered, so its events are in the history already.
    const since = new Date().toISOString();
    const writes = await publishOnSchedule(base, author, count, options.ratePerSec, `measured ${index}`);
    const response = await fetch(
      `${views.url}/events/lag?type=ArticlePublished&since=${encodeURIComponent(since)}`,
    );
    if (!response.ok)
      throw new Error(`views /events/lag answered ${response.status}: ${await response.text()}`);
    const lag = (await response.json()) as { events: number; p50Ms: number; p99Ms: number; maxMs: number };
    const latencies = writes.map((w) => w.ms).sort((a, b) => a - b);
    runs.push({
      published: count,
      notCreated: writes.filter((w) => w.status !== 201).length,
      writeP50Ms: Math.round(percentile(latencies, 0.5)),
      writeP99Ms: Math.round(percentile(latencies, 0.99)),
      lagP50Ms: lag.p50Ms,
      lagP99Ms: lag.p99Ms,
      lagMaxMs: lag.maxMs,
    });
  }
  return runs;
}

async function measureEachBroker(
  { brokers, startTopology, progress }: PatternBenchContext,
  options: PropagationSettings,
): Promise<PropagationOutcome[]> {
  const outcomes: PropagationOutcome[] = [];
  for (const broker of brokers) {
    progress(`starting event-driven on ${broker}`);
    let topology: BenchTopology;
    try {
      topology = await startTopology({ broker });
    } catch (error) {
      outcomes.push({ broker, skipped: (error as Error).message.split('\n')[0]! });
      continue;
    }
    try {
      outcomes.push({
        broker,
        goalP99Ms: goalP99Ms(broker),
        runs: await measure(topology, options, broker, progress),
      });
    } finally {
      await topology.stop();
    }
  }
  return outcomes;
}

const propagation: PatternBench = async (context) => {
  const options = {
    ratePerSec: context.option('rate'),
    followers: context.option('followers'),
    runs: context.option('runs'),
    durationSec: context.settings.durationSec,
  };
  const outcomes = await measureEachBroker(context, options);
  return { text: formatPropagation(outcomes, options), figures: { ...options, outcomes } };
};

export default propagation;
