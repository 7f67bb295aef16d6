import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/adapters/cli/commands.js';
import type { Core } from '../src/bootstrap.js';
import { coreOn } from './support/core-factories.js';

/** The admin CLI is a second driving adapter: the same use cases, reached through argv instead of HTTP. */
describe('conduit admin CLI', () => {
  let core: Core;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ core, dispose } = await coreOn.memory());
  });
  afterAll(() => dispose?.());

  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, core.conduit, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('when an admin creates a user, publishes as them and lists, then the article is there', async () => {
    const created = await run(
      'create-user',
      '--username',
      'ada',
      '--email',
      'ada@example.com',
      '--password',
      'password1',
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out).user).toMatchObject({ username: 'ada', email: 'ada@example.com' });
    const published = await run(
      'publish-article',
      '--as',
      'ada',
      '--title',
      'Notes on the Engine',
      '--description',
      'd',
      '--body',
      'b',
      '--tag',
      'math',
      '--tag',
      'history',
    );
    expect(published.code).toBe(0);
    expect(JSON.parse(published.out).article).toMatchObject({
      slug: 'notes-on-the-engine',
      tagList: ['history', 'math'],
    });
    const listed = await run('list-articles', '--author', 'ada');
    expect(JSON.parse(listed.out).articlesCount).toBe(1);
  });

  it('when a user follows an author, then the CLI feed shows that author and nobody else', async () => {
    await run('create-user', '--username', 'bob', '--email', 'bob@example.com', '--password', 'password1');
    await core.conduit.followUser(await core.conduit.identifyUser('bob'), 'ada');
    const feed = await run('feed', '--as', 'bob', '--limit', '5');
    expect(feed.code).toBe(0);
    expect(JSON.parse(feed.out).articles.map((a: { slug: string }) => a.slug)).toEqual([
      'notes-on-the-engine',
    ]);
  });

  it('when the core refuses (taken name, unknown user), then exit code 1 with the reason', async () => {
    const taken = await run(
      'create-user',
      '--username',
      'ADA',
      '--email',
      'other@example.com',
      '--password',
      'password1',
    );
    expect(taken).toMatchObject({ code: 1, err: expect.stringContaining('has already been taken') });
    const ghost = await run('feed', '--as', 'ghost');
    expect(ghost).toMatchObject({ code: 1, err: expect.stringContaining('profile not found') });
  });

  it('when the command or a flag is wrong, then exit code 2 with the usage', async () => {
    expect(await run('drop-tables')).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown command'),
    });
    expect(await run('create-user', '--username', 'x')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--email'),
    });
    expect(await run('feed', '--bogus')).toMatchObject({ code: 2 });
  });

  describe('as a process on a SQLite file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journey-hexagonal-cli-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const cli = (...argv: string[]) =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'patterns/hexagonal/src/adapters/cli/main.ts', ...argv],
        {
          cwd: fileURLToPath(new URL('../../..', import.meta.url)),
          env: { ...process.env, DATABASE_URL: join(dir, 'cli.sqlite'), JWT_SECRET: 'cli-test-secret' },
        },
      );

    it('when two invocations run one after the other, then the second sees what the first wrote', async () => {
      await cli(
        'create-user',
        '--username',
        'grace',
        '--email',
        'grace@example.com',
        '--password',
        'password1',
      );
      await cli('publish-article', '--as', 'grace', '--title', 'COBOL', '--description', 'd', '--body', 'b');
      const { stdout } = await cli('list-articles');
      expect(JSON.parse(stdout).articles.map((a: { slug: string }) => a.slug)).toEqual(['cobol']);
    });
  });
});
