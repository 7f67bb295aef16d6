import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFunctionDatabase } from '../../core/database.js';
import type { ConduitFunction } from '../../core/function-types.js';
import { migrateConduitDatabase } from '../../core/migrate.js';
import { conduitFunctions } from '../../functions/index.js';
import { handler as tagsHandler } from '../../functions/tags/handler.js';
import { azureHttpRegistrations, ROUTE_PREFIX } from '../../platforms/azure/registrations.js';

/**
 * What platforms/azure/app.ts passes to `app.http`. Without a Functions host, @azure/functions skips
 * registration ("test mode"), so the options themselves are checked: the routes Azure will serve, with
 * its route prefix put back, must be exactly the function map's.
 */
const unused: ConduitFunction = async () => {
  throw new Error('not invoked in this test');
};
const registrations = azureHttpRegistrations(
  conduitFunctions.map((entry) => ({ ...entry, handler: unused })),
);

describe('Azure app.http registrations', () => {
  it('when the function map is registered, then Azure serves every route of the map once, and no other', () => {
    const served = registrations.flatMap(({ options }) =>
      (options.methods ?? []).map((method) => `${method} /${ROUTE_PREFIX}/${options.route}`),
    );
    const mapped = conduitFunctions.flatMap(({ routes }) =>
      routes.map(({ method, path }) => `${method} ${path}`),
    );

    expect(served.sort()).toEqual(mapped.sort());
  });

  it('when registered, then every function is anonymous (the API does its own auth) with a unique, valid Azure name', () => {
    const names = registrations.map(({ name }) => name);

    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,126}$/);
    expect(registrations.every(({ options }) => options.authLevel === 'anonymous')).toBe(true);
  });

  it('when a Conduit function has several methods on one path, then they share one Azure function', () => {
    const bySlug = registrations.find(({ options }) => options.route === 'articles/{slug}');

    expect(bySlug?.name).toBe('articles-articles-slug');
    expect(bySlug?.options.methods?.sort()).toEqual(['DELETE', 'GET', 'PUT']);
  });
});

describe('an Azure registration invoked as the worker would', () => {
  const dir = mkdtempSync(join(tmpdir(), 'azure-tags-'));
  beforeAll(async () => {
    process.env.DATABASE_URL = join(dir, 'conduit.sqlite');
    await migrateConduitDatabase(process.env.DATABASE_URL);
  });
  afterAll(async () => {
    await closeFunctionDatabase();
    delete process.env.DATABASE_URL;
    rmSync(dir, { recursive: true, force: true });
  });

  it('when GET /api/tags reaches the tags registration, then the tags function answers through the adapter', async () => {
    const [tags] = azureHttpRegistrations([
      { ...conduitFunctions.find(({ name }) => name === 'tags')!, handler: tagsHandler },
    ]);
    const request = new HttpRequest({ method: 'GET', url: 'http://localhost:7071/api/tags' });

    const response = await tags!.options.handler(
      request,
      new InvocationContext({ functionName: tags!.name }),
    );

    expect(response).toMatchObject({ status: 200, body: '{"tags":[]}' });
  });
});
