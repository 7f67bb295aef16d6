import { seedWithProgress } from './seed.js';
import { up } from './up.js';

const DEMO = { users: 12, articles: 60 };

/**
 * `npm start`: the first stage, running. The monolith on its persistent SQLite file, with a small
 * demo data set the first time (an empty article list is a poor first impression).
 */
export function start(args: string[]): Promise<number> {
  return up(['monolith', ...args], async (running) => {
    const response = await fetch(`${running.url}/api/articles?limit=1`);
    const { articlesCount } = (await response.json()) as { articlesCount: number };
    if (articlesCount === 0) {
      console.error('• first start: adding demo data');
      const summary = await seedWithProgress(running.url, DEMO.users, DEMO.articles);
      console.error(
        `✓ demo data ready: sign in as ${summary.sampleUser.email} / ${summary.sampleUser.password}`,
      );
    }
  });
}
