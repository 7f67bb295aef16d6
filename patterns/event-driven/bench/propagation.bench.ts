import type { BenchTopology, PatternBench, PatternBenchContext } from '@journey/topology';

/**
 * The event-driven pattern's own figure: how long a published article takes to reach its author's
 * followers' feeds, per broker, at a fixed publish rate. Each broker gets a fresh topology; a broker
 * whose server is not reachable is reported as skipped rather than failing the others. Declared in
 * pattern.ts with its flags (--rate, --followers); `npm run bench -- event-driven` runs it.
 */

export interface PropagationSettings {
  /** Article publishes per second, sent on a fixed schedule whatever the answers' pace (open loop). */
  ratePerSec: number;
  durationSec: number;
  /** Readers following the one author: each publish fans out into this many feeds. */
  followers: number;
}

export interface PropagationRow {
  broker: string;
  published: number;
  /** Writes not answered 201: failures, or 202 when the read side did not catch up within the bounded wait. */
  notCreated: number;
  /** The POST's own latency, which includes the gateway's read-your-writes wait. */
  writeP50Ms: number;
  writeP99Ms: number;
  /** Event committed → in the followers' feeds, as the views service recorded it. */
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

export type PropagationOutcome = PropagationRow | { broker: string; skipped: string };

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

async function measure(
  topology: BenchTopology,
  options: PropagationSettings,
  broker: string,
  progress: (message: string) => void,
): Promise<PropagationRow> {
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
  const since = new Date().toISOString();
  const count = options.ratePerSec * options.durationSec;
  progress(`${broker}: ${count} publishes at ${options.ratePerSec}/s for ${options.durationSec}s`);
  const writes = await publishOnSchedule(base, author, count, options.ratePerSec, 'measured');
  const response = await fetch(
    `${views.url}/events/lag?type=ArticlePublished&since=${encodeURIComponent(since)}`,
  );
  const lag = (await response.json()) as { events: number; p50Ms: number; p99Ms: number; maxMs: number };
  const latencies = writes.map((w) => w.ms).sort((a, b) => a - b);
  return {
    broker,
    published: count,
    notCreated: writes.filter((w) => w.status !== 201).length,
    writeP50Ms: Math.round(percentile(latencies, 0.5)),
    writeP99Ms: Math.round(percentile(latencies, 0.99)),
    lagP50Ms: lag.p50Ms,
    lagP99Ms: lag.p99Ms,
    lagMaxMs: lag.maxMs,
  };
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
      outcomes.push(await measure(topology, options, broker, progress));
    } finally {
      await topology.stop();
    }
  }
  return outcomes;
}

/** The propagation table, one line per broker, as `journey bench` prints it. */
export function formatPropagation(outcomes: PropagationOutcome[], options: PropagationSettings): string {
  const lines = [
    `Propagation (event-driven): ${options.ratePerSec} article publishes/s for ${options.durationSec}s, ` +
      `each fanned out to ${options.followers} followers' feeds; lag = event committed → in the feeds`,
    '',
    `${'broker'.padEnd(9)} ${'published'.padStart(9)} ${'not 201'.padStart(8)} ${'write p50'.padStart(10)} ${'write p99'.padStart(10)} ${'lag p50'.padStart(8)} ${'lag p99'.padStart(8)} ${'lag max'.padStart(8)}`,
  ];
  for (const outcome of outcomes) {
    if ('skipped' in outcome) {
      lines.push(`${outcome.broker.padEnd(9)} skipped: ${outcome.skipped}`);
      continue;
    }
    const ms = (value: number) => `${value} ms`.padStart(8);
    lines.push(
      `${outcome.broker.padEnd(9)} ${String(outcome.published).padStart(9)} ${String(outcome.notCreated).padStart(8)} ` +
        `${`${outcome.writeP50Ms} ms`.padStart(10)} ${`${outcome.writeP99Ms} ms`.padStart(10)} ` +
        `${ms(outcome.lagP50Ms)} ${ms(outcome.lagP99Ms)} ${ms(outcome.lagMaxMs)}`,
    );
  }
  return lines.join('\n');
}

const propagation: PatternBench = async (context) => {
  const options = {
    ratePerSec: context.option('rate'),
    followers: context.option('followers'),
    durationSec: context.settings.durationSec,
  };
  const outcomes = await measureEachBroker(context, options);
  return { text: formatPropagation(outcomes, options), figures: { ...options, outcomes } };
};

export default propagation;
