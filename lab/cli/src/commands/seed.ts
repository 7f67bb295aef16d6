import {
  loadTopology,
  readRunState,
  type SeedSummary,
  seedViaApi,
  startTopology,
} from '@journey/orchestrator';
import { progressBar } from '../progress.js';
import { brokerArg, dbArg, integerArg, parse, patternArg } from '../usage.js';

export const seedOptions = {
  users: { type: 'string' },
  articles: { type: 'string' },
  seed: { type: 'string' },
  db: { type: 'string' },
  broker: { type: 'string' },
} as const;

/** Seeds through the API, with a progress bar; used by `journey seed`, `npm start` and the benchmark. */
export async function seedWithProgress(
  baseUrl: string,
  users: number,
  articles: number,
  seed?: number,
): Promise<SeedSummary> {
  const bar = progressBar('seeding');
  try {
    return await seedViaApi({
      baseUrl,
      users,
      articles,
      seed,
      onProgress: (p) => bar.update(p.done, p.total, p.phase),
    });
  } finally {
    bar.stop();
  }
}

/** Seeds the running copy of a pattern, or starts one on its persistent database, seeds it and stops it. */
export async function seed(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, seedOptions, 'seed');
  const pattern = patternArg(positionals[0], 'seed');
  const users = integerArg('users', values.users, 20, 1, 100_000);
  const articles = integerArg('articles', values.articles, 100, 0, 1_000_000);
  const randomSeed = integerArg('seed', values.seed, 42, 0, 2 ** 31);

  const running = readRunState(pattern);
  if (running) {
    console.error(`• seeding the running ${pattern} at ${running.url}`);
    report(await seedWithProgress(running.url, users, articles, randomSeed));
    return 0;
  }
  const topology = await loadTopology(pattern);
  const started = await startTopology(topology, {
    db: dbArg(values.db),
    broker: brokerArg(values.broker, topology),
    fresh: false,
    log: () => {},
    onEvent: (e) => e.kind === 'provisioned' && console.error(`• ${pattern} ${e.name}: ${e.describe}`),
  });
  try {
    report(await seedWithProgress(started.url, users, articles, randomSeed));
    return 0;
  } finally {
    await started.stop();
  }
}

function report(summary: SeedSummary) {
  console.log(
    `seeded ${summary.users} users, ${summary.articles} articles, ${summary.follows} follows, ` +
      `${summary.favorites} favorites, ${summary.comments} comments (sign in as ${summary.sampleUser.email} / ${summary.sampleUser.password})`,
  );
}
