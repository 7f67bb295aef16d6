import { DEFAULT_DASHBOARD_PORT, startDashboard } from '@journey/dashboard';
import { DEFAULT_PATTERN, explicitDbArg, integerArg, parse, UsageError } from '../usage.js';
import { untilStopped } from './dashboard.js';
import { seedWithProgress } from './seed.js';

const DEMO = { users: 12, articles: 60 };

export const startOptions = {
  db: { type: 'string' },
  port: { type: 'string' },
  'dashboard-port': { type: 'string' },
  workers: { type: 'string' },
} as const;

/**
 * `npm start`: the first stage (DEFAULT_PATTERN), running, and the dashboard to watch and break it.
 * It runs on its persistent database under the dashboard's lab (so its page can kill and restart it),
 * with a small demo data set the first time (an empty article list is a poor first impression).
 * `--workers N` runs N copies of it on the one port, as `journey up --workers` does. Its log is printed
 * here; Ctrl-C stops both.
 */
export async function start(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, startOptions, 'start');
  // `npm start --workers 2` keeps the flag for npm and hands us only the "2".
  if (positionals.length > 0)
    throw new UsageError(
      `journey start takes no pattern: it starts ${DEFAULT_PATTERN} (with npm, options go after \`--\`: npm start -- --workers 2)`,
      ['journey up <pattern>'],
    );
  const port = integerArg('port', values.port, 3000, 0, 65_535);
  const workers = values.workers === undefined ? undefined : integerArg('workers', values.workers, 1, 1, 64);
  const dashboardPort = integerArg(
    'dashboard-port',
    values['dashboard-port'],
    DEFAULT_DASHBOARD_PORT,
    0,
    65_535,
  );
  console.error('• building the dashboard…');
  // Without --db each pattern started from the dashboard runs on its own default database.
  const dashboard = await startDashboard({ port: dashboardPort, db: explicitDbArg(values.db) });
  dashboard.lab.subscribe((event) => {
    if (event.kind === 'log' && event.pattern === DEFAULT_PATTERN)
      process.stdout.write(`[${event.process}] ${event.line}\n`);
  });
  let url: string;
  try {
    console.error(`• starting ${DEFAULT_PATTERN}…`);
    url = (await dashboard.lab.start(DEFAULT_PATTERN, { port, workers })).url!;
    await seedDemoData(url);
  } catch (error) {
    await dashboard.close();
    throw error;
  }
  console.error(
    `\n${DEFAULT_PATTERN} serves the Conduit API at ${url}/api\nDashboard: ${dashboard.url}\n(Ctrl-C stops both)`,
  );
  return untilStopped(dashboard);
}

async function seedDemoData(url: string) {
  const response = await fetch(`${url}/api/articles?limit=1`);
  const { articlesCount } = (await response.json()) as { articlesCount: number };
  if (articlesCount > 0) return;
  console.error('• first start: adding demo data');
  const summary = await seedWithProgress(url, DEMO.users, DEMO.articles);
  console.error(`✓ demo data ready: sign in as ${summary.sampleUser.email} / ${summary.sampleUser.password}`);
}
