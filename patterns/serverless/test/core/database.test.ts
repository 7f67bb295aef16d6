import { afterEach, describe, expect, it } from 'vitest';
import { closeFunctionDatabase, functionDatabase } from '../../core/database.js';
import { DEFAULT_POOL_MAX, functionSettings } from '../../core/settings.js';

const saved = { url: process.env.DATABASE_URL, pool: process.env.DATABASE_POOL_MAX };
afterEach(async () => {
  await closeFunctionDatabase();
  for (const [name, value] of [
    ['DATABASE_URL', saved.url],
    ['DATABASE_POOL_MAX', saved.pool],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('functionSettings', () => {
  it('when DATABASE_URL is not set, then the error names it', () => {
    delete process.env.DATABASE_URL;
    expect(() => functionSettings()).toThrow(/DATABASE_URL is not set/);
  });

  it('when DATABASE_POOL_MAX is not set, then an instance keeps a small pool; when set, its value', () => {
    process.env.DATABASE_URL = 'postgres://localhost/conduit';
    delete process.env.DATABASE_POOL_MAX;
    expect(functionSettings().poolMax).toBe(DEFAULT_POOL_MAX);
    process.env.DATABASE_POOL_MAX = '5';
    expect(functionSettings().poolMax).toBe(5);
    process.env.DATABASE_POOL_MAX = '0';
    expect(() => functionSettings()).toThrow(/DATABASE_POOL_MAX/);
  });
});

describe('functionDatabase', () => {
  it('when used twice in one instance, then it is the same connection; after close, a new one', async () => {
    process.env.DATABASE_URL = ':memory:';
    const first = functionDatabase();
    expect(functionDatabase()).toBe(first);
    await closeFunctionDatabase();
    expect(functionDatabase()).not.toBe(first);
  });

  it('when DATABASE_URL is postgres, then opening connects to nothing until the first query', () => {
    // Port 1 has no server: a pool that connected eagerly would fail here.
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/conduit';
    expect(functionDatabase().describe).toBe('postgres 127.0.0.1:1/conduit');
  });
});
