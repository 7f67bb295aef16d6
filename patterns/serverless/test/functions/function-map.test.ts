import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { routes } from '@journey/contract';
import { describe, expect, it } from 'vitest';
import { ARTICLE_PUBLISHED } from '../../core/event-catalogue.js';
import { conduitFunctions, eventFunctions } from '../../functions/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the function map', () => {
  it('when every function is listed, then every Conduit operation is answered by exactly one of them', () => {
    const operationIds = conduitFunctions.flatMap((entry) => entry.routes.map((route) => route.operationId));
    expect([...operationIds].sort()).toEqual(Object.keys(routes).sort());
  });

  it('when a route is listed, then its path is in API Gateway syntax under /api, with the method of the contract', () => {
    for (const route of conduitFunctions.flatMap((entry) => entry.routes)) {
      const contract = routes[route.operationId as keyof typeof routes];
      expect(route.path).toMatch(/^\/api(\/([a-z]+|\{[a-zA-Z]+\}))+$/);
      expect(route.path).toBe(`/api${contract.path.replace(/:(\w+)/g, '{$1}')}`);
      expect(route.method).toBe(contract.method);
    }
  });

  it('when a function names its module, then the file exists and loads a handler', async () => {
    expect(conduitFunctions.map((entry) => entry.name)).toEqual([
      'users',
      'profiles',
      'articles',
      'comments',
      'tags',
      'feed',
    ]);
    for (const entry of conduitFunctions) {
      expect(existsSync(`${root}${entry.module}`), entry.module).toBe(true);
      expect(typeof (await entry.load()).handler).toBe('function');
    }
  });

  it('when an event function is listed, then its module exists and loads a definition of its name consuming its trigger, delivered to a group of its own', async () => {
    expect(eventFunctions.map(({ name, trigger }) => ({ name, trigger }))).toEqual([
      { name: 'notify-followers', trigger: ARTICLE_PUBLISHED },
    ]);
    for (const entry of eventFunctions) {
      expect(existsSync(`${root}${entry.module}`), entry.module).toBe(true);
      const { definition } = await entry.load();
      expect({ name: definition.name, eventType: definition.eventType }).toEqual({
        name: entry.name,
        eventType: entry.trigger,
      });
    }
    const groups = eventFunctions.map((entry) => entry.group);
    expect(new Set(groups).size).toBe(groups.length);
    const names = [...conduitFunctions, ...eventFunctions].map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
